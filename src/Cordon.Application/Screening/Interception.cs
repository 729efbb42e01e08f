using Cordon.Core.Identifiers;
using Cordon.Core.Screening;

namespace Cordon.Application.Screening;

/// <summary>
/// A screening that carried a channel (a payment, a call, a message…), as the member reported its outcome: the record
/// behind "payments stopped, amount protected, calls blocked". Its id is the check's, so a second report of the same
/// check changes its outcome rather than counting twice.
/// </summary>
public sealed class Interception
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Channel Channel { get; set; }
    public InterceptionOutcome Outcome { get; set; }
    public Verdict Verdict { get; set; }
    public int CategoryFlags { get; set; }
    public IdentifierType IdentifierType { get; set; }
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }
    public DateTimeOffset ScreenedAt { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
}

/// <summary>
/// What a screening with a channel answered, carried back by the member with its outcome. The screening itself writes
/// nothing (it must never wait on the store): the check travels as a token only this node can read and the member
/// cannot alter, and becomes an <see cref="Interception"/> when its outcome is reported.
/// </summary>
public sealed record ScreeningCheck(Guid Id, Guid OrganisationId, IdentifierType IdentifierType, Verdict Verdict, int CategoryFlags, Channel Channel,
    decimal? Amount, string? Currency, DateTimeOffset ScreenedAt);

/// <summary>One outcome as reported: the check (null when its token could not be read) and what was done.</summary>
public sealed record ReportedOutcome(ScreeningCheck? Check, InterceptionOutcome? Outcome);

public sealed record OutcomeRefusal(int Index, string Reason);

public sealed record OutcomeReport(int Recorded, int Updated, IReadOnlyList<OutcomeRefusal> Refused);
