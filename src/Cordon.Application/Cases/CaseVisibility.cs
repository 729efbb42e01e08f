using System.Linq.Expressions;
using Cordon.Core.Sharing;

namespace Cordon.Application.Cases;

/// <summary>The access policy (<see cref="MarkingFilter"/>) on cases, as a query filter.</summary>
public static class CaseVisibility
{
    public static readonly MarkingShape<Case> Shape = new(
        c => c.OrganisationId, c => c.Tlp, c => c.Distribution, c => c.Communities.Select(m => m.CommunityId), Category: c => c.Category);

    public static Expression<Func<Case, bool>> VisibleTo(Viewer viewer) => MarkingFilter.For(viewer, Shape);

    public static IQueryable<Case> VisibleTo(this IQueryable<Case> cases, Viewer viewer) => cases.Where(VisibleTo(viewer));
}
