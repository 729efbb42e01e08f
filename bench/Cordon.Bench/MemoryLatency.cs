using System.Diagnostics;
using System.Globalization;
using Cordon.Core.Screening;

namespace Cordon.Bench;

/// <summary>
/// What a random cache line costs on this machine, to read the screening figures against: 8-byte reads at random
/// places in two tables as large as a 10M index's keys and reports (107 and 427 MiB), allocated as the index's are
/// (<see cref="LargeTable"/>: pinned, on 2 MiB pages where Linux grants them). Each figure is the median of 15 runs of 2 million reads: one after the other, the
/// next address computed from the value just read (the latency of one line); independent (what a processor overlaps
/// when nothing stops it); and two independent lines per step, one from each table (a present lookup's key and report).
/// </summary>
public static class MemoryLatency
{
    private const int KeySlots = 13_333_334;
    private const int Reads = 2_000_000;
    private const int Runs = 15;

    public static int Measure()
    {
        var keys = Table(KeySlots);
        var reports = Table(KeySlots * 4);
        Report("dependent, one line", () =>
        {
            var value = 1UL;
            for (var i = 0; i < Reads; i++)
            {
                value = keys[Slot(Mix(value + (ulong)i), KeySlots)];
            }
            return value;
        });
        Report("independent, one line", () =>
        {
            var sum = 0UL;
            for (var i = 0; i < Reads; i++)
            {
                sum += keys[Slot(Mix((ulong)i + 1), KeySlots)];
            }
            return sum;
        });
        Report("independent, two lines", () =>
        {
            var sum = 0UL;
            for (var i = 0; i < Reads; i++)
            {
                var slot = Slot(Mix((ulong)i + 1), KeySlots);
                sum += keys[slot] + reports[slot * 4];
            }
            return sum;
        });
        return 0;
    }

    private static void Report(string name, Func<ulong> run)
    {
        var nanoseconds = new List<double>();
        for (var r = 0; r < Runs; r++)
        {
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(run());
            nanoseconds.Add(watch.Elapsed.TotalNanoseconds / Reads);
        }
        nanoseconds.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: median {nanoseconds[Runs / 2]:F1} ns per read (fastest run {nanoseconds[0]:F1}, slowest {nanoseconds[^1]:F1})"));
    }

    /// <summary>A table of random values.</summary>
    private static ulong[] Table(int length)
    {
        var table = LargeTable.Allocate<ulong>(length, pinned: true);
        for (var i = 0; i < length; i++)
        {
            table[i] = Mix((ulong)i);
        }
        return table;
    }

    private static long Slot(ulong hash, long length) => (long)Math.BigMul(hash, (ulong)length, out _);

    private static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xff51afd7ed558ccdUL;
        value ^= value >> 33;
        value *= 0xc4ceb9fe1a85ec53UL;
        return value ^ (value >> 33);
    }
}
