using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Cordon.Core.Screening;

/// <summary>
/// A reader-writer lock for data read millions of times a second and written rarely, whose read side has no atomic
/// instruction and no fence. Each reader thread has a flag of its own (its own cache line) and marks itself in and out
/// with plain stores; it then checks the writer's flag. A writer raises its flag and then makes every processor of the
/// process execute a full barrier (<see cref="Interlocked.MemoryBarrierProcessWide"/>), after which either a reader's
/// mark is visible to the writer or the reader sees the writer's flag; the writer waits until no reader is marked in, and
/// a reader that finds the flag raised steps back out and waits for the writer. A locked instruction on the read side
/// (as <see cref="ReaderWriterLockSlim"/> and counter-based locks take) would wait for every earlier memory access to
/// finish, so a thread screening one identifier after another could never overlap one lookup's cache miss with the
/// next; the cost moves to the writer, some microseconds per write. Writers take turns under a monitor. Not
/// re-entrant: a reader must not take the read side again, nor the write side, nor a writer the read side.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The thread-local flags are released by ThreadLocal's finalizer; a lock lives as long as the index it guards, which is not disposable.")]
public sealed class ReadMostlyLock
{
    // The flag this thread used last (it names its lock): most threads read one index only, and a thread-static field
    // costs a few instructions where ThreadLocal's lookup costs a call, which made a lookup at 10M a third slower
    // (docs/benchmarks.md). It keeps that one lock's flags alive as long as the thread.
    [ThreadStatic]
    private static Reader? lastReader;

    private readonly ThreadLocal<Reader> readers;
    private readonly Lock writers = new();
    private volatile int writing;

    /// <summary>Called when a writer finds a reader inside and starts to wait for it: lets a test see the wait happen.</summary>
    internal Action? WaitingForReader { get; set; }

    public ReadMostlyLock()
    {
        readers = new(() => new Reader(this), trackAllValues: true);
    }

    /// <summary>A reader thread's flag, alone on its cache line (readers on other cores never write it).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    public sealed class Reader
    {
        internal Reader(ReadMostlyLock owner)
        {
            Owner = owner;
        }

        [FieldOffset(0)]
        internal readonly ReadMostlyLock Owner;

        [FieldOffset(64)]
        internal volatile int Inside;
    }

    /// <summary>Enters as a reader, until the scope returned is disposed.</summary>
    public ReadScope EnterRead()
    {
        var reader = lastReader;
        if (reader?.Owner != this)
        {
            reader = lastReader = readers.Value!;
        }
        while (true)
        {
            reader.Inside = 1;
            if (writing == 0)
            {
                return new ReadScope(reader);
            }
            reader.Inside = 0;
            var wait = new SpinWait();
            while (writing != 0)
            {
                wait.SpinOnce();
            }
        }
    }

    /// <summary>A read, from <see cref="EnterRead"/> to <see cref="Dispose"/>.</summary>
    public readonly ref struct ReadScope(Reader reader)
    {
        /// <summary>A release store: the reads made inside are complete before a writer can see the reader gone.</summary>
        public void Dispose() => reader.Inside = 0;
    }

    public void EnterWrite()
    {
        writers.Enter();
        writing = 1;
        // A full barrier on every processor: a reader that marked itself in before it is now visible below, and any
        // reader's later check of the flag sees it raised.
        Interlocked.MemoryBarrierProcessWide();
        foreach (var reader in readers.Values)
        {
            if (reader.Inside == 0)
            {
                continue;
            }
            WaitingForReader?.Invoke();
            var wait = new SpinWait();
            while (reader.Inside != 0)
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
