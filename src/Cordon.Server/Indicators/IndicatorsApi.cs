using Cordon.Application.Indicators;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Server.Auth;
using Cordon.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cordon.Server.Indicators;

/// <summary>Indicators of criminal infrastructure: submit, read, search, maintain; every read through the access policy.</summary>
public static class IndicatorsApi
{
    /// <summary>Room for a batch of 10,000 items.</summary>
    private const long BatchBodyLimit = 16 * 1024 * 1024;

    public static RouteGroupBuilder MapIndicators(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/indicators").WithTags("Indicators");
        group.MapPost("/", Submit).RequireAuthorization(Policies.Contribute).WithMetadata(new RequestSizeLimitAttribute(BatchBodyLimit))
            .WithName("SubmitIndicators").WithSummary("Submit one indicator, or up to 10,000 as {items: [...]} with a result per item");
        group.MapGet("/", Search).RequireAuthorization(Policies.Read)
            .WithName("SearchIndicators").WithSummary("Search visible indicators; value in any spelling (normalised first)");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.Read)
            .WithName("GetIndicator").WithSummary("One indicator with the network view the caller may see");
        group.MapPatch("/{id:guid}", Update).RequireAuthorization(Policies.Contribute)
            .WithName("UpdateIndicator").WithSummary("Change confidence or expiry (owner)");
        group.MapPost("/{id:guid}/revoke", Revoke).RequireAuthorization(Policies.Contribute)
            .WithName("RevokeIndicator").WithSummary("Revoke an indicator (owner)");
        group.MapPost("/{id:guid}/sightings", AddSighting).RequireAuthorization(Policies.Read)
            .WithName("AddSighting").WithSummary("Report that your organisation saw this indicator");
        group.MapPost("/{id:guid}/false-positives", ReportFalsePositive).RequireAuthorization(Policies.Read)
            .WithName("ReportFalsePositive").WithSummary("Report this indicator as a false positive");
        return group;
    }

    private static async Task<Results<Created<SubmittedIndicator>, Ok<BatchResult>>> Submit(SubmitIndicatorsRequest request,
        Caller caller, IndicatorService indicators, CancellationToken cancellationToken)
    {
        if (request.Items is { } items)
        {
            if (request.Type is not null || request.Value is not null)
            {
                throw new InvalidInputException("items", "send either one indicator or {items: [...]}, not both.");
            }
            var submissions = items.Select(i => i?.ToSubmission() ?? new IndicatorSubmission(null, null, null, null, null, null, null, null)).ToList();
            var results = await indicators.SubmitAsync(caller, submissions, "api", cancellationToken);
            return TypedResults.Ok(new BatchResult(
                results.Count(r => r.Status == SubmissionStatus.Created),
                results.Count(r => r.Status == SubmissionStatus.Updated),
                results.Count(r => r.Status == SubmissionStatus.Rejected),
                results));
        }
        var result = (await indicators.SubmitAsync(caller, [request.ToSubmission()], "api", cancellationToken))[0];
        if (result.Status == SubmissionStatus.Rejected)
        {
            var separator = result.Error!.IndexOf(':', StringComparison.Ordinal);
            throw new InvalidInputException(result.Error[..separator], result.Error[(separator + 1)..].Trim());
        }
        return TypedResults.Created($"/api/v1/indicators/{result.Id}", new SubmittedIndicator(result.Id!.Value, result.Status));
    }

    private static async Task<Ok<IndicatorResponse>> Get(Guid id, Caller caller, IndicatorService indicators,
        CancellationToken cancellationToken)
    {
        return TypedResults.Ok(IndicatorResponse.From(await indicators.GetAsync(caller, id, cancellationToken), caller.OrganisationId));
    }

    private static async Task<Ok<IndicatorPageResponse>> Search(Caller caller, IndicatorService indicators,
        string? type, string? value, string? category, Guid? organisation, string? country, DateTimeOffset? seenSince,
        bool? includeRevoked, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = new IndicatorQuery(QueryEnum.Parse<IdentifierType>(type, "type"), value, QueryEnum.Parse<Category>(category, "category"),
            organisation, country, seenSince, includeRevoked ?? false, cursor, limit ?? 100);
        var page = await indicators.SearchAsync(caller, query, cancellationToken);
        return TypedResults.Ok(new IndicatorPageResponse(
            page.Items.Select(item => IndicatorResponse.From(item.Indicator, item.Reporter, caller.OrganisationId)).ToList(), page.Next));
    }

    private static async Task<Ok<IndicatorResponse>> Update(Guid id, UpdateIndicatorRequest request, Caller caller,
        IndicatorService indicators, CancellationToken cancellationToken)
    {
        await indicators.UpdateAsync(caller, id, request.Confidence, request.ValidUntil, cancellationToken);
        return TypedResults.Ok(IndicatorResponse.From(await indicators.GetAsync(caller, id, cancellationToken), caller.OrganisationId));
    }

    private static async Task<Ok<IndicatorResponse>> Revoke(Guid id, Caller caller, IndicatorService indicators,
        CancellationToken cancellationToken)
    {
        await indicators.RevokeAsync(caller, id, cancellationToken);
        return TypedResults.Ok(IndicatorResponse.From(await indicators.GetAsync(caller, id, cancellationToken), caller.OrganisationId));
    }

    private static async Task<Created<SightingResponse>> AddSighting(Guid id, SightingRequest request, Caller caller,
        IndicatorService indicators, CancellationToken cancellationToken)
    {
        var s = await indicators.AddSightingAsync(caller, id, request.SeenAt, request.Count, request.Where, cancellationToken);
        return TypedResults.Created($"/api/v1/indicators/{id}", new SightingResponse(s.Id, s.OrganisationId, s.SeenAt, s.Count, s.Where));
    }

    private static async Task<Created<FalsePositiveResponse>> ReportFalsePositive(Guid id, FalsePositiveRequest request,
        Caller caller, IndicatorService indicators, CancellationToken cancellationToken)
    {
        var f = await indicators.ReportFalsePositiveAsync(caller, id, request.Reason, cancellationToken);
        return TypedResults.Created($"/api/v1/indicators/{id}", new FalsePositiveResponse(f.Id, f.OrganisationId, f.Reason, f.CreatedAt));
    }
}
