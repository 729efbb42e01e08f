using Cordon.Core.Identifiers;
using Cordon.Core.Response;

namespace Cordon.Application.Response;

public sealed record TargetInput(IdentifierType? Type, string? Value);

/// <summary>A new request as the sender writes it.</summary>
public sealed record NewRequest(
    RequestKind? Kind,
    Guid? Recipient,
    Guid? Community,
    Priority? Priority,
    IReadOnlyList<TargetInput>? Targets,
    decimal? Amount,
    string? Currency,
    string? TransactionRef,
    DateTimeOffset? TransactionAt,
    string? LegalBasis,
    string? CaseId,
    string? Description,
    Guid? Operation = null);

/// <summary>What the recipient reports with <c>action</c> or <c>decline</c>.</summary>
public sealed record Outcome(string? Text, decimal? AmountFrozen, string? Currency, string? Reason);

/// <summary>A request with its history and the escalation steps taken, as its sender, recipient or community may see it.</summary>
public sealed record RequestView(ResponseRequest Request, IReadOnlyList<RequestTransition> History, IReadOnlyList<RequestEscalation> Escalations);

/// <summary>A missed deadline the escalation ladder brought to an organisation that may not be a party: no targets, no texts.</summary>
public sealed record EscalationNotice(Guid Request, RequestKind Kind, Priority Priority, RequestState State, Guid Sender, Guid? Recipient,
    Breach Breach, int Step, EscalationTarget Target, DateTimeOffset At);

/// <summary>What happened to a request, in order: its sending, every transition, each missed deadline and each escalation step.</summary>
public sealed record RequestEvent(DateTimeOffset At, RequestEventKind Kind, RequestState? From, RequestState State, Guid? By, string? Note,
    Breach? Breach = null, int? Step = null, EscalationTarget? Notify = null, Guid? Told = null)
{
    public static IReadOnlyList<RequestEvent> Timeline(RequestView view)
    {
        var events = new List<RequestEvent>();
        foreach (var t in view.History)
        {
            var sending = t.From == t.To && t.To == RequestState.Sent;
            events.Add(new RequestEvent(t.At, sending ? RequestEventKind.Sent : RequestEventKind.Transition, sending ? null : t.From, t.To,
                t.ByOrganisationId, t.Note));
        }
        var r = view.Request;
        if (r.AcknowledgeBreachedAt is { } acknowledge)
        {
            events.Add(new RequestEvent(acknowledge, RequestEventKind.Breach, null, RequestState.Sent, null, null, Core.Response.Breach.Acknowledge));
        }
        if (r.ActionBreachedAt is { } action)
        {
            events.Add(new RequestEvent(action, RequestEventKind.Breach, null, StateAt(view.History, action), null, null, Core.Response.Breach.Action));
        }
        foreach (var e in view.Escalations)
        {
            events.Add(new RequestEvent(e.At, RequestEventKind.Escalation, null, StateAt(view.History, e.At), null, null, e.Breach, e.Step, e.Target,
                e.OrganisationId));
        }
        // Stable: at one instant the transition comes first, then the breach it reveals, then the steps in order.
        return [.. events.Select((e, k) => (e, k)).OrderBy(x => x.e.At).ThenBy(x => x.e.Kind).ThenBy(x => x.e.Step).ThenBy(x => x.k).Select(x => x.e)];
    }

    private static RequestState StateAt(IReadOnlyList<RequestTransition> history, DateTimeOffset at) =>
        history.LastOrDefault(t => t.At <= at)?.To ?? RequestState.Sent;
}

public enum RequestEventKind
{
    Sent,
    Transition,
    Breach,
    Escalation,
}
