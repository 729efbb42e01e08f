using System.Linq.Expressions;
using Cordon.Core.Sharing;
using Cordon.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Store.Indicators;

/// <summary>
/// <see cref="AccessPolicy.CanSee"/> written as a query filter, so that invisible rows never leave the database (and so
/// never reach counts or pages). <c>AccessPolicyAgreementTests</c> checks that both say the same for every marking.
/// </summary>
public static class IndicatorVisibility
{
    public static Expression<Func<Indicator, bool>> VisibleTo(Viewer viewer)
    {
        if (viewer.Peer is { } peer)
        {
            return SharedWith(peer);
        }
        var organisationId = viewer.OrganisationId;
        var communityIds = viewer.CommunityIds.ToList();
        return i => i.OrganisationId == organisationId
                    || (i.Tlp != Tlp.Red
                        && (i.Distribution == Distribution.Node
                            || i.Distribution == Distribution.Federation
                            || (i.Distribution == Distribution.Communities
                                && i.Communities.Any(c => communityIds.Contains(c.CommunityId)))));
    }

    /// <summary><see cref="AccessPolicy.MayLeaveFor"/> as a query filter: what may leave for a federation peer.</summary>
    public static Expression<Func<Indicator, bool>> SharedWith(PeerRules peer)
    {
        var tlps = Enum.GetValues<Tlp>().Where(peer.AllowsTlp).ToList();
        var types = Enum.GetValues<Core.Identifiers.IdentifierType>().Where(peer.AllowsType).ToList();
        var categories = peer.AllowedCategories;
        var name = peer.PeerName;
        if (peer.AllowedTypes == 0)
        {
            // "Every type" is left out of the SQL rather than written as IN (all types): a filter on the observable's type
            // leads SQLite's planner to start from the observables and sort the whole collection for every page.
            return i => i.Distribution == Distribution.Federation && tlps.Contains(i.Tlp)
                        && (categories == 0 || (i.CategoryFlags & categories) != 0) && (i.OriginNode == null || i.OriginNode != name);
        }
        return i => i.Distribution == Distribution.Federation && tlps.Contains(i.Tlp) && types.Contains(i.Observable.Type)
                    && (categories == 0 || (i.CategoryFlags & categories) != 0) && (i.OriginNode == null || i.OriginNode != name);
    }

    public static IQueryable<Indicator> VisibleTo(this IQueryable<Indicator> indicators, Viewer viewer) =>
        indicators.Where(VisibleTo(viewer));

    /// <summary>The viewer for an organisation: it and the communities it belongs to.</summary>
    public static async Task<Viewer> ViewerAsync(this CordonDb db, Guid organisationId, CancellationToken cancellationToken)
    {
        var communities = await db.CommunityMembers.AsNoTracking().Where(m => m.OrganisationId == organisationId)
            .Select(m => m.CommunityId).ToListAsync(cancellationToken);
        var peer = await db.Peers.AsNoTracking().Where(p => p.OrganisationId == organisationId).SingleOrDefaultAsync(cancellationToken);
        return new Viewer(organisationId, communities.ToHashSet(), peer?.Rules());
    }
}
