namespace Cordon.Core.Screening;

/// <summary>Where a screened identifier was about to be used.</summary>
public enum Channel
{
    Payment,
    Call,
    Sms,
    Message,
    Web,
}

/// <summary>What the member did after screening: the figure the seeds report is what was stopped.</summary>
public enum InterceptionOutcome
{
    Stopped,
    Warned,
    Allowed,
}
