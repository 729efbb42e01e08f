using Cordon.Core.Identifiers;
using Cordon.Core.Sharing;

namespace Cordon.Application.Feeds;

/// <summary>What a feed's source is.</summary>
public enum FeedKind
{
    /// <summary>A MISP feed: a folder with manifest.json and one {uuid}.json per event.</summary>
    Misp,
    /// <summary>A plain list, one value per line, all of the feed's type.</summary>
    List,
    /// <summary>Cordon's import CSV (a header row naming type, value, …).</summary>
    Csv,
    /// <summary>A STIX 2.1 bundle.</summary>
    Stix,
    /// <summary>A collection of a remote TAXII 2.1 server, pulled by <c>added_after</c>.</summary>
    Taxii,
}

/// <summary>
/// A scheduled import from outside the federation: where it is, what its values are reported as (by the feed's own
/// organisation on this node, so that a feed's reports are told apart and can be weighed or revoked together), and
/// how its last run went.
/// </summary>
public sealed class Feed
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public FeedKind Kind { get; set; }
    /// <summary>An http(s) URL, or an absolute file path (a MISP feed: its folder; TAXII: the API root).</summary>
    public required string Location { get; set; }
    /// <summary>The organisation that reports what the feed brings.</summary>
    public Guid OrganisationId { get; set; }
    /// <summary>For a plain list: the identifier type of its values.</summary>
    public IdentifierType? Type { get; set; }
    public Tlp Tlp { get; set; }
    public int CategoryFlags { get; set; }
    public int Confidence { get; set; }
    public Distribution Distribution { get; set; }
    /// <summary>For TAXII: the collection id, the Basic user name (bearer when null) and the secret, kept as given because it must be sent.</summary>
    public string? CollectionId { get; set; }
    public string? Username { get; set; }
    public string? Secret { get; set; }
    public int IntervalMinutes { get; set; }
    /// <summary>How far the feed has been read: TAXII's last <c>date_added</c>; for MISP, JSON of event uuid → timestamp imported.</summary>
    public string? Cursor { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public string? LastError { get; set; }
    public long LastRows { get; set; }
    public long LastCreated { get; set; }
    public long LastUpdated { get; set; }
    public long LastRejected { get; set; }
    /// <summary>The first refused rows of the last run, one per line ("event/line: reason").</summary>
    public string? LastRowErrors { get; set; }
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset? RetryAfter { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
