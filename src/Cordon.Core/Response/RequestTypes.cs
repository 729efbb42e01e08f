namespace Cordon.Core.Response;

/// <summary>What a member asks another to do (PRODUCT.md §4).</summary>
public enum RequestKind
{
    FreezeFunds,
    BlockNumber,
    Takedown,
    PreserveData,
    UnderAttack,
}

public enum Priority
{
    Critical,
    High,
    Normal,
}

public enum RequestState
{
    Sent,
    Acknowledged,
    InProgress,
    Actioned,
    Declined,
    Withdrawn,
    Expired,
}

/// <summary>What moves a request from one state to the next.</summary>
public enum RequestAction
{
    Acknowledge,
    Start,
    Action,
    Decline,
    Withdraw,
    Expire,
}

/// <summary>Who is acting on a request: only the recipient answers it, only the sender withdraws it, the node expires it.</summary>
public enum RequestParty
{
    Sender,
    Recipient,
    System,
}
