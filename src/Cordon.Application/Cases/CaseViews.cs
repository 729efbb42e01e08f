using Cordon.Application.Indicators;
using Cordon.Application.Members;

namespace Cordon.Application.Cases;

/// <summary>One identifier a case names, with what else the caller's visible part of the network knows about it.</summary>
public sealed record IdentifierCorrelation(
    Observable Identifier,
    bool NonCorrelating,
    int OtherCases,
    int Indicators,
    int Organisations,
    IReadOnlyList<string> Countries,
    IReadOnlyList<Guid> CaseIds)
{
    /// <summary>
    /// e.g. "appears in 7 reports from 3 countries": other visible cases, and visible indicators of other members that
    /// have no visible case naming it (a case's own indicator is not a second report).
    /// </summary>
    public int Reports => OtherCases + Indicators;
}

/// <summary>A case as the caller may see it, with its notes and attachments (the case's marking covers them).</summary>
public sealed record CaseView(
    Case Case,
    Organisation Reporter,
    bool IsOwner,
    IReadOnlyList<IdentifierCorrelation> Correlations,
    IReadOnlyList<CaseNote> Notes,
    IReadOnlyList<CaseAttachment> Attachments);

/// <summary>A new link in the correlation feed: a case named an identifier that other visible reports name too.</summary>
public sealed record CorrelationEvent(long Sequence, Guid CaseId, DateTimeOffset At, IdentifierCorrelation Correlation);

public sealed record CorrelationPage(IReadOnlyList<CorrelationEvent> Items, long Cursor);

public enum CaseRowStatus
{
    Created,
    Rejected,
}

public sealed record CaseRowResult(long Line, CaseRowStatus Status, Guid? Id, string? Error);
