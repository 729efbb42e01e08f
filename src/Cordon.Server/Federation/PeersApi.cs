using System.Security.Claims;
using Cordon.Application.Federation;
using Cordon.Application.Members;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Cordon.Core.Text;
using Cordon.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cordon.Server.Federation;

public sealed record PeerRequest(string? Name, string? ApiRoot, string? CollectionId, PeerDirection? Direction, string? Username, string? Secret,
    IReadOnlyList<Tlp>? Tlps, IReadOnlyList<IdentifierType>? Types, IReadOnlyList<Category>? Categories);

/// <summary>A peer as the API shows it: never its secret.</summary>
public sealed record PeerResponse(Guid Id, string Name, Guid OrganisationId, string? ApiRoot, string? CollectionId, PeerDirection Direction,
    IReadOnlyList<string> Tlps, IReadOnlyList<string> Types, IReadOnlyList<string> Categories, string? PullCursor, DateTimeOffset? PushCursor,
    long Pulled, long Pushed, DateTimeOffset? LastRunAt, DateTimeOffset? LastSuccessAt, string? LastError, int ConsecutiveFailures,
    DateTimeOffset? RetryAfter, PeerAuditWitness Audit)
{
    public static PeerResponse From(FederationPeer p) => new(p.Id, p.Name, p.OrganisationId, p.ApiRoot, p.CollectionId, p.Direction,
        Enum.GetValues<Tlp>().Where(t => (p.AllowedTlps & PeerRules.Flag(t)) != 0).Select(CordonJson.Name).ToList(),
        Enum.GetValues<IdentifierType>().Where(t => (p.AllowedTypes & PeerRules.Flag(t)) != 0).Select(CordonJson.Name).ToList(),
        CategorySet.FromFlags(p.AllowedCategories).Select(CordonJson.Name).ToList(),
        p.PullCursor, p.PushCursor, p.Pulled, p.Pushed, p.LastRunAt, p.LastSuccessAt, p.LastError, p.ConsecutiveFailures, p.RetryAfter,
        PeerAuditWitness.From(p));
}

/// <summary>What this node, as witness, last checked of the peer's audit log, and the alarm raised if it did not extend.</summary>
public sealed record PeerAuditWitness(long? Size, string? RootHash, DateTimeOffset? SignedAt, DateTimeOffset? CheckedAt, string? Alarm)
{
    public static PeerAuditWitness From(FederationPeer p)
    {
        Core.Audit.PublishedTreeHead? head;
        try
        {
            head = p.AuditHead is null ? null : Core.Audit.PublishedTreeHead.Parse(p.AuditHead);
        }
        catch (FormatException)
        {
            head = null; // a kept head that no longer reads: the next sync witnesses afresh
        }
        return new(head?.Size, head?.RootHash, head?.Time, p.AuditCheckedAt, p.AuditAlarm);
    }
}

/// <summary>The peer just added, with the credentials the peer must use to call this node (shown once).</summary>
public sealed record PeerCreatedResponse(PeerResponse Peer, string InboundUsername, string InboundKey, string ApiRoot);

public static class PeersApi
{
    public static void MapPeers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/peers").WithTags("Federation").RequireAuthorization(Policies.OperateNode);
        group.MapPost("/", Add).WithName("AddPeer").WithSummary("Add a federation peer (node administrators); answers the credentials the peer calls this node with");
        group.MapGet("/", List).WithName("ListPeers").WithSummary("Federation peers, their rules and sync progress");
        group.MapGet("/{nameOrId}", Get).WithName("GetPeer").WithSummary("One peer");
        group.MapPost("/{nameOrId}/sync", Sync).WithName("SyncPeer").WithSummary("Sync with a peer now");
        group.MapPost("/{nameOrId}/audit/accept", AcceptAudit).WithName("AcceptPeerAudit")
            .WithSummary("Clear a peer's audit alarm and witness its log afresh from the next sync (after looking into it)");
    }

    private static async Task<Created<PeerCreatedResponse>> Add(PeerRequest body, ClaimsPrincipal user, PeerDirectory peers, MemberDirectory members,
        HttpContext http, Hosting.PublicAddress address, CancellationToken cancellationToken)
    {
        var actor = user.ToActor();
        var peer = await peers.AddAsync(actor, new PeerSpec(body.Name, body.ApiRoot, body.CollectionId, body.Direction, body.Username, body.Secret,
            body.Tlps, body.Types, body.Categories), cancellationToken);
        var key = await members.CreateKeyAsync(actor, peer.OrganisationId, $"federation: {peer.Name}", [Role.Analyst], cancellationToken: cancellationToken);
        return TypedResults.Created($"/api/v1/peers/{peer.Id}", new PeerCreatedResponse(PeerResponse.From(peer), peer.OrganisationId.ToString("D"),
            key.Secret, $"{address.Base(http)}{TaxiiApi.ApiRootPath}"));
    }

    private static async Task<Ok<IReadOnlyList<PeerResponse>>> List(ClaimsPrincipal user, PeerDirectory peers, CancellationToken cancellationToken)
    {
        return TypedResults.Ok<IReadOnlyList<PeerResponse>>((await peers.ListAsync(cancellationToken)).Select(PeerResponse.From).ToList());
    }

    private static async Task<Ok<PeerResponse>> AcceptAudit(string nameOrId, ClaimsPrincipal user, PeerDirectory peers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(PeerResponse.From(await peers.AcceptAuditAsync(user.ToActor(), nameOrId, cancellationToken)));

    private static async Task<Ok<PeerResponse>> Get(string nameOrId, ClaimsPrincipal user, PeerDirectory peers, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(PeerResponse.From(await peers.FindAsync(nameOrId, cancellationToken)));
    }

    private static async Task<Ok<SyncReport>> Sync(string nameOrId, ClaimsPrincipal user, PeerDirectory peers, PeerSync sync, CancellationToken cancellationToken)
    {
        var peer = await peers.FindAsync(nameOrId, cancellationToken);
        return TypedResults.Ok(await sync.SyncAsync(peer.Id, cancellationToken));
    }
}
