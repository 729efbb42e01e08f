namespace Cordon.Application.Audit;

/// <summary>What a write did, for its audit record: the action, the kind of item, the items, and a few details.</summary>
/// <param name="Details">Serialised to JSON; never put secrets or restricted values here.</param>
public sealed record AuditedChange<T>(T Result, string Action, string ItemType, IReadOnlyList<Guid> ItemIds, object? Details = null);

/// <summary>An audit record with no change to go with it (a read, noted after the fact).</summary>
public sealed record AuditFact(Core.Members.Actor Actor, string Action, string ItemType, IReadOnlyList<Guid> ItemIds, object? Details);
