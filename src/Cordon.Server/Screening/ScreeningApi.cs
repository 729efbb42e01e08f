using Cordon.Application.Screening;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Members;
using Cordon.Core.Screening;
using Cordon.Core.Text;
using Cordon.Server.Auth;
using Cordon.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cordon.Server.Screening;

/// <summary>Screening for members and federation peers (under their sharing rules): one identifier, a streamed batch, or a private hash-prefix range.</summary>
public static class ScreeningApi
{
    public static RouteGroupBuilder MapScreening(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/screen").WithTags("Screening").RequireAuthorization(Policies.ReadOrPeer);
        group.MapPost("/", Screen).WithName("Screen")
            .WithSummary("Check one identifier of any type, in any spelling; with a channel (and amount), also a check token for its outcome");
        group.MapPost("/outcomes", Outcomes).RequireAuthorization(Policies.Contribute).WithName("ScreeningOutcomes")
            .WithSummary("Report what was done after screenings with a channel (stopped, warned, allowed): up to 1000 check tokens");
        group.MapPost("/batch", Batch).WithMetadata(new DisableRequestSizeLimitAttribute()).WithName("ScreenBatch")
            .WithSummary("Check many identifiers: NDJSON ({type, value} per line) or CSV (header type,value) in, the same format out");
        group.MapGet("/range/{prefix}", Range).WithName("ScreenRange")
            .WithSummary("Private screening: the first 5 hex digits of SHA-256(type:value) in, matching suffixes out");
        return group;
    }

    private static Ok<ScreenResponse> Screen(ScreenRequest request, Caller caller, Screener screener, ScreeningChecks checks, TimeProvider clock)
    {
        if (request.Channel is null && (request.Amount is not null || request.Currency is not null))
        {
            throw new InvalidInputException("channel", $"an amount belongs to a transaction: name its channel ({CordonJson.Names<Channel>()}).");
        }
        if (request.Amount is < 0 or > Application.Response.RequestService.MaxAmount)
        {
            throw new InvalidInputException("amount", $"must be between 0 and {Application.Response.RequestService.MaxAmount:N0}.");
        }
        var currency = request.Currency is null ? null : Core.Cases.Currencies.Normalise(request.Currency, "currency");
        if (request.Amount is not null && currency is null)
        {
            throw new InvalidInputException("currency", "give the currency of the amount.");
        }
        var (identifier, result) = screener.Screen(caller, request.Type, request.Value);
        var check = request.Channel is { } channel
            ? checks.Issue(new ScreeningCheck(Guid.CreateVersion7(clock.GetUtcNow()), caller.OrganisationId, identifier.Type, result.Verdict,
                Core.Indicators.CategorySet.ToFlags(result.Categories), channel, request.Amount, currency, clock.GetUtcNow()))
            : null;
        return TypedResults.Ok(ScreenResponse.From(identifier, result, check));
    }

    private static async Task<Ok<OutcomeReport>> Outcomes(OutcomesBody body, Caller caller, ScreeningChecks checks, InterceptionService interceptions,
        CancellationToken cancellationToken)
    {
        var outcomes = body.Outcomes ?? throw new InvalidInputException("outcomes", "is required: [{check, outcome}].");
        if (outcomes.Count > InterceptionService.MaxPerReport)
        {
            throw new InvalidInputException("outcomes", $"give at most {InterceptionService.MaxPerReport} outcomes.");
        }
        return TypedResults.Ok(await interceptions.ReportAsync(caller,
            outcomes.Select(o => new ReportedOutcome(checks.Read(o?.Check), o?.Outcome)).ToList(), cancellationToken));
    }

    private static Ok<RangeResponse> Range(string prefix, Caller caller, Screener screener)
    {
        if (prefix.Length != 5 || !prefix.All(Uri.IsHexDigit))
        {
            throw new InvalidInputException("prefix", "must be the first 5 hexadecimal digits of the SHA-256.");
        }
        var matches = screener.Range(caller, prefix.ToLowerInvariant());
        return TypedResults.Ok(new RangeResponse(prefix.ToLowerInvariant(),
            matches.Select(m => new RangeMatch(m.Suffix, m.Result.Verdict, m.Result.Score, m.Result.Categories)).ToList()));
    }

    /// <summary>Streams: answers go out chunk by chunk as lines are read; a bad line gets an error line, not a failure.</summary>
    private static async Task Batch(HttpContext context, Caller caller, Screener screener, string? type)
    {
        var csv = context.Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true;
        var ndjson = context.Request.ContentType?.Split(';')[0].Trim() is "application/x-ndjson" or "application/jsonl" or "application/json-seq";
        if (!csv && !ndjson)
        {
            throw new BadHttpRequestException("Send text/csv or application/x-ndjson.", StatusCodes.Status415UnsupportedMediaType);
        }
        var defaultType = QueryEnum.Parse<IdentifierType>(type, "type");
        context.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
        // Nothing is sent before the first answer, so a bad CSV header is still answered with a problem.
        await new BatchScreening(screener, caller, csv, defaultType)
            .RunAsync(context.Request.Body, context.Response.Body, context.RequestAborted);
    }
}
