using BenchmarkDotNet.Attributes;
using Cordon.Core.Identifiers;
using Cordon.Core.Screening;

namespace Cordon.Bench;

/// <summary>
/// <see cref="ScreeningIndex.Lookup"/> of one canonical phone number, for a member, in an index of
/// <see cref="Identifiers"/> phone numbers, presized as the server builds it. Queries cycle through 65,536 values spread over the whole index, so most
/// probes miss the CPU caches as production lookups would.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
[MedianColumn]
public class ScreeningLookupBenchmarks
{
    private const int Queries = 1 << 16;
    private ScreeningIndex? index;
    private string[] present = [];
    private string[] absent = [];
    private int next;

    [Params(1_000_000, 10_000_000)]
    public int Identifiers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        index = ScreeningData.Build(Identifiers, presize: true);
        var random = new Random(42);
        present = [.. Enumerable.Range(0, Queries).Select(_ => ScreeningData.Present(random.NextInt64(Identifiers)))];
        absent = [.. Enumerable.Range(0, Queries).Select(_ => ScreeningData.Absent(random.NextInt64(Identifiers)))];
        if (index.Lookup(IdentifierType.Phone, present[0], ScreeningData.Viewer, ScreeningData.Now).Verdict == Verdict.Clear
            || index.Lookup(IdentifierType.Phone, absent[0], ScreeningData.Viewer, ScreeningData.Now).Verdict != Verdict.Clear)
        {
            throw new InvalidOperationException("present values must be found and absent ones not");
        }
    }

    [Benchmark(Description = "Lookup present")]
    public ScreeningResult Present() =>
        index!.Lookup(IdentifierType.Phone, present[next++ & (Queries - 1)], ScreeningData.Viewer, ScreeningData.Now);

    [Benchmark(Description = "Lookup absent")]
    public ScreeningResult Absent() =>
        index!.Lookup(IdentifierType.Phone, absent[next++ & (Queries - 1)], ScreeningData.Viewer, ScreeningData.Now);
}
