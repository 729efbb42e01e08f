using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Cordon.Server.WebConsole.Shell;
using Microsoft.AspNetCore.Localization;

namespace Cordon.Server.WebConsole;

/// <summary>The console: a Blazor app rendered on the server (plain HTML forms, no script needed) in English and Simplified Chinese.</summary>
public static class ConsoleSetup
{
    private static readonly CultureInfo[] Cultures = [new("en"), new("zh-Hans")];

    public static IServiceCollection AddCordonConsole(this IServiceCollection services)
    {
        services.AddRazorComponents();
        // Chinese text as characters rather than numeric entities (the encoder still escapes markup).
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddLocalization();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "cordon.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            // The public pages' language links use ?culture=; the console's choice is a cookie; otherwise the browser's languages.
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    public static WebApplication UseCordonConsole(this WebApplication app)
    {
        app.UseMiddleware<ConsoleFormGuard>();
        app.MapGet("/console/console.css", (HttpContext http) => Embedded(http, Css.Value, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/console/console.js", (HttpContext http) => Embedded(http, Script.Value, "text/javascript; charset=utf-8")).AllowAnonymous()
            .ExcludeFromDescription();
        app.MapConsoleAuthentication();
        app.MapRazorComponents<App>();
        return app;
    }

    private static readonly Lazy<string> Css = new(() => Read("console.css"));
    private static readonly Lazy<string> Script = new(() => Read("console.js"));

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Cordon.Server.WebConsole.{name}")
                           ?? throw new InvalidOperationException($"{name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IResult Embedded(HttpContext http, string text, string contentType)
    {
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Text(text, contentType);
    }
}
