namespace Cordon.Core.Sharing;

/// <summary>How far the node distributes an item, independent of what its TLP lets recipients do with it.</summary>
public enum Distribution
{
    /// <summary>The owning organisation only.</summary>
    Organisation,
    /// <summary>Members of the item's named communities.</summary>
    Communities,
    /// <summary>Every member organisation of this node.</summary>
    Node,
    /// <summary>Every member of this node, and federated peers as their sharing rules allow.</summary>
    Federation,
}
