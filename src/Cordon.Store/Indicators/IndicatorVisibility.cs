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
        var organisationId = viewer.OrganisationId;
        var communityIds = viewer.CommunityIds.ToList();
        return i => i.OrganisationId == organisationId
                    || (i.Tlp != Tlp.Red
                        && (i.Distribution == Distribution.Node
                            || i.Distribution == Distribution.Federation
                            || (i.Distribution == Distribution.Communities
                                && i.Communities.Any(c => communityIds.Contains(c.CommunityId)))));
    }

    public static IQueryable<Indicator> VisibleTo(this IQueryable<Indicator> indicators, Viewer viewer) =>
        indicators.Where(VisibleTo(viewer));

    /// <summary>The viewer for an organisation: it and the communities it belongs to.</summary>
    public static async Task<Viewer> ViewerAsync(this CordonDb db, Guid organisationId, CancellationToken cancellationToken)
    {
        var communities = await db.CommunityMembers.AsNoTracking().Where(m => m.OrganisationId == organisationId)
            .Select(m => m.CommunityId).ToListAsync(cancellationToken);
        return new Viewer(organisationId, communities.ToHashSet());
    }
}
