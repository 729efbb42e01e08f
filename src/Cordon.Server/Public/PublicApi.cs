using System.Text;
using System.Threading.RateLimiting;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Screening;
using Cordon.Core.Text;
using Cordon.Server.Screening;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Cordon.Server.Public;

public sealed record PublicCheckResponse(string? Type, string Value, Verdict Verdict, IReadOnlyList<string> Categories, IReadOnlyList<string> Advice);

/// <summary>
/// Dissuasion for the public: a check endpoint and a plain page. Only TLP:CLEAR data distributed to the node, no
/// organisation names or counts, rate-limited per address (<c>Cordon:Public:RequestsPerMinute</c>, default 30).
/// </summary>
public static class PublicApi
{
    public const string RateLimitPolicy = "public";

    public static IServiceCollection AddPublicCheck(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Cordon:Public:RequestsPerMinute", 30);
        var reportsPerHour = configuration.GetValue("Cordon:Public:ReportsPerHour", 10);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(VictimReportPage.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientNetwork(context.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = reportsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
            options.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientNetwork(context.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (context.HttpContext.Request.Path.StartsWithSegments("/public/report"))
                {
                    // A person at a form is told politely, in their language, on a page.
                    context.HttpContext.Response.Headers.RetryAfter = "3600";
                    var T = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<WebConsole.Text>>();
                    await PublicPage.Html(context.HttpContext, T, T["Report a scam"], $"<h1>{PublicPage.Encode(T["Report a scam"])}</h1><p role=\"alert\">"
                        + PublicPage.Encode(T["We have received many reports from your connection. Please try again in an hour, or call the police."])
                        + "</p>", StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
                    return;
                }
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many checks.",
                        Detail = "Please wait a minute before checking again.",
                    },
                });
            };
        });
        return services;
    }

    /// <summary>
    /// Whom a limit counts: an IPv4 address, or an IPv6 /64 (one home or phone has a whole /64, and could otherwise take
    /// a new address for every request).
    /// </summary>
    public static string ClientNetwork(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }

    public static RouteGroupBuilder MapPublicCheck(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/public").WithTags("Public").AllowAnonymous().RequireRateLimiting(RateLimitPolicy);
        group.MapGet("/check", Check).WithName("PublicCheck")
            .WithSummary("Is this number, account, wallet or website known to be used by criminals? (public data only)");
        group.MapGet("/", Page).WithName("PublicPage").ExcludeFromDescription();
        group.MapVictimReport();
        group.MapPublicStatistics();
        return group;
    }

    private static Ok<PublicCheckResponse> Check(string? value, string? type, Screener screener) =>
        TypedResults.Ok(Run(value, type, screener));

    private static PublicCheckResponse Run(string? value, string? type, Screener screener)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidInputException("value", "enter a phone number, account, wallet, website or email address.");
        }
        if (value.Length > 2048)
        {
            throw new InvalidInputException("value", "is too long.");
        }
        var parsed = Http.QueryEnum.Parse<IdentifierType>(type, "type");
        type = parsed is null ? null : type;
        var types = parsed is null ? IdentifierGuess.Candidates(value) : [parsed.Value];
        string? firstError = null;
        Identifier? recognised = null;
        foreach (var candidate in types)
        {
            try
            {
                var (identifier, result) = screener.ScreenPublic(candidate, value);
                recognised ??= identifier;
                if (result.Verdict != Verdict.Clear)
                {
                    return Response(identifier, result);
                }
            }
            catch (InvalidInputException invalid)
            {
                firstError ??= invalid.Reason;
            }
        }
        if (recognised is not null)
        {
            return Response(recognised, ScreeningResult.Clear);
        }
        throw new InvalidInputException("value", type is null ? "is not a phone number, account, wallet, website or email address we can check." : firstError!);
    }

    private static PublicCheckResponse Response(Identifier identifier, ScreeningResult result) => new(
        CordonJson.Name(identifier.Type), identifier.Display, result.Verdict, result.Categories.Select(CordonJson.Name).ToList(),
        result.Verdict == Verdict.Clear ? [PublicAdvice.General] : [.. result.Categories.Select(PublicAdvice.For).Distinct(), PublicAdvice.General]);

    /// <summary>A plain HTML page in the visitor's language: a form, and the answer when a value was sent.</summary>
    private static async Task<ContentHttpResult> Page(string? value, Screener screener, Application.Bulletins.BulletinService bulletins,
        IStringLocalizer<WebConsole.Text> T, HttpContext http, CancellationToken cancellationToken)
    {
        var answer = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(value))
        {
            try
            {
                var result = Run(value, null, screener);
                var message = result.Verdict switch
                {
                    Verdict.KnownBad => T["Warning: this is known to be used by criminals."],
                    Verdict.Suspicious => T["Caution: this has been reported as suspicious."],
                    _ => T["We have no public reports about this. That does not mean it is safe."],
                };
                answer.Append("<section class=\"").Append(CordonJson.Name(result.Verdict)).Append("\" role=\"status\"><h2>")
                    .Append(Html(message)).Append("</h2><p>").Append(Html(result.Value)).Append("</p><ul>");
                foreach (var advice in result.Advice)
                {
                    answer.Append("<li>").Append(Html(T[advice])).Append("</li>");
                }
                answer.Append("</ul></section>");
            }
            catch (InvalidInputException invalid)
            {
                answer.Append("<section class=\"error\" role=\"alert\"><p>").Append(Html(T[invalid.Reason])).Append("</p></section>");
            }
        }
        var body = $"""
            <h1>{Html(T["Check before you pay"])}</h1>
            <p>{Html(T["Is a phone number, bank account, crypto wallet, website or email address known to be used by fraudsters?"])}</p>
            <form method="get" action="/public/"><label for="value">{Html(T["Number, account, wallet, website or email"])}</label>
            <input id="value" name="value" maxlength="2048" autocomplete="off" value="{Html(value ?? "")}" required>
            <button type="submit">{Html(T["Check"])}</button></form>
            {answer}
            <p><a href="/public/report">{Html(T["Were you the victim of a scam? Report it"])}</a> · <a href="/public/statistics">{Html(T["What the alliance's public records add up to"])}</a></p>
            {await WarningsAsync(bulletins, T, cancellationToken)}
            """;
        return PublicPage.Html(http, T, T["Check before you pay"], body);
    }

    /// <summary>The bulletins members marked public advice, each in every language it has.</summary>
    private static async Task<string> WarningsAsync(Application.Bulletins.BulletinService bulletins, IStringLocalizer<WebConsole.Text> T,
        CancellationToken cancellationToken)
    {
        var advice = await bulletins.PublicAdviceAsync(10, cancellationToken);
        if (advice.Count == 0)
        {
            return "";
        }
        var html = new StringBuilder("<section id=\"warnings\"><h2>").Append(Html(T["Current scam warnings"])).Append("</h2>");
        foreach (var bulletin in advice)
        {
            foreach (var text in bulletin.Texts.OrderBy(t => t.AddedAt))
            {
                html.Append("<article lang=\"").Append(Html(text.Language)).Append("\"><h3>").Append(Html(text.Title)).Append("</h3><p><strong>")
                    .Append(Html(text.Summary)).Append("</strong></p>").Append(WebConsole.MarkdownText.ToSafeHtml(text.Body));
                if (text.Actions is not null)
                {
                    html.Append("<p>").Append(Html(text.Actions)).Append("</p>");
                }
                html.Append("</article>");
            }
        }
        return html.Append("</section>").ToString();
    }

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}
