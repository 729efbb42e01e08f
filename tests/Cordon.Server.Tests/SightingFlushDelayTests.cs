using Cordon.Server.Screening;

namespace Cordon.Server.Tests;

public sealed class SightingFlushDelayTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NothingHeld_NeverWaits()
    {
        var delay = new SightingFlushDelay(TimeSpan.FromSeconds(30));

        Assert.False(delay.MayWait(Start));
    }

    [Fact]
    public void HitsStillArriving_Wait_UntilAQuietSecond()
    {
        var delay = new SightingFlushDelay(TimeSpan.FromSeconds(30));
        delay.HandedOver(Start);
        delay.HandedOver(Start.AddSeconds(2));

        Assert.True(delay.MayWait(Start.AddSeconds(2.5)));
        Assert.False(delay.MayWait(Start.AddSeconds(3)));
    }

    [Fact]
    public void HitsArrivingWithoutPause_WaitNoLongerThanTheMaximum()
    {
        var delay = new SightingFlushDelay(TimeSpan.FromSeconds(30));
        for (var second = 0.0; second < 40; second += 0.5)
        {
            delay.HandedOver(Start.AddSeconds(second));
            Assert.Equal(second < 30, delay.MayWait(Start.AddSeconds(second)));
        }
    }

    [Fact]
    public void AfterAFlush_TheMaximumCountsFromTheNextHit()
    {
        var delay = new SightingFlushDelay(TimeSpan.FromSeconds(30));
        delay.HandedOver(Start);
        delay.Flushed();
        delay.HandedOver(Start.AddSeconds(29.5));

        Assert.True(delay.MayWait(Start.AddSeconds(30)));
    }
}
