using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Cordon.Bench;

/// <summary>
/// Memory per identifier of the screening index: <see cref="GC.GetTotalMemory(bool)"/> (full collection) before and
/// after building an index of N phone numbers, the index kept alive. Built from the default capacity, growing by
/// doubling, and presized to N as the server builds it at start.
/// </summary>
public static class IndexMemory
{
    public static int Measure(long identifiers)
    {
        foreach (var presize in new[] { false, true })
        {
            Console.WriteLine(MeasureOne(identifiers, presize));
        }
        return 0;
    }

    // A method of its own, so that the index of the previous measurement is unreachable when this one starts: a local
    // of the loop above could keep it alive into the next "before" and make the difference negative.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string MeasureOne(long identifiers, bool presize)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var index = ScreeningData.Build(identifiers, presize);
        var seconds = watch.Elapsed.TotalSeconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var bytes = after - before;
        GC.KeepAlive(index);
        return string.Create(CultureInfo.InvariantCulture,
            $"identifiers={identifiers} build={(presize ? "presized" : "growing")} reports={index.Reports} retained={bytes / 1048576.0:F1} MiB bytes/identifier={(double)bytes / identifiers:F1} build_seconds={seconds:F2}");
    }
}
