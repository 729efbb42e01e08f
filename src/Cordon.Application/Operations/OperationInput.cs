namespace Cordon.Application.Operations;

public sealed record ParticipantInput(Guid? Organisation, ParticipantRole? Role);

/// <summary>A new operation as its lead writes it; the caller's organisation is the lead.</summary>
public sealed record OperationInput(
    string? Name,
    string? Objectives,
    IReadOnlyList<string>? Countries,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    IReadOnlyList<ParticipantInput>? Participants);

/// <summary>What the lead changes; anything left out stays as it is.</summary>
public sealed record OperationChange(
    string? Name,
    string? Objectives,
    IReadOnlyList<string>? Countries,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    OperationStatus? Status);

public sealed record TargetInput(TargetKind? Kind, Guid? Id);

public sealed record TaskInput(string? Title, Guid? Assignee, DateTimeOffset? DueAt);

public sealed record TaskChange(TaskState? State, string? Note);

public sealed record ResultInput(ResultMeasure? Measure, decimal? Quantity, string? Currency, string? Country, string? Note);
