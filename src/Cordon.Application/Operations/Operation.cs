namespace Cordon.Application.Operations;

public enum OperationStatus
{
    Planning,
    Active,
    Closed,
}

public enum ParticipantRole
{
    Lead,
    Participant,
    Observer,
}

public enum TargetKind
{
    Case,
    Ring,
    Indicator,
}

public enum TaskState
{
    Open,
    Done,
    Cancelled,
}

/// <summary>What a participant reports by hand on the results board.</summary>
public enum ResultMeasure
{
    Arrests,
    SuspectsIdentified,
    VictimsContacted,
    AccountsFrozen,
    NumbersBlocked,
    DomainsTakenDown,
    DevicesSeized,
    AmountFrozen,
    AmountSeized,
    AmountReturned,
}

/// <summary>
/// A joint operation: a named action led by one organisation with participants of this node and of peer nodes, over a
/// period and countries, with targets, tasks (requests sent under it and free tasks) and a results board. Only its
/// participants see it and anything filed under it.
/// </summary>
public sealed class Operation
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Guid LeadOrganisationId { get; set; }
    public required string Objectives { get; set; }

    /// <summary>ISO 3166-1 alpha-2 codes, space-separated.</summary>
    public required string Countries { get; set; }

    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public OperationStatus Status { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When anything about the operation last changed: its STIX <c>modified</c> and <c>date_added</c> for peers.</summary>
    public DateTimeOffset ChangedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>When it last changed, stamped as indicators are: TAXII's <c>date_added</c> for participant peers.</summary>
    public DateTimeOffset DateAdded { get; set; }

    /// <summary>The node that runs the operation when it came from a peer (only that peer may change it); null when this node runs it.</summary>
    public string? OriginNode { get; set; }

    /// <summary>Peer nodes whose organisations all left the operation, space-padded (<c>" node-b "</c>): they are sent it once more so that they drop it.</summary>
    public string FormerNodes { get; set; } = " ";

    public List<OperationParticipant> Participants { get; set; } = [];
    public List<OperationTarget> Targets { get; set; } = [];

    /// <summary>Optimistic concurrency: two leads changing it at once cannot both win.</summary>
    public int Version { get; set; }
}

public sealed class OperationParticipant
{
    public Guid OperationId { get; set; }
    public Guid OrganisationId { get; set; }
    public ParticipantRole Role { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>A case, a ring the graph found (its cases kept with it), or an indicator the operation goes after.</summary>
public sealed class OperationTarget
{
    public Guid Id { get; set; }
    public Guid OperationId { get; set; }
    public TargetKind Kind { get; set; }
    public Guid ItemId { get; set; }

    /// <summary>For a ring: the ids of its cases when it was added, space-separated (a ring's membership changes as cases arrive).</summary>
    public string? RingCases { get; set; }

    public Guid AddedByOrganisation { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>A task that is not a response request: something one participant is to do by a deadline.</summary>
public sealed class OperationTask
{
    public Guid Id { get; set; }
    public Guid OperationId { get; set; }
    public required string Title { get; set; }
    public Guid AssigneeOrganisationId { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public TaskState State { get; set; }
    public string? Note { get; set; }
    public Guid CreatedByOrganisation { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>A result a participant reports by hand (arrests, amounts returned…), in the country where it was achieved.</summary>
public sealed class OperationResult
{
    public Guid Id { get; set; }
    public Guid OperationId { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Country { get; set; }
    public ResultMeasure Measure { get; set; }
    public decimal Quantity { get; set; }

    /// <summary>ISO 4217, for the amount measures only.</summary>
    public string? Currency { get; set; }

    public string? Note { get; set; }
    public required string ReportedBy { get; set; }
    public DateTimeOffset ReportedAt { get; set; }

    /// <summary>The node where it was reported, when it came from a peer.</summary>
    public string? OriginNode { get; set; }

    /// <summary>When it was reported here, stamped as indicators are: sent back to the operation's node as a STIX note.</summary>
    public DateTimeOffset DateAdded { get; set; }
}

/// <summary>One entry of the operation's timeline: what changed, who did it, when (request transitions are added when read).</summary>
public sealed class OperationUpdate
{
    public Guid Id { get; set; }
    public Guid OperationId { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Actor { get; set; }
    public required string Kind { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset At { get; set; }
}

public static class ResultMeasures
{
    public static bool IsAmount(ResultMeasure measure) => measure is ResultMeasure.AmountFrozen or ResultMeasure.AmountSeized or ResultMeasure.AmountReturned;
}
