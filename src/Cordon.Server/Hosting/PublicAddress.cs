using Cordon.Core.Security;
using Microsoft.AspNetCore.HttpOverrides;

namespace Cordon.Server.Hosting;

/// <summary>
/// Where the node is reached from outside, for what it tells others about itself (TAXII discovery, a new peer's API
/// root): <c>Cordon:Node:PublicUrl</c> when set — never the request's Host header, which a client chooses — else the
/// request's own scheme and host (for a node on one machine). Behind a reverse proxy, the client's address and scheme
/// come from <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, believed only from <c>Cordon:Proxy:KnownNetworks</c>.
/// </summary>
public sealed class PublicAddress(Uri? publicUrl)
{
    public const string PublicUrlSetting = "Cordon:Node:PublicUrl";
    public const string ProxiesSetting = "Cordon:Proxy:KnownNetworks";

    public Uri? Configured => publicUrl;

    public static PublicAddress FromConfiguration(IConfiguration configuration)
    {
        if (configuration[PublicUrlSetting] is not { Length: > 0 } text)
        {
            return new PublicAddress(null);
        }
        return Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var url) && url.Scheme is "https" or "http"
                                                                                 && url.AbsolutePath is "/" or ""
            ? new PublicAddress(url)
            : throw new InvalidOperationException($"{PublicUrlSetting} must be the node's base URL, such as https://cordon.bank.example.");
    }

    /// <summary>The node's base URL without a trailing slash.</summary>
    public string Base(HttpContext http) =>
        publicUrl is { } url ? url.GetLeftPart(UriPartial.Authority) : $"{http.Request.Scheme}://{http.Request.Host}";

    /// <summary>Forwarded headers from the configured proxies only; none configured, none believed.</summary>
    public static void UseForwardedHeadersFromProxies(WebApplication app)
    {
        var networks = (app.Configuration[ProxiesSetting] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => InternalAddresses.ParseNetwork(entry)
                             ?? throw new InvalidOperationException($"{ProxiesSetting}: '{entry}' is not a network or an address."))
            .ToList();
        if (networks.Count == 0)
        {
            return;
        }
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(network);
        }
        app.UseForwardedHeaders(options);
    }

    /// <summary>True when the configured public URL is HTTPS: cookies are then sent only over HTTPS.</summary>
    public bool IsHttps => publicUrl?.Scheme == "https";
}
