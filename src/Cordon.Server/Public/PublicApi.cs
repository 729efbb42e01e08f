using System.Text;
using System.Threading.RateLimiting;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Screening;
using Cordon.Core.Text;
using Cordon.Server.Screening;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

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
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
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

    public static RouteGroupBuilder MapPublicCheck(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/public").WithTags("Public").AllowAnonymous().RequireRateLimiting(RateLimitPolicy);
        group.MapGet("/check", Check).WithName("PublicCheck")
            .WithSummary("Is this number, account, wallet or website known to be used by criminals? (public data only)");
        group.MapGet("/", Page).WithName("PublicPage").ExcludeFromDescription();
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

    /// <summary>A plain HTML page: a form, and the answer when a value was sent.</summary>
    private static async Task<ContentHttpResult> Page(string? value, Screener screener, Application.Bulletins.BulletinService bulletins,
        CancellationToken cancellationToken)
    {
        var answer = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(value))
        {
            try
            {
                var result = Run(value, null, screener);
                var message = result.Verdict switch
                {
                    Verdict.KnownBad => "Warning: this is known to be used by criminals.",
                    Verdict.Suspicious => "Caution: this has been reported as suspicious.",
                    _ => "We have no public reports about this. That does not mean it is safe.",
                };
                answer.Append("<section class=\"").Append(CordonJson.Name(result.Verdict)).Append("\" role=\"status\"><h2>")
                    .Append(Html(message)).Append("</h2><p>").Append(Html(result.Value)).Append("</p><ul>");
                foreach (var advice in result.Advice)
                {
                    answer.Append("<li>").Append(Html(advice)).Append("</li>");
                }
                answer.Append("</ul></section>");
            }
            catch (InvalidInputException invalid)
            {
                answer.Append("<section class=\"error\" role=\"alert\"><p>").Append(Html(invalid.Reason)).Append("</p></section>");
            }
        }
        var page = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Check before you pay</title>
            <style>body{"{"}font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5{"}"}
            input{"{"}width:100%;padding:.6rem;font-size:1.1rem{"}"} button{"{"}margin-top:.5rem;padding:.6rem 1.2rem;font-size:1.1rem{"}"}
            .known_bad{"{"}border-left:6px solid #b00020;padding-left:1rem{"}"} .suspicious{"{"}border-left:6px solid #e69500;padding-left:1rem{"}"}
            .clear{"{"}border-left:6px solid #2e7d32;padding-left:1rem{"}"} .error{"{"}color:#b00020{"}"}</style></head>
            <body><h1>Check before you pay</h1>
            <p>Is a phone number, bank account, crypto wallet, website or email address known to be used by fraudsters?</p>
            <form method="get" action="/public/"><label for="value">Number, account, wallet, website or email</label>
            <input id="value" name="value" maxlength="2048" autocomplete="off" value="{Html(value ?? "")}" required>
            <button type="submit">Check</button></form>
            {answer}
            {await WarningsAsync(bulletins, cancellationToken)}
            </body></html>
            """;
        return TypedResults.Content(page, "text/html; charset=utf-8");
    }

    /// <summary>The bulletins members marked public advice, each in every language it has.</summary>
    private static async Task<string> WarningsAsync(Application.Bulletins.BulletinService bulletins, CancellationToken cancellationToken)
    {
        var advice = await bulletins.PublicAdviceAsync(10, cancellationToken);
        if (advice.Count == 0)
        {
            return "";
        }
        var html = new StringBuilder("<section id=\"warnings\"><h2>Current scam warnings</h2>");
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
