using System.Diagnostics;

namespace Cordon.Testing;

/// <summary>
/// The one way tests wait for something that happens in the background (the screening index following the change
/// feed, a webhook delivered, a dead letter): read until the value is what is wanted or time is up, then hand the last
/// value back, so that the test's own assertion fails with what was actually there.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || waited.Elapsed > (timeout ?? DefaultTimeout))
            {
                return value;
            }
            await Task.Delay(Interval);
        }
    }

    public static Task<bool> UntilAsync(Func<bool> done, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(done()), value => value, timeout);
}
