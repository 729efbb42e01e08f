namespace Cordon.Server.WebConsole;

/// <summary>
/// Reads a console form before the page does. A form the framework refuses (a NUL character, a malformed encoding)
/// would otherwise end as an empty 400 from the page's antiforgery check, which browsers show as their own error
/// screen; here it gets the console's error page instead.
/// </summary>
public sealed class ConsoleFormGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType
            && http.Request.Path.StartsWithSegments("/console", StringComparison.Ordinal))
        {
            try
            {
                await http.Request.ReadFormAsync(http.RequestAborted);
            }
            catch (InvalidDataException)
            {
                await ConsoleErrorPage.WriteAsync(http, StatusCodes.Status400BadRequest, http.TraceIdentifier);
                return;
            }
        }
        await next(http);
    }
}
