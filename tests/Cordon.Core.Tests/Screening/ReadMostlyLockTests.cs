using Cordon.Core.Screening;

namespace Cordon.Core.Tests.Screening;

public sealed class ReadMostlyLockTests
{
    [Fact]
    public async Task Readers_NeverSeeAWriteHalfDone_AndEveryWriteLands()
    {
        var gate = new ReadMostlyLock();
        long first = 0, second = 0, torn = 0, reads = 0;
        const int Writes = 20_000;
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount)).Select(_ => Dedicated(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using (gate.EnterRead())
                {
                    if (first != second)
                    {
                        Interlocked.Increment(ref torn);
                    }
                }
                Interlocked.Increment(ref reads);
            }
        })).ToArray();
        // Two writers taking turns: each write moves both numbers, one after the other, with a pause between them.
        var writers = Enumerable.Range(0, 2).Select(_ => Dedicated(() =>
        {
            for (var i = 0; i < Writes; i++)
            {
                gate.EnterWrite();
                try
                {
                    first++;
                    Thread.SpinWait(20);
                    second++;
                }
                finally
                {
                    gate.ExitWrite();
                }
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Equal(0, torn);
        Assert.Equal(2 * Writes, first);
        Assert.Equal(2 * Writes, second);
        Assert.True(reads > 0);
    }

    [Fact]
    public async Task AWriter_WaitsForAReader_ThatLastReadAnotherLock()
    {
        var (used, held) = (new ReadMostlyLock(), new ReadMostlyLock());
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var reader = Dedicated(() =>
        {
            using (used.EnterRead())
            {
            }
            using (held.EnterRead())
            {
                entered.Set();
                release.Wait();
            }
        });
        entered.Wait();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        held.WaitingForReader = () => waiting.TrySetResult();
        var writerIn = 0;
        var writer = Dedicated(() =>
        {
            held.EnterWrite();
            Volatile.Write(ref writerIn, 1);
            held.ExitWrite();
        });
        // A writer that did not see the reader finishes while the reader is still inside; one that saw it waits for it.
        Assert.Same(waiting.Task, await Task.WhenAny(waiting.Task, writer));
        Assert.Equal(0, Volatile.Read(ref writerIn));
        release.Set();
        await Task.WhenAll(reader, writer);
        Assert.Equal(1, writerIn);
    }

    private static Task Dedicated(Action work) => Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
