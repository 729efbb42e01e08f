using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Cordon.Server.Public;

/// <summary>
/// The frame of the public pages: plain HTML that works without JavaScript, in the visitor's language (from the
/// <c>culture</c> query, the language cookie, or <c>Accept-Language</c>), with links to switch, visible focus and
/// colours that meet WCAG 2.1 AA contrast on white.
/// </summary>
public static class PublicPage
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a;background:#fff}"
        + "input,select,textarea{width:100%;padding:.5rem;font-size:1rem;border:1px solid #555;box-sizing:border-box}"
        + "label{display:block;margin-top:.8rem;font-weight:600} .hint{font-weight:400;color:#444}"
        + "button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1.05rem;background:#0b57d0;color:#fff;border:0}"
        + "a{color:#0b57d0} :focus{outline:3px solid #b3261e;outline-offset:2px}"
        + ".known_bad{border-left:6px solid #b00020;padding-left:1rem}.suspicious{border-left:6px solid #8a5300;padding-left:1rem}"
        + ".clear{border-left:6px solid #1b5e20;padding-left:1rem}.error{color:#b00020}.done{border-left:6px solid #1b5e20;padding-left:1rem}"
        + ".trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden} nav.lang{float:right}";

    public static ContentHttpResult Html(HttpContext http, IStringLocalizer<WebConsole.Text> T, string title, string body, int status = 200)
    {
        var culture = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? "zh-Hans" : "en";
        var path = Encode(http.Request.Path.Value ?? "/public/");
        if (http.Request.Query.ContainsKey("culture"))
        {
            // A language chosen with the links stays chosen for the pages and the form that follow.
            http.Response.Cookies.Append(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
                Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.MakeCookieValue(new(culture)),
                new CookieOptions { SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true, Secure = http.Request.IsHttps });
        }
        http.Response.Headers.Vary = "Accept-Language, Cookie";
        var page = $"""
            <!doctype html>
            <html lang="{culture}"><head><meta charset="utf-8"><link rel="icon" href="data:,"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)}</title><style>{Style}</style></head>
            <body><nav class="lang" aria-label="{Encode(T["Language"])}"><a href="{path}?culture=en" lang="en"{(culture == "en" ? " aria-current=\"true\"" : "")}>English</a> ·
            <a href="{path}?culture=zh-Hans" lang="zh-Hans"{(culture == "zh-Hans" ? " aria-current=\"true\"" : "")}>简体中文</a></nav>
            <main>
            {body}
            </main></body></html>
            """;
        return TypedResults.Content(page, "text/html; charset=utf-8", statusCode: status);
    }

    public static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text);
}
