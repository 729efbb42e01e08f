using Cordon.Core.Response;

namespace Cordon.Application.Operations;

/// <summary>A participant with the organisation's name and country, and the node it belongs to (null: this node).</summary>
public sealed record ParticipantView(Guid OrganisationId, string Name, string Country, string? Node, ParticipantRole Role, DateTimeOffset AddedAt);

/// <summary>
/// A request filed under the operation as every participant sees it on the board: who asked whom for what, how far it
/// got and what it achieved — not its legal basis, targets or notes, which stay with its two parties.
/// </summary>
public sealed record OperationRequestView(Guid Id, RequestKind Kind, RequestState State, Guid SenderId, Guid? RecipientId, int Targets,
    decimal? AmountFrozen, string? Currency, DateTimeOffset SentAt, DateTimeOffset? ActionedAt);

/// <summary>One figure of the results board: what the requests achieved, what participants reported by hand, and both.</summary>
public sealed record BoardFigure(string Measure, string? Currency, decimal FromRequests, decimal Reported)
{
    public decimal Total => FromRequests + Reported;
}

/// <summary>The figures of one participant, or of one country.</summary>
public sealed record BoardRow(string Key, string Name, IReadOnlyList<BoardFigure> Figures);

/// <summary>The results board: totals, by participant, by country.</summary>
public sealed record OperationBoard(IReadOnlyList<BoardFigure> Totals, IReadOnlyList<BoardRow> ByParticipant, IReadOnlyList<BoardRow> ByCountry);

public sealed record TimelineEntry(DateTimeOffset At, string Kind, Guid? OrganisationId, string Text);

/// <summary>An operation as a participant sees it: everything filed under it, the board and the timeline.</summary>
public sealed record OperationView(
    Operation Operation,
    string LeadName,
    IReadOnlyList<ParticipantView> Participants,
    IReadOnlyList<OperationTarget> Targets,
    IReadOnlyList<OperationTask> Tasks,
    IReadOnlyList<OperationRequestView> Requests,
    IReadOnlyList<OperationResult> Results,
    OperationBoard Board,
    IReadOnlyList<TimelineEntry> Timeline,
    ParticipantRole CallerRole);
