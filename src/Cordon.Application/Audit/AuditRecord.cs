using Cordon.Core.Audit;

namespace Cordon.Application.Audit;

/// <summary>A stored link of the audit chain. Rows are only ever inserted.</summary>
public sealed class AuditRecord
{
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid OrganisationId { get; set; }
    public required string ActorKind { get; set; }
    public required string ActorId { get; set; }
    public required string Action { get; set; }
    public required string ItemType { get; set; }
    public required string ItemIds { get; set; }
    public required string Details { get; set; }
    public string? ContentDigest { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    public ChainedAuditEntry ToChained() =>
        new(new AuditEntry(Sequence, At, OrganisationId, ActorKind, ActorId, Action, ItemType, ItemIds, Details, ContentDigest), PreviousHash,
            Hash);

    public static AuditRecord From(ChainedAuditEntry chained) => new()
    {
        Sequence = chained.Entry.Sequence,
        At = chained.Entry.At,
        OrganisationId = chained.Entry.OrganisationId,
        ActorKind = chained.Entry.ActorKind,
        ActorId = chained.Entry.ActorId,
        Action = chained.Entry.Action,
        ItemType = chained.Entry.ItemType,
        ItemIds = chained.Entry.ItemIds,
        Details = chained.Entry.Details,
        ContentDigest = chained.Entry.ContentDigest,
        PreviousHash = chained.PreviousHash,
        Hash = chained.Hash,
    };
}

/// <summary>
/// The last sequence number and hash of the chain, so that removing entries from its end is detected, and the right
/// edge of the Merkle tree over the records (<see cref="MerkleFrontier"/>), so that an append reads nothing else.
/// </summary>
public sealed class AuditHead
{
    public int Id { get; set; }
    public long Sequence { get; set; }
    public required string Hash { get; set; }

    /// <summary>How many records the tree holds: equal to <see cref="Sequence"/> once records kept before the tree are in it.</summary>
    public long TreeSize { get; set; }

    public string? TreeFrontier { get; set; }
}

/// <summary>
/// A complete perfect subtree of the audit tree: leaves [Index·2^Level, (Index+1)·2^Level). Written once, when its
/// last leaf is appended; proofs are made from these.
/// </summary>
public sealed class AuditTreeNode
{
    public int Level { get; set; }
    public long Index { get; set; }
    public required string Hash { get; set; }
}

/// <summary>The hash of one item's content after the change recorded as <see cref="Sequence"/>.</summary>
public sealed class AuditItemContent
{
    public long Sequence { get; set; }
    public Guid ItemId { get; set; }
    public required string ItemType { get; set; }
    public required string ContentHash { get; set; }
}
