namespace Cordon.Core.Screening;

/// <summary>
/// A reader-writer lock for data read millions of times a second and written rarely. A reader counts itself in on a
/// counter of its own, one cache line per processor, so readers on different cores never contend, and it takes one
/// atomic increment and one decrement (<see cref="ReaderWriterLockSlim"/> takes an internal spin lock and a
/// thread-local lookup on both). A writer raises a flag, then waits until every counter is zero; a reader that finds
/// the flag raised steps back out and waits for the writer. The increment and the flag exchange are both full fences,
/// so either the reader sees the flag or the writer sees the reader. Writers take turns under a monitor. Not
/// re-entrant: a reader must not take the write side, nor a writer the read side.
/// </summary>
public sealed class ReadMostlyLock
{
    private const int IntsPerLine = 16;

    private readonly int[] readers;
    private readonly int processorMask;
    private readonly Lock writers = new();
    private volatile int writing;

    public ReadMostlyLock()
    {
        var lines = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount);
        processorMask = lines - 1;
        // One line more than needed so that the first counter does not share a line with the array's header.
        readers = new int[(lines + 1) * IntsPerLine];
    }

    /// <summary>Enters as a reader; pass the token returned to <see cref="ExitRead"/>.</summary>
    public int EnterRead()
    {
        while (true)
        {
            // The thread may move to another processor before it exits, so the token names the counter it used.
            var counter = ((Thread.GetCurrentProcessorId() & processorMask) + 1) * IntsPerLine;
            Interlocked.Increment(ref readers[counter]);
            if (writing == 0)
            {
                return counter;
            }
            Interlocked.Decrement(ref readers[counter]);
            var wait = new SpinWait();
            while (writing != 0)
            {
                wait.SpinOnce();
            }
        }
    }

    public void ExitRead(int token) => Interlocked.Decrement(ref readers[token]);

    public void EnterWrite()
    {
        writers.Enter();
        Interlocked.Exchange(ref writing, 1);
        for (var counter = IntsPerLine; counter < readers.Length; counter += IntsPerLine)
        {
            var wait = new SpinWait();
            while (Volatile.Read(ref readers[counter]) != 0)
            {
                wait.SpinOnce();
            }
        }
    }

    public void ExitWrite()
    {
        writing = 0;
        writers.Exit();
    }
}
