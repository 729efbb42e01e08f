using Cordon.Core.Sharing;

namespace Cordon.Application.Federation;

/// <summary>Which way a peer's objects flow.</summary>
public enum PeerDirection
{
    Pull,
    Push,
    Both,
    /// <summary>The peer calls this node (pulls from it or pushes to it); this node never calls the peer.</summary>
    Inbound,
}

/// <summary>
/// Another Cordon node (or any TAXII 2.1 server) this node federates with: where its collection is, how to call it,
/// which way objects flow, what may leave for it (its rules) and how far the sync has got.
/// </summary>
public sealed class FederationPeer
{
    public Guid Id { get; set; }
    /// <summary>The peer node's name, as its objects' provenance (<c>origin_node</c>) names it.</summary>
    public required string Name { get; set; }
    /// <summary>The organisation that stands for the peer on this node: its keys are what the peer calls this node with.</summary>
    public Guid OrganisationId { get; set; }
    /// <summary>The peer's TAXII API root, ending in <c>/</c>; null for an inbound-only peer.</summary>
    public string? ApiRoot { get; set; }
    public string? CollectionId { get; set; }
    public PeerDirection Direction { get; set; }
    /// <summary>For HTTP Basic: the user name the peer gave this node (on Cordon, this node's organisation id there); null for bearer.</summary>
    public string? Username { get; set; }
    /// <summary>
    /// The secret to call the peer with (an API key of this node's organisation there), kept as given because this node
    /// must present it; never shown again once saved. Null for an inbound-only peer.
    /// </summary>
    public string? Secret { get; set; }
    /// <summary>TLPs that may leave for this peer, as flags of <see cref="Tlp"/> (never RED or AMBER+STRICT).</summary>
    public int AllowedTlps { get; set; }
    /// <summary>Identifier types that may leave, as flags; 0 for every type.</summary>
    public int AllowedTypes { get; set; }
    /// <summary>Categories that may leave, as flags; 0 for every category.</summary>
    public int AllowedCategories { get; set; }
    /// <summary>The <c>date_added</c> of the last object pulled and stored (TAXII timestamp text, the peer's clock).</summary>
    public string? PullCursor { get; set; }
    /// <summary>The <see cref="Indicators.Indicator.DateAdded"/> of the last indicator the peer acknowledged.</summary>
    public DateTimeOffset? PushCursor { get; set; }
    public long Pulled { get; set; }
    public long Pushed { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public string? LastError { get; set; }
    public int ConsecutiveFailures { get; set; }
    /// <summary>When the scheduler may try again after a failure (back-off).</summary>
    public DateTimeOffset? RetryAfter { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last signed head of the peer's audit log that this node checked (<c>PublishedTreeHead</c> JSON).</summary>
    public string? AuditHead { get; set; }

    /// <summary>Set when the peer's log did not extend the head last seen: what was wrong, until an operator clears it.</summary>
    public string? AuditAlarm { get; set; }

    public DateTimeOffset? AuditCheckedAt { get; set; }

    public PeerRules Rules() => new(Name, AllowedTlps, AllowedTypes, AllowedCategories);
}

/// <summary>The status resource of one TAXII add-objects request (kept at least 24 hours).</summary>
public sealed class TaxiiStatus
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public int Total { get; set; }
    public int Successes { get; set; }
    public int Failures { get; set; }
    /// <summary>The per-object results as JSON: <c>{"successes":[…],"failures":[…]}</c> of <c>{id, version, message}</c>.</summary>
    public required string Details { get; set; }
}

/// <summary>
/// A STIX object received that Cordon keeps without acting on it (a pattern it cannot screen with, a report, a
/// relationship…): shown to whoever its marking allows, never dropped.
/// </summary>
public sealed class KeptStixObject
{
    public required string StixId { get; set; }
    public required string Type { get; set; }
    public Guid OrganisationId { get; set; }
    public Tlp Tlp { get; set; }
    public DateTimeOffset Modified { get; set; }
    public required string Json { get; set; }
    public string? Reason { get; set; }
    public string? OriginNode { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
