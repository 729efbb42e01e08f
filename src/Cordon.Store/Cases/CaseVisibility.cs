using System.Linq.Expressions;
using Cordon.Core.Sharing;
using Cordon.Store.Entities;

namespace Cordon.Store.Cases;

/// <summary>
/// <see cref="AccessPolicy.CanSee"/> for cases, as a query filter (the same rule as indicators; checked against the
/// policy by <c>AccessPolicyAgreementTests</c>). Invisible cases never leave the database, so they reach no count.
/// </summary>
public static class CaseVisibility
{
    public static Expression<Func<Case, bool>> VisibleTo(Viewer viewer)
    {
        var organisationId = viewer.OrganisationId;
        var communityIds = viewer.CommunityIds.ToList();
        return c => c.OrganisationId == organisationId
                    || (c.Tlp != Tlp.Red
                        && (c.Distribution == Distribution.Node
                            || c.Distribution == Distribution.Federation
                            || (c.Distribution == Distribution.Communities
                                && c.Communities.Any(m => communityIds.Contains(m.CommunityId)))));
    }

    public static IQueryable<Case> VisibleTo(this IQueryable<Case> cases, Viewer viewer) => cases.Where(VisibleTo(viewer));
}
