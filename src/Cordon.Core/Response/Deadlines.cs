namespace Cordon.Core.Response;

/// <summary>How long the recipient has: to acknowledge, to action, and before a stale request expires.</summary>
public sealed record Deadline(TimeSpan Acknowledge, TimeSpan Action, TimeSpan Expire);

/// <summary>Deadlines per kind and priority; defaults below, each overridable in configuration.</summary>
public sealed class DeadlinePolicy(IReadOnlyDictionary<(RequestKind, Priority), Deadline>? overrides = null)
{
    public Deadline For(RequestKind kind, Priority priority) =>
        overrides is not null && overrides.TryGetValue((kind, priority), out var configured) ? configured : Default(kind, priority);

    /// <summary>Money moves fastest, so freezes are tightest; every request expires after a week if nobody closes it.</summary>
    public static Deadline Default(RequestKind kind, Priority priority) => (kind, priority) switch
    {
        (RequestKind.FreezeFunds, Priority.Critical) => new(TimeSpan.FromMinutes(15), TimeSpan.FromHours(2), TimeSpan.FromDays(7)),
        (RequestKind.UnderAttack, Priority.Critical) => new(TimeSpan.FromMinutes(15), TimeSpan.FromHours(4), TimeSpan.FromDays(7)),
        (_, Priority.Critical) => new(TimeSpan.FromMinutes(30), TimeSpan.FromHours(4), TimeSpan.FromDays(7)),
        (RequestKind.FreezeFunds, Priority.High) => new(TimeSpan.FromHours(1), TimeSpan.FromHours(8), TimeSpan.FromDays(7)),
        (_, Priority.High) => new(TimeSpan.FromHours(2), TimeSpan.FromHours(24), TimeSpan.FromDays(7)),
        (_, Priority.Normal) => new(TimeSpan.FromHours(8), TimeSpan.FromDays(3), TimeSpan.FromDays(7)),
    };
}

/// <summary>A deadline that has passed for a request.</summary>
public enum Breach
{
    Acknowledge,
    Action,
    Expiry,
}

public static class DeadlineRules
{
    /// <summary>The breaches due now that are not yet recorded; expiry of a request that is still open.</summary>
    public static IReadOnlyList<Breach> Due(RequestState state, DateTimeOffset sentAt, Deadline deadline, DateTimeOffset now,
        bool acknowledgeBreachRecorded, bool actionBreachRecorded)
    {
        if (RequestWorkflow.IsTerminal(state))
        {
            return [];
        }
        var due = new List<Breach>();
        if (state == RequestState.Sent && !acknowledgeBreachRecorded && now >= sentAt + deadline.Acknowledge)
        {
            due.Add(Breach.Acknowledge);
        }
        if (!actionBreachRecorded && now >= sentAt + deadline.Action)
        {
            due.Add(Breach.Action);
        }
        if (now >= sentAt + deadline.Expire)
        {
            due.Add(Breach.Expiry);
        }
        return due;
    }
}
