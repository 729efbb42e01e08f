using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Cordon.Server.WebConsole;

/// <summary>
/// An error met by a console page (a form the framework cannot read, a failure) as a plain page in the user's
/// language with a way back, rather than the API's problem+json; like the problem details, it shows no internals.
/// </summary>
public static class ConsoleErrorPage
{
    public static bool Serves(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/console", StringComparison.Ordinal) && !http.Response.HasStarted;

    public static async Task WriteAsync(HttpContext http, int status)
    {
        var culture = CookieRequestCultureProvider.ParseCookieValue(
            http.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName] ?? "")?.UICultures.FirstOrDefault().Value;
        CultureInfo.CurrentUICulture = new CultureInfo(culture == "zh-Hans" ? "zh-Hans" : "en");
        var text = http.RequestServices.GetRequiredService<IStringLocalizer<Text>>();
        var message = status switch
        {
            StatusCodes.Status400BadRequest => text["The form could not be read: it may hold characters that are not allowed, or the page was open too long. Go back and try again."],
            StatusCodes.Status413PayloadTooLarge => text["What you sent is too large for this page."],
            StatusCodes.Status404NotFound => text["There is no such page."],
            StatusCodes.Status429TooManyRequests => text["Too many failed sign-ins came from your address. Wait a little, then try again."],
            _ when status < 500 => text["The request could not be carried out."],
            _ => text["Something went wrong on the server. The error was logged; quote the reference below to the node's operator."],
        };
        await DrainAsync(http);
        var html = HtmlEncoder.Default;
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{html.Encode(CultureInfo.CurrentUICulture.Name)}"><head><meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{html.Encode(text["Error"])} · Cordon</title><link rel="stylesheet" href="/console/console.css" /></head>
            <body><main id="main"><h1>{html.Encode(text["Error"])}</h1>
            <p class="error" role="alert">{html.Encode(message)}</p>
            <p class="empty">{html.Encode(text["Reference"])}: <code>{html.Encode(Activity.Current?.Id ?? http.TraceIdentifier)}</code></p>
            <p><a href="/console">{html.Encode(text["Back to the dashboard"])}</a></p></main></body></html>
            """, http.RequestAborted);
    }

    // A form the framework stopped reading half-way leaves the rest of the body unread, and the connection would be reset
    // under the browser before it shows this page. The body is bounded by the endpoint's size limit.
    private static async Task DrainAsync(HttpContext http)
    {
        try
        {
            await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or InvalidOperationException or OperationCanceledException)
        {
            // Too large or gone: nothing more to read.
        }
    }
}
