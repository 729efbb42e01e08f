namespace Cordon.Server.Screening;

/// <summary>
/// When sightings held in memory may wait for their flush: while hits keep arriving (a batch streaming, a busy payment
/// path), until a second passes without any or the oldest hit held is <see cref="MaxDelay"/> old. Writing half a
/// million sightings takes the store many seconds of the cores screening runs on. Not thread-safe: the recorder holds
/// its lock around every call.
/// </summary>
public sealed class SightingFlushDelay(TimeSpan maxDelay)
{
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private DateTimeOffset? oldestHeld;
    private DateTimeOffset lastHandedOver;

    public TimeSpan MaxDelay { get; } = maxDelay;

    public void HandedOver(DateTimeOffset now)
    {
        lastHandedOver = now;
        oldestHeld ??= now;
    }

    public void Flushed() => oldestHeld = null;

    public bool MayWait(DateTimeOffset now) => oldestHeld is { } oldest && now - lastHandedOver < Quiet && now - oldest < MaxDelay;
}
