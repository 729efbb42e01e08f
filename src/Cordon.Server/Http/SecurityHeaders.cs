namespace Cordon.Server.Http;

/// <summary>
/// Headers that close a browser's doors on every response: no framing (clickjacking), no type sniffing, no referrer
/// leaving the node, and a content policy that lets the console load only its own styles and its one script file (no
/// inline script, no other origin), which may call back only to this node (its event stream, its pages).
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, Hosting.PublicAddress address)
{
    private const string ContentPolicy =
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'self'";

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (address.IsHttps)
            {
                // Served over HTTPS at its public URL: browsers keep to HTTPS for a year.
                headers.StrictTransportSecurity = "max-age=31536000";
            }
            return Task.CompletedTask;
        });
        return next(http);
    }
}
