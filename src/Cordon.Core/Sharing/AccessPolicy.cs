namespace Cordon.Core.Sharing;

/// <summary>The organisation asking to see something, with the communities it belongs to.</summary>
public sealed record Viewer(Guid OrganisationId, IReadOnlySet<Guid> CommunityIds);

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
    /// distributed. Otherwise the distribution decides: the owner only, the item's communities, or every member.
    /// </summary>
    public static bool CanSee(Viewer viewer, Marking item) =>
        viewer.OrganisationId == item.OwnerId
        || (item.Tlp != Tlp.Red && item.Distribution switch
        {
            Distribution.Organisation => false,
            Distribution.Communities => item.CommunityIds.Any(viewer.CommunityIds.Contains),
            Distribution.Node or Distribution.Federation => true,
        });

    /// <summary>What the public check page may use: TLP:CLEAR items distributed to the whole node or beyond.</summary>
    public static bool IsPublic(Marking item) =>
        item.Tlp == Tlp.Clear && item.Distribution is Distribution.Node or Distribution.Federation;
}
