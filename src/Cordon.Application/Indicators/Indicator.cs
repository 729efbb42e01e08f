using Cordon.Core.Sharing;

namespace Cordon.Application.Indicators;

/// <summary>One organisation's report about an observable, with its own marking, categories and confidence.</summary>
public sealed class Indicator
{
    public Guid Id { get; set; }
    public Guid ObservableId { get; set; }
    public Observable Observable { get; set; } = null!;
    public Guid OrganisationId { get; set; }
    /// <summary>The value as submitted (for payment cards: the masked display form, never the number).</summary>
    public required string OriginalValue { get; set; }
    public int CategoryFlags { get; set; }
    public int Confidence { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public DateTimeOffset? ValidUntil { get; set; }
    public Tlp Tlp { get; set; }
    public Distribution Distribution { get; set; }
    public List<IndicatorCommunity> Communities { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>
    /// The audit sequence number of the last write that touched this indicator: a monotonic change feed (writes are
    /// serialised by the audit chain), which the screening index of every instance follows.
    /// </summary>
    public long ChangeSequence { get; set; }
    /// <summary>
    /// When this node last added or changed the indicator, in microseconds and strictly increasing across the node
    /// (handed out under the audit lock): the TAXII <c>date_added</c> that peers page and resume by.
    /// </summary>
    public DateTimeOffset DateAdded { get; set; }
    /// <summary>The node the indicator came from by federation; null for this node's own members' reports.</summary>
    public string? OriginNode { get; set; }
}

public sealed class IndicatorCommunity
{
    public Guid IndicatorId { get; set; }
    public Guid CommunityId { get; set; }
}

/// <summary>Another member saw the indicator (in a payment, a call, a report).</summary>
public sealed class Sighting
{
    public Guid Id { get; set; }
    public Guid IndicatorId { get; set; }
    public Guid OrganisationId { get; set; }
    public DateTimeOffset SeenAt { get; set; }
    public int Count { get; set; }
    /// <summary>Where it was seen: a channel or place, free text.</summary>
    public string? Where { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A member says the indicator is wrong (e.g. a legitimate business's number).</summary>
public sealed class FalsePositiveReport
{
    public Guid Id { get; set; }
    public Guid IndicatorId { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
