using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Sharing;

namespace Cordon.Application.Indicators;

/// <summary>One indicator as a member submits it (API body, import row).</summary>
public sealed record IndicatorSubmission(
    IdentifierType? Type,
    string? Value,
    IReadOnlyList<Category>? Categories,
    int? Confidence,
    Tlp? Tlp,
    Distribution? Distribution,
    IReadOnlyList<Guid>? Communities,
    DateTimeOffset? ValidUntil);

public enum SubmissionStatus
{
    Created,
    Updated,
    Rejected,
}

/// <summary>What happened to one submitted item; <c>Error</c> names the field and reason of a rejection.</summary>
public sealed record SubmissionResult(int Index, SubmissionStatus Status, Guid? Id, string? Error);
