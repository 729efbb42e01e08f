using Cordon.Core.Cases;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Sharing;

namespace Cordon.Application.Cases;

public sealed record Money(decimal? Amount, string? Currency);

public sealed record CaseIdentifierInput(IdentifierType? Type, string? Value);

/// <summary>A victim report as a member submits it (API body, import row).</summary>
public sealed record CaseSubmission(
    Category? Category,
    Money? Loss,
    string? VictimCountry,
    DateTimeOffset? OccurredAt,
    Tlp? Tlp,
    Distribution? Distribution,
    IReadOnlyList<Guid>? Communities,
    IReadOnlyList<CaseIdentifierInput>? Identifiers,
    string? Reference,
    string? Summary,
    CaseStatus? Status);
