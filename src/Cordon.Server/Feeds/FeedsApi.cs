using System.Security.Claims;
using Cordon.Application.Feeds;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Sharing;
using Cordon.Core.Text;
using Cordon.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cordon.Server.Feeds;

public sealed record FeedRequest(string? Name, FeedKind? Kind, string? Location, IdentifierType? Type, Tlp? Tlp, IReadOnlyList<Category>? Categories,
    int? Confidence, Distribution? Distribution, string? CollectionId, string? Username, string? Secret, int? IntervalMinutes);

/// <summary>A feed as the API shows it: never its secret.</summary>
public sealed record FeedResponse(Guid Id, string Name, string Kind, string Location, Guid OrganisationId, string? Type, string Tlp,
    IReadOnlyList<string> Categories, int Confidence, string Distribution, string? CollectionId, int IntervalMinutes, DateTimeOffset? LastRunAt,
    DateTimeOffset? LastSuccessAt, string? LastError, long LastRows, long LastCreated, long LastUpdated, long LastRejected,
    IReadOnlyList<string> LastRowErrors, int ConsecutiveFailures, DateTimeOffset? RetryAfter)
{
    public static FeedResponse From(Feed f) => new(f.Id, f.Name, CordonJson.Name(f.Kind), FeedSource.Redacted(f.Location), f.OrganisationId,
        f.Type is { } type ? CordonJson.Name(type) : null, CordonJson.Name(f.Tlp), CategorySet.FromFlags(f.CategoryFlags).Select(CordonJson.Name).ToList(),
        f.Confidence, CordonJson.Name(f.Distribution), f.CollectionId, f.IntervalMinutes, f.LastRunAt, f.LastSuccessAt, f.LastError, f.LastRows,
        f.LastCreated, f.LastUpdated, f.LastRejected, f.LastRowErrors?.Split('\n') ?? [], f.ConsecutiveFailures, f.RetryAfter);
}

/// <summary><c>/api/v1/feeds</c>: scheduled imports (node administrators).</summary>
public static class FeedsApi
{
    public static void MapFeeds(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/feeds").WithTags("Feeds").RequireAuthorization(Policies.OperateNode);
        group.MapPost("/", Add).WithName("AddFeed").WithSummary("Add a feed: a MISP feed, a list or CSV, a STIX bundle or a remote TAXII collection");
        group.MapGet("/", List).WithName("ListFeeds").WithSummary("Feeds with their last run, counts and errors");
        group.MapGet("/{nameOrId}", Get).WithName("GetFeed").WithSummary("One feed");
        group.MapPost("/{nameOrId}/run", Run).WithName("RunFeed").WithSummary("Run a feed now");
    }

    private static async Task<Created<FeedResponse>> Add(FeedRequest body, ClaimsPrincipal user, FeedDirectory feeds, CancellationToken cancellationToken)
    {
        var feed = await feeds.AddAsync(user.ToActor(), new FeedSpec(body.Name, body.Kind, body.Location, body.Type, body.Tlp, body.Categories,
            body.Confidence, body.Distribution, body.CollectionId, body.Username, body.Secret, body.IntervalMinutes), cancellationToken);
        return TypedResults.Created($"/api/v1/feeds/{feed.Id}", FeedResponse.From(feed));
    }

    private static async Task<Ok<IReadOnlyList<FeedResponse>>> List(ClaimsPrincipal user, FeedDirectory feeds, CancellationToken cancellationToken)
    {
        return TypedResults.Ok<IReadOnlyList<FeedResponse>>((await feeds.ListAsync(cancellationToken)).Select(FeedResponse.From).ToList());
    }

    private static async Task<Ok<FeedResponse>> Get(string nameOrId, ClaimsPrincipal user, FeedDirectory feeds, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(FeedResponse.From(await feeds.FindAsync(nameOrId, cancellationToken)));
    }

    private static async Task<Ok<FeedRunReport>> Run(string nameOrId, ClaimsPrincipal user, FeedDirectory feeds, FeedRunner runner,
        CancellationToken cancellationToken)
    {
        var feed = await feeds.FindAsync(nameOrId, cancellationToken);
        return TypedResults.Ok(await runner.RunAsync(feed.Id, cancellationToken));
    }
}
