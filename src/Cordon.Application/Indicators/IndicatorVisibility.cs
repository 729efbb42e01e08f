using System.Linq.Expressions;
using Cordon.Core.Sharing;

namespace Cordon.Application.Indicators;

/// <summary>The access policy (<see cref="MarkingFilter"/>) on indicators, as a query filter.</summary>
public static class IndicatorVisibility
{
    public static readonly MarkingShape<Indicator> Shape = new(
        i => i.OrganisationId, i => i.Tlp, i => i.Distribution, i => i.Communities.Select(c => c.CommunityId),
        Type: i => i.Observable.Type, CategoryFlags: i => i.CategoryFlags);

    public static Expression<Func<Indicator, bool>> VisibleTo(Viewer viewer) => MarkingFilter.For(viewer, Shape);

    public static IQueryable<Indicator> VisibleTo(this IQueryable<Indicator> indicators, Viewer viewer) =>
        indicators.Where(VisibleTo(viewer));

    /// <summary>
    /// What a peer may see and has not already got: an item is never sent back to the node it came from. This is how
    /// loops of nodes are cut, not an access rule.
    /// </summary>
    public static IQueryable<Indicator> SharedWith(this IQueryable<Indicator> indicators, Viewer peer)
    {
        var name = peer.Peer?.PeerName ?? throw new ArgumentException("Not a peer.", nameof(peer));
        return indicators.VisibleTo(peer).Where(i => i.OriginNode == null || i.OriginNode != name);
    }
}
