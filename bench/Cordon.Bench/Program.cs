using System.Globalization;
using BenchmarkDotNet.Running;
using Cordon.Bench;

// Benchmarks and their data. Usage:
//   dotnet run -c Release --project bench/Cordon.Bench -- import-csv ROWS FILE    write a CSV of realistic indicators
//   dotnet run -c Release --project bench/Cordon.Bench -- index-memory N          bytes per identifier of an index of N phones
//   dotnet run -c Release --project bench/Cordon.Bench -- memory-latency  what a random cache line costs here
//   dotnet run -c Release --project bench/Cordon.Bench -- lookup [BenchmarkDotNet options]
//                                                    ScreeningIndex.Lookup at 1M and 10M identifiers (BenchmarkDotNet)
//   dotnet run -c Release --project bench/Cordon.Bench -- rings CASES IDENTIFIERS_PER_CASE RINGS [REPEATS]
//                                                    ring detection on a generated network with planted rings
//   dotnet run -c Release --project bench/Cordon.Bench -- audit-append RECORDS WRITES sqlite|postgres CONNECTION
//                                                    what the audit log adds to a write, on a small log and at RECORDS
return args switch
{
    ["import-csv", var rows, var file] => ImportCsv.Write(long.Parse(rows, CultureInfo.InvariantCulture), file),
    ["index-memory", var identifiers] => IndexMemory.Measure(long.Parse(identifiers, CultureInfo.InvariantCulture)),
    ["memory-latency"] => MemoryLatency.Measure(),
    ["lookup", .. var options] => Lookup(options),
    ["rings", var cases, var perCase, var rings, .. var repeats] => Cordon.Bench.Graph.RingBenchmark.Run(Number(cases), Number(perCase), Number(rings),
        repeats is [var r] ? Number(r) : 3),
    ["audit-append", var records, var writes, var provider, var connection] =>
        await AuditAppend.MeasureAsync(long.Parse(records, CultureInfo.InvariantCulture), Number(writes), provider, connection),
    _ => Usage(),
};

static int Lookup(string[] options)
{
    var summary = BenchmarkRunner.Run<ScreeningLookupBenchmarks>(args: options);
    return summary.HasCriticalValidationErrors || summary.Reports.Length == 0 ? 1 : 0;
}

static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: Cordon.Bench import-csv ROWS FILE | index-memory N | memory-latency | lookup [BenchmarkDotNet options] | rings CASES IDENTIFIERS_PER_CASE RINGS [REPEATS] | audit-append RECORDS WRITES sqlite|postgres CONNECTION");
    return 2;
}
