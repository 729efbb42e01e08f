using Cordon.Core.Identifiers;

namespace Cordon.Core.Sharing;

/// <summary>
/// The organisation asking to see something, with the communities it belongs to; <c>Peer</c> is set when the
/// organisation stands for a federation peer, which sees only what its sharing rules let leave the node. Built once per
/// request from the authenticated caller (<c>CallerDirectory</c> in the store); services take it, never build it.
/// </summary>
public sealed record Viewer(Guid OrganisationId, IReadOnlySet<Guid> CommunityIds, PeerRules? Peer = null)
{
    public bool IsPeer => Peer is not null;
}

/// <summary>
/// What decides who may see an item: its owner, TLP, distribution, (for community distribution) communities, and, for
/// a peer's rules, the identifier type (null for items that are not an identifier, such as cases) and categories.
/// </summary>
public sealed record Marking(Guid OwnerId, Tlp Tlp, Distribution Distribution, IReadOnlyCollection<Guid> CommunityIds,
    IdentifierType? Type = null, int CategoryFlags = 0);

/// <summary>
/// The one access policy: whether an organisation may see an item. This class holds it in every form a path needs: the
/// predicate here, the query filter (<see cref="MarkingFilter"/>) and the packed form the screening index calls
/// (<see cref="CanSee(Viewer, bool, Tlp, Distribution, bool, IdentifierType?, int)"/> with
/// <see cref="SeenByEveryMember"/> as its short cut). <c>AccessPolicyAgreementTests</c> proves they agree on every
/// combination, peers included.
/// </summary>
public static class AccessPolicy
{
    /// <summary>
    /// The owner always sees its items. TLP:RED is for named recipients only, which the node cannot name, so it is never
    /// distributed. Otherwise the distribution decides: the owner only, the item's communities, or every member. A
    /// federation peer sees only items distributed to the federation under a TLP, type and categories its rules let leave.
    /// </summary>
    public static bool CanSee(Viewer viewer, Marking item) =>
        CanSee(viewer, item.OwnerId == viewer.OrganisationId, item.Tlp, item.Distribution,
            item.Distribution == Distribution.Communities && item.CommunityIds.Any(viewer.CommunityIds.Contains), item.Type, item.CategoryFlags);

    /// <summary>
    /// The policy on an item's parts, for stores that keep them packed: <paramref name="owns"/> whether the viewer's
    /// organisation owns the item, <paramref name="sharesACommunity"/> whether one of the item's communities is the
    /// viewer's (needed only when the distribution is to communities).
    /// </summary>
    public static bool CanSee(Viewer viewer, bool owns, Tlp tlp, Distribution distribution, bool sharesACommunity, IdentifierType? type,
        int categoryFlags)
    {
        if (viewer.Peer is { } peer)
        {
            return distribution == Distribution.Federation && peer.AllowsTlp(tlp) && (type is null || peer.AllowsType(type.Value))
                   && peer.AllowsCategories(categoryFlags);
        }
        return owns || SeenByEveryMember(tlp, distribution) || (tlp != Tlp.Red && distribution == Distribution.Communities && sharesACommunity);
    }

    /// <summary>The common case, decided without looking at the viewer beyond its kind: an item every member sees.</summary>
    public static bool SeenByEveryMember(Tlp tlp, Distribution distribution) =>
        tlp != Tlp.Red && distribution is Distribution.Node or Distribution.Federation;

    /// <summary>What the public check page may use: TLP:CLEAR items distributed to the whole node or beyond.</summary>
    public static bool IsPublic(Tlp tlp, Distribution distribution) =>
        tlp == Tlp.Clear && distribution is Distribution.Node or Distribution.Federation;

    public static bool IsPublic(Marking item) => IsPublic(item.Tlp, item.Distribution);
}
