using Cordon.Core.Response;

namespace Cordon.Application.Response;

/// <summary>A request for urgent action from one member to another (or, for "under attack", to a community).</summary>
public sealed class ResponseRequest
{
    public Guid Id { get; set; }
    public RequestKind Kind { get; set; }
    public Priority Priority { get; set; }
    public RequestState State { get; set; }
    public Guid SenderId { get; set; }
    public Guid? RecipientId { get; set; }
    public Guid? CommunityId { get; set; }
    /// <summary>Canonical targets as JSON: <c>[{"type":"bank_account","value":"GB33…"}]</c>.</summary>
    public required string Targets { get; set; }
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }
    public string? TransactionRef { get; set; }
    public DateTimeOffset? TransactionAt { get; set; }
    public string? CaseRef { get; set; }
    /// <summary>The joint operation the request was sent under, if any: its participants see it on the results board.</summary>
    public Guid? OperationId { get; set; }
    public required string LegalBasis { get; set; }
    public string? Description { get; set; }
    public string? Outcome { get; set; }
    public decimal? AmountFrozen { get; set; }
    public string? OutcomeCurrency { get; set; }
    public string? DeclineReason { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? ActionedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset AcknowledgeDueAt { get; set; }
    public DateTimeOffset ActionDueAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcknowledgeBreachedAt { get; set; }
    public DateTimeOffset? ActionBreachedAt { get; set; }
    /// <summary>The deadline the request now waits on: acknowledgement until acknowledged, then action. Not stored.</summary>
    public DateTimeOffset NextDueAt => AcknowledgedAt is null ? AcknowledgeDueAt : ActionDueAt;
    /// <summary>Optimistic concurrency: two responders acknowledging at once cannot both succeed.</summary>
    public int Version { get; set; }
}

/// <summary>One step of a request's history, visible to both sides.</summary>
public sealed class RequestTransition
{
    public Guid Id { get; set; }
    public Guid RequestId { get; set; }
    public RequestState From { get; set; }
    public RequestState To { get; set; }
    public Guid? ByOrganisationId { get; set; }
    public required string ByActor { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>One step of the escalation ladder taken for one missed deadline of a request; shown in its history.</summary>
public sealed class RequestEscalation
{
    public Guid Id { get; set; }
    public Guid RequestId { get; set; }
    public Breach Breach { get; set; }
    /// <summary>The step's number on the ladder, from 1.</summary>
    public int Step { get; set; }
    public EscalationTarget Target { get; set; }
    /// <summary>Who was told; null when the ladder named an organisation the node no longer has.</summary>
    public Guid? OrganisationId { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// A notification written in the same transaction as the change it announces; the dispatcher and the event stream
/// read it later, so a crash delays it but never loses it. Ordered by (Sequence, Index): the audit sequence of the
/// write and the position within it.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public long Sequence { get; set; }
    public int Index { get; set; }
    public Guid OrganisationId { get; set; }
    public required string EventType { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An organisation's webhook endpoint. The secret signs deliveries (Standard Webhooks), so it is kept.</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Url { get; set; }
    public required string Secret { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
}

/// <summary>One message to one endpoint: retried with back-off until delivered, or dead-lettered.</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }
    public Guid MessageId { get; set; }
    public Guid SubscriptionId { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? DeadAt { get; set; }
    public int? LastStatus { get; set; }
    public string? LastError { get; set; }
}
