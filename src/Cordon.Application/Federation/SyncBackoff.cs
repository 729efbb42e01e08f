namespace Cordon.Application.Federation;

/// <summary>When a peer or feed that keeps failing may be tried again: 10 s, 20 s, 40 s … at most an hour after the failure.</summary>
public static class SyncBackoff
{
    public static DateTimeOffset RetryAfter(DateTimeOffset failedAt, int consecutiveFailures) =>
        failedAt.AddSeconds(Math.Min(3600, 10 * Math.Pow(2, Math.Min(consecutiveFailures - 1, 12))));
}
