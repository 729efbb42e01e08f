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
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    public ChainedAuditEntry ToChained() =>
        new(new AuditEntry(Sequence, At, OrganisationId, ActorKind, ActorId, Action, ItemType, ItemIds, Details), PreviousHash, Hash);

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
        PreviousHash = chained.PreviousHash,
        Hash = chained.Hash,
    };
}

/// <summary>The last sequence number and hash of the chain, so that removing entries from its end is detected.</summary>
public sealed class AuditHead
{
    public int Id { get; set; }
    public long Sequence { get; set; }
    public required string Hash { get; set; }
}
