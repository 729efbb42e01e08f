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

/// <summary>A request with its history, as its sender, recipient or community may see it.</summary>
public sealed record RequestView(ResponseRequest Request, IReadOnlyList<RequestTransition> History);
