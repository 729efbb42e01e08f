namespace Cordon.Core.Errors;

/// <summary>
/// A failure the caller can act on. The message is shown to the caller as it is, so it never holds internals,
/// secrets or anything the caller may not see.
/// </summary>
public abstract class CordonException(string message) : Exception(message);

/// <summary>Input that is wrong: names the field and the reason.</summary>
public sealed class InvalidInputException(string field, string reason) : CordonException($"{field}: {reason}")
{
    public string Field { get; } = field;
    public string Reason { get; } = reason;
}

/// <summary>The item does not exist, or the caller may not know that it exists.</summary>
public sealed class NotFoundException(string itemType) : CordonException($"The {itemType} was not found.")
{
    public string ItemType { get; } = itemType;
}

/// <summary>The caller is known but may not do this.</summary>
public sealed class ForbiddenException(string reason) : CordonException(reason);

/// <summary>The request conflicts with the current state (a duplicate name, an item already revoked).</summary>
public sealed class ConflictException(string reason) : CordonException(reason);

/// <summary>
/// The audit log does not end where its head says (records removed, the head row removed or edited): the node refuses
/// every write until an operator has looked (503), rather than append to a log that can no longer prove its past.
/// </summary>
public sealed class AuditLogBrokenException(long firstBadRecord) : CordonException(
    $"The audit log is broken at record {firstBadRecord}: it was altered outside the node. Writes are refused until the "
    + "node's operator has run 'cordon audit verify' and restored the log.")
{
    public long FirstBadRecord { get; } = firstBadRecord;
}
