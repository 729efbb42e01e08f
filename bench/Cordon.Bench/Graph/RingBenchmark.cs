using System.Diagnostics;
using System.Globalization;

namespace Cordon.Bench.Graph;

/// <summary>
/// Ring detection on a generated network (<see cref="PlantedRingNetwork"/>): the time to build the graph from cases and
/// links, the time to find the rings, the managed memory the graph holds, and a check that the rings found are exactly
/// the planted ones. Each timing is repeated and the median reported.
/// </summary>
public static class RingBenchmark
{
    public static int Run(int cases, int identifiersPerCase, int rings, int repeats)
    {
        var generated = Stopwatch.StartNew();
        var network = PlantedRingNetwork.Generate(cases, identifiersPerCase, rings, seed: 42);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"network: {network.Cases.Count:N0} cases, {network.IdentifierCount:N0} identifiers, {network.Links.Count:N0} links, {rings} planted rings (generated in {generated.Elapsed.TotalSeconds:F1} s)"));
        var builds = new List<double>();
        var finds = new List<double>();
        var exact = true;
        for (var run = 0; run < repeats; run++)
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var watch = Stopwatch.StartNew();
            var graph = network.Graph();
            builds.Add(watch.Elapsed.TotalSeconds);
            var held = GC.GetTotalMemory(forceFullCollection: true) - before;
            watch.Restart();
            var found = graph.Rings(top: int.MaxValue);
            finds.Add(watch.Elapsed.TotalSeconds);
            var expected = network.Rings.Select(r => string.Join(',', r.Order())).Order().ToList();
            exact &= expected.SequenceEqual(found.Select(r => string.Join(',', r.CaseIds.Order())).Order());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run + 1}: build {builds[^1]:F2} s, rings {finds[^1]:F2} s, graph holds {held / 1048576.0:F0} MiB, {found.Count} rings found, exact: {exact}"));
            GC.KeepAlive(graph);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median: build {Median(builds):F2} s, rings {Median(finds):F2} s, build + rings {Median(builds) + Median(finds):F2} s; planted rings found exactly: {exact}"));
        return exact ? 0 : 1;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
