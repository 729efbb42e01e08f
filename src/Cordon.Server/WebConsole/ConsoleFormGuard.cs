using Microsoft.AspNetCore.Antiforgery;

namespace Cordon.Server.WebConsole;

/// <summary>
/// Answers a console form whose antiforgery check failed (a token that is missing or stale, or a form the framework
/// could not read at all, e.g. one holding a NUL character) with the console's error page. Left alone, the page would
/// end in an empty 400, which browsers replace with their own error screen. Runs after <c>UseAntiforgery</c>.
/// </summary>
public sealed class ConsoleFormGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
            && http.Request.Path.StartsWithSegments("/console", StringComparison.Ordinal))
        {
            await ConsoleErrorPage.WriteAsync(http, StatusCodes.Status400BadRequest);
            return;
        }
        await next(http);
    }
}
