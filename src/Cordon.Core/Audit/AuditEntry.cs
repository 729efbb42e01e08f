namespace Cordon.Core.Audit;

/// <summary>One link of the audit chain: who did what to which items, and when.</summary>
/// <param name="Sequence">Position in the chain, starting at 1 with no gaps.</param>
/// <param name="ItemIds">Identifiers of the items touched, comma-separated.</param>
/// <param name="Details">A short JSON object with what changed; never secrets.</param>
/// <param name="ContentDigest">
/// The SHA-256 over the content hashes of the items after the change (see <see cref="AuditContent"/>), or null for an
/// action whose items have no kept content.
/// </param>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    Guid OrganisationId,
    string ActorKind,
    string ActorId,
    string Action,
    string ItemType,
    string ItemIds,
    string Details,
    string? ContentDigest = null);

/// <summary>An entry as stored, with the hashes that chain it to its predecessor.</summary>
public sealed record ChainedAuditEntry(AuditEntry Entry, string PreviousHash, string Hash);
