using Cordon.Application.Data;
using Cordon.Application.Federation;
using Cordon.Core.Errors;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Members;

/// <summary>
/// The one place a <see cref="Viewer"/> is made: from the store, for an authenticated actor (the organisation, the
/// communities it belongs to, and the sharing rules when it stands for a federation peer).
/// </summary>
public sealed class CallerDirectory(CordonDb db)
{
    public async Task<Caller> ForAsync(Actor actor, CancellationToken cancellationToken) =>
        new(actor, await ViewerAsync(actor.OrganisationId, cancellationToken));

    public async Task<Viewer> ViewerAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        var communities = await db.CommunityMembers.AsNoTracking().Where(m => m.OrganisationId == organisationId)
            .Select(m => m.CommunityId).ToListAsync(cancellationToken);
        var peer = await db.Peers.AsNoTracking().Where(p => p.OrganisationId == organisationId).SingleOrDefaultAsync(cancellationToken);
        return peer is null ? new Viewer(organisationId, communities.ToHashSet()) : ForPeer(peer);
    }

    /// <summary>The local operator of the node (the CLI): one of its administrators, named by the operating-system user.</summary>
    public async Task<Actor> LocalOperatorAsync(string userName, CancellationToken cancellationToken)
    {
        var node = await db.Organisations.AsNoTracking().FirstAsync(o => o.IsNodeOperator, cancellationToken);
        return new Actor(node.Id, ActorKind.Cli, userName, RoleSet.ToFlags([Role.Admin]), IsNodeOperator: true);
    }

    /// <summary>The local operator acting for a member organisation with one role (the CLI's <c>--org</c>).</summary>
    public async Task<Actor> LocalActorAsync(Guid organisationId, Role role, string userName, CancellationToken cancellationToken) =>
        await db.Organisations.AnyAsync(o => o.Id == organisationId, cancellationToken)
            ? new Actor(organisationId, ActorKind.Cli, userName, RoleSet.ToFlags([role]), IsNodeOperator: false)
            : throw new NotFoundException("organisation");

    /// <summary>A peer's viewer: its rules decide, its organisation's communities never widen them.</summary>
    public static Viewer ForPeer(FederationPeer peer) => new(peer.OrganisationId, new HashSet<Guid>(), peer.Rules());
}
