namespace Cordon.Core.Sharing;

/// <summary>
/// The organisation asking to see something, with the communities it belongs to; <c>Peer</c> is set when the
/// organisation stands for a federation peer, which sees only what its sharing rules let leave the node.
/// </summary>
public sealed record Viewer(Guid OrganisationId, IReadOnlySet<Guid> CommunityIds, PeerRules? Peer = null);

/// <summary>What decides who may see an item: its owner, TLP, distribution and (for community distribution) communities.</summary>
public sealed record Marking(Guid OwnerId, Tlp Tlp, Distribution Distribution, IReadOnlyCollection<Guid> CommunityIds);

/// <summary>
/// The one access policy: whether an organisation may see an item. Every way data leaves the node applies it (the
/// store expresses the same rule as a query filter, and a test checks that the two agree on every combination).
/// </summary>
public static class AccessPolicy
{
    /// <summary>
    /// The owner always sees its items. TLP:RED is for named recipients only, which the node cannot name, so it is never
    /// distributed. Otherwise the distribution decides: the owner only, the item's communities, or every member. A
    /// federation peer sees only items distributed to the federation under a TLP its rules let leave.
    /// </summary>
    public static bool CanSee(Viewer viewer, Marking item)
    {
        if (viewer.Peer is { } peer)
        {
            return item.Distribution == Distribution.Federation && peer.AllowsTlp(item.Tlp);
        }
        return viewer.OrganisationId == item.OwnerId
               || (item.Tlp != Tlp.Red && item.Distribution switch
               {
                   Distribution.Organisation => false,
                   Distribution.Communities => item.CommunityIds.Any(viewer.CommunityIds.Contains),
                   Distribution.Node or Distribution.Federation => true,
               });
    }

    /// <summary>
    /// Whether an indicator may leave for a peer: distributed to the federation, a TLP the peer's rules allow (never
    /// RED or AMBER+STRICT), a type and categories they allow, and not one that came from that peer.
    /// </summary>
    public static bool MayLeaveFor(PeerRules peer, Marking item, Identifiers.IdentifierType type, int categoryFlags, string? originNode) =>
        item.Distribution == Distribution.Federation && peer.AllowsTlp(item.Tlp) && peer.AllowsType(type)
        && peer.AllowsCategories(categoryFlags) && originNode != peer.PeerName;

    /// <summary>What the public check page may use: TLP:CLEAR items distributed to the whole node or beyond.</summary>
    public static bool IsPublic(Marking item) =>
        item.Tlp == Tlp.Clear && item.Distribution is Distribution.Node or Distribution.Federation;
}
