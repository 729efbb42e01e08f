using System.Text.Json;
using Cordon.Application.Response;
using Cordon.Core.Identifiers;
using Cordon.Core.Response;
using Cordon.Core.Text;

namespace Cordon.Server.Response;

public sealed record CreateRequestBody(
    RequestKind? Kind,
    Guid? Recipient,
    Guid? Community,
    Priority? Priority,
    List<TargetInput>? Targets,
    decimal? Amount,
    string? Currency,
    string? TransactionRef,
    DateTimeOffset? TransactionAt,
    string? LegalBasis,
    string? CaseId,
    string? Description,
    Guid? Operation)
{
    public NewRequest ToInput() =>
        new(Kind, Recipient, Community, Priority, Targets, Amount, Currency, TransactionRef, TransactionAt, LegalBasis, CaseId, Description, Operation);
}

public sealed record OutcomeBody(string? Outcome, decimal? AmountFrozen, string? Currency, string? Reason);

public sealed record TargetResponse(IdentifierType Type, string Value, string Display)
{
    /// <summary>A request's targets as the store keeps them (<see cref="ResponseRequest.Targets"/>).</summary>
    public static List<TargetResponse> ReadAll(string json) => JsonSerializer.Deserialize<List<TargetResponse>>(json, CordonJson.Options) ?? [];
}

public sealed record TransitionResponse(RequestState From, RequestState To, Guid? ByOrganisationId, string? Note, DateTimeOffset At);

/// <summary>A step of the escalation ladder taken for a missed deadline: whom it told (an organisation id, or none left).</summary>
public sealed record EscalationResponse(Breach Breach, int Step, EscalationTarget Notify, Guid? Organisation, DateTimeOffset At);

public sealed record RequestResponse(
    Guid Id, RequestKind Kind, Priority Priority, RequestState State, Guid Sender, Guid? Recipient, Guid? Community,
    IReadOnlyList<TargetResponse> Targets, decimal? Amount, string? Currency, string? TransactionRef, DateTimeOffset? TransactionAt,
    string? CaseId, Guid? Operation, string LegalBasis, string? Description, string? Outcome, decimal? AmountFrozen, string? OutcomeCurrency,
    string? DeclineReason, DateTimeOffset SentAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ActionedAt, DateTimeOffset? ClosedAt,
    DateTimeOffset AcknowledgeDueAt, DateTimeOffset ActionDueAt, DateTimeOffset ExpiresAt, DateTimeOffset? AcknowledgeBreachedAt,
    DateTimeOffset? ActionBreachedAt, IReadOnlyList<TransitionResponse>? History, IReadOnlyList<EscalationResponse>? Escalations)
{
    public static RequestResponse From(RequestView view) => From(view.Request, view.History,
        [.. view.Escalations.Select(e => new EscalationResponse(e.Breach, e.Step, e.Target, e.OrganisationId, e.At))]);

    public static RequestResponse From(ResponseRequest r, IReadOnlyList<RequestTransition>? history = null, IReadOnlyList<EscalationResponse>? escalations = null) => new(
        r.Id, r.Kind, r.Priority, r.State, r.SenderId, r.RecipientId, r.CommunityId,
        TargetResponse.ReadAll(r.Targets), r.Amount, r.Currency, r.TransactionRef,
        r.TransactionAt, r.CaseRef, r.OperationId, r.LegalBasis, r.Description, r.Outcome, r.AmountFrozen, r.OutcomeCurrency, r.DeclineReason, r.SentAt,
        r.AcknowledgedAt, r.ActionedAt, r.ClosedAt, r.AcknowledgeDueAt, r.ActionDueAt, r.ExpiresAt, r.AcknowledgeBreachedAt,
        r.ActionBreachedAt, history?.Select(t => new TransitionResponse(t.From, t.To, t.ByOrganisationId, t.Note, t.At)).ToList(), escalations);
}
