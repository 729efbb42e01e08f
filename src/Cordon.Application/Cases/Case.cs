using Cordon.Application.Indicators;
using Cordon.Core.Cases;
using Cordon.Core.Indicators;
using Cordon.Core.Sharing;

namespace Cordon.Application.Cases;

/// <summary>A victim report: what happened, what it cost, where, and the identifiers the criminals used.</summary>
public sealed class Case
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Category Category { get; set; }
    public decimal LossAmount { get; set; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string LossCurrency { get; set; }
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public required string VictimCountry { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>The reporting organisation's own reference (a crime number, a complaint id).</summary>
    public string? Reference { get; set; }
    public string? Summary { get; set; }
    public CaseStatus Status { get; set; }
    public Tlp Tlp { get; set; }
    public Distribution Distribution { get; set; }
    public List<CaseCommunity> Communities { get; set; } = [];
    public List<CaseIdentifier> Identifiers { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class CaseCommunity
{
    public Guid CaseId { get; set; }
    public Guid CommunityId { get; set; }
}

/// <summary>A case names an identifier. <see cref="Sequence"/> (the audit sequence of the write) orders the correlation feed.</summary>
public sealed class CaseIdentifier
{
    public Guid CaseId { get; set; }
    public Guid ObservableId { get; set; }
    public Observable Observable { get; set; } = null!;
    public long Sequence { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class CaseNote
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Author { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A file kept with a case, with its SHA-256 so that a copy can be shown to be the same file.</summary>
public sealed class CaseAttachment
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string FileName { get; set; }
    public required string MediaType { get; set; }
    public long Size { get; set; }
    /// <summary>Lower-case hex.</summary>
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public required string Author { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A value so common (a bank's own collection account) that it must not link cases together.</summary>
public sealed class NonCorrelatingObservable
{
    public Guid ObservableId { get; set; }
    public required string Reason { get; set; }
    public required string MarkedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
