using System.Text;
using Cordon.Application.Data;
using Cordon.Application.Federation;
using Cordon.Core.Sharing;
using Cordon.Core.Text;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Cordon.Federation.Tests;

/// <summary>
/// Three real nodes on loopback, each its own server process and store (A and B on SQLite, C on PostgreSQL), in a
/// ring A → B → C → A where each node pulls from the one before it over TAXII 2.1. A shares 100,000 indicators under
/// every TLP, some kept to its own node; C shares its own; B is killed in the middle of a sync and started again.
/// </summary>
public sealed class ThreeNodeFederationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int FromA = 100_000;
    private const int FromC = 1_000;
    private const string BankA = "Bank of Node A";
    private const string TelecomC = "Telecom of Node C";

    /// <summary>What may leave each node for the next, by the rules of the peer entry the next node calls with.</summary>
    private static readonly Dictionary<string, Tlp[]> Rules = new()
    {
        ["node-a→node-b"] = [Tlp.Clear, Tlp.Green, Tlp.Amber],
        ["node-b→node-c"] = [Tlp.Clear, Tlp.Green],
        ["node-c→node-a"] = [Tlp.Clear, Tlp.Green, Tlp.Amber],
    };

    private static readonly Tlp[] EveryTlp = [Tlp.Clear, Tlp.Green, Tlp.Amber, Tlp.AmberStrict, Tlp.Red];

    private readonly string folder = Directory.CreateTempSubdirectory("cordon-federation-").FullName;
    private FederationNode a = null!, b = null!, c = null!;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("CORDON_TEST_POSTGRES") is null)
        {
            throw new InvalidOperationException("CORDON_TEST_POSTGRES must name a PostgreSQL server for node C (test.sh starts one).");
        }
        var nodes = await Task.WhenAll(
            FederationNode.StartAsync("node-a", StoreProvider.Sqlite, folder),
            FederationNode.StartAsync("node-b", StoreProvider.Sqlite, folder),
            FederationNode.StartAsync("node-c", StoreProvider.Postgres, folder));
        (a, b, c) = (nodes[0], nodes[1], nodes[2]);
    }

    [Fact]
    public async Task AHundredThousandIndicators_GoRoundARingOfThree_ThroughACrash_AndConverge()
    {
        await ConnectAsync(from: a, to: b);
        await ConnectAsync(from: b, to: c);
        await ConnectAsync(from: c, to: a);

        var seeds = SeedsOfA().Concat(SeedsOfC()).ToList();
        using (var member = a.Client(await a.MemberAsync(BankA, "HK")))
        {
            await FederationNode.ImportCsvAsync(member, Csv(seeds.Where(s => s.Owner == BankA)));
        }
        using (var member = c.Client(await c.MemberAsync(TelecomC, "SG")))
        {
            await FederationNode.ImportCsvAsync(member, Csv(seeds.Where(s => s.Owner == TelecomC)));
        }

        await SyncThroughACrashAsync(b, "node-a");
        await c.SyncAsync("node-b");
        await a.SyncAsync("node-c");
        // C's indicators reached A after B's first pull: this round carries them on to B, and back to C, which holds them.
        await b.SyncAsync("node-a");
        await c.SyncAsync("node-b");

        // Converged: another round round the ring finds nothing new anywhere.
        foreach (var (node, peer) in new[] { (b, "node-a"), (c, "node-b"), (a, "node-c") })
        {
            var report = await node.SyncAsync(peer);
            Assert.Equal(0, report["pulledObjects"]!.GetValue<int>());
        }

        await AssertHoldsAsync(a, Expected(seeds, "node-a"));
        await AssertHoldsAsync(b, Expected(seeds, "node-b"));
        await AssertHoldsAsync(c, Expected(seeds, "node-c"));
    }

    /// <summary>
    /// <paramref name="to"/> pulls from <paramref name="from"/>: <paramref name="from"/> adds it as an inbound peer
    /// with its rules and hands over the credentials; <paramref name="to"/> adds <paramref name="from"/> to pull from.
    /// </summary>
    private static async Task ConnectAsync(FederationNode from, FederationNode to)
    {
        var tlps = Rules[$"{from.Name}→{to.Name}"].Select(CordonJson.Name).ToArray();
        var (username, key) = await from.AddPeerAsync(new { name = to.Name, direction = "inbound", tlps });
        await to.AddPeerAsync(new
        {
            name = from.Name,
            apiRoot = from.ApiRoot,
            collectionId = TaxiiCollections.FederationId.ToString("D"),
            direction = "pull",
            username,
            secret = key,
        });
    }

    /// <summary>Starts a pull, kills the node once part of it is stored, starts it again and lets the pull finish.</summary>
    private async Task SyncThroughACrashAsync(FederationNode node, string peer)
    {
        var sync = node.Admin.PostAsync($"/api/v1/peers/{peer}/sync", null);
        long pulledAtCrash;
        while (true)
        {
            await Task.Delay(100);
            pulledAtCrash = (await node.PeerAsync(peer))["pulled"]!.GetValue<long>();
            Assert.False(sync.IsCompleted, $"the sync ended before the crash ({pulledAtCrash} objects pulled): nothing was interrupted");
            if (pulledAtCrash >= 10_000)
            {
                break;
            }
        }
        await node.Server.KillAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => sync);
        await node.Server.StartAsync();

        var resumed = await node.PeerAsync(peer);
        Assert.NotNull(resumed["pullCursor"]);
        Assert.True(resumed["pulled"]!.GetValue<long>() >= pulledAtCrash, "what was stored before the crash is still counted");
        var report = await node.SyncAsync(peer);
        output.WriteLine($"{node.Name} killed after {pulledAtCrash} objects from {peer}; resumed and pulled {report["pulledObjects"]} more");
        Assert.True(report["pulledObjects"]!.GetValue<int>() > 0);
    }

    /// <summary>Exactly the expected indicators, each once, with its own marking and the node it came from.</summary>
    private static async Task AssertHoldsAsync(FederationNode node, IReadOnlyDictionary<(string Owner, string Value), Held> expected)
    {
        await using var db = node.Store.Open();
        var held = await (from i in db.Indicators
                          join o in db.Organisations on i.OrganisationId equals o.Id
                          select new Held(o.Name, i.Observable.Value, i.Tlp, i.Distribution, i.OriginNode)).ToListAsync();
        var byKey = held.GroupBy(h => (h.Owner, h.Value)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(held.Count, byKey.Count);
        var missing = expected.Keys.Where(k => !byKey.ContainsKey(k)).Take(5).ToList();
        var unexpected = byKey.Keys.Where(k => !expected.ContainsKey(k)).Take(5).ToList();
        Assert.True(missing.Count == 0 && unexpected.Count == 0,
            $"{node.Name} holds {held.Count}, expected {expected.Count}; missing e.g. {string.Join(", ", missing)}; unexpected e.g. {string.Join(", ", unexpected)}");
        foreach (var h in held)
        {
            Assert.Equal(expected[(h.Owner, h.Value)], h);
        }
        // One organisation per owner: nothing arrived under a second copy of an organisation.
        Assert.Equal(1, await db.Organisations.CountAsync(o => o.Name.StartsWith(BankA)));
        Assert.Equal(1, await db.Organisations.CountAsync(o => o.Name.StartsWith(TelecomC)));
    }

    /// <summary>What each node must hold: its own, and what the rules of each hop let through to it.</summary>
    private static Dictionary<(string, string), Held> Expected(IEnumerable<Seed> seeds, string node)
    {
        var expected = new Dictionary<(string, string), Held>();
        foreach (var seed in seeds)
        {
            var home = seed.Owner == BankA ? "node-a" : "node-c";
            if (home == node)
            {
                expected[(seed.Owner, seed.Value)] = new Held(seed.Owner, seed.Value, seed.Tlp, seed.Distribution, null);
                continue;
            }
            // The way round the ring from the item's home to this node; each hop's rules must let it through.
            var ring = new[] { "node-a", "node-b", "node-c" };
            var at = Array.IndexOf(ring, home);
            var passes = seed.Distribution == Distribution.Federation;
            while (passes && ring[at] != node)
            {
                var next = ring[(at + 1) % 3];
                passes = Rules[$"{ring[at]}→{next}"].Contains(seed.Tlp);
                at = (at + 1) % 3;
            }
            if (passes)
            {
                expected[(seed.Owner, seed.Value)] = new Held(seed.Owner, seed.Value, seed.Tlp, Distribution.Federation, home);
            }
        }
        return expected;
    }

    /// <summary>A's indicators: domains, URLs and e-mail addresses under every TLP; one in seven kept to node A.</summary>
    private static IEnumerable<Seed> SeedsOfA()
    {
        for (var i = 0; i < FromA; i++)
        {
            var value = (i % 3) switch
            {
                0 => $"a{i}.fed-test.example",
                1 => $"https://a{i}.fed-test.example/login",
                _ => $"pay{i}@fed-test.example",
            };
            yield return new Seed(BankA, value, EveryTlp[i % EveryTlp.Length], i % 7 == 6 ? Distribution.Node : Distribution.Federation);
        }
    }

    /// <summary>C's own: clear and green, all for the federation, a hundred of them also reported by A.</summary>
    private static IEnumerable<Seed> SeedsOfC()
    {
        for (var i = 0; i < FromC; i++)
        {
            var value = i < 100 ? $"a{i * 3}.fed-test.example" : $"c{i}.fed-test.example";
            yield return new Seed(TelecomC, value, i % 2 == 0 ? Tlp.Clear : Tlp.Green, Distribution.Federation);
        }
    }

    private static string Csv(IEnumerable<Seed> seeds)
    {
        var csv = new StringBuilder("type,value,tlp,distribution,categories\n");
        foreach (var seed in seeds)
        {
            var type = seed.Value.Contains('@', StringComparison.Ordinal) ? "email" : seed.Value.StartsWith("https:", StringComparison.Ordinal) ? "url" : "domain";
            csv.Append(type).Append(',').Append(seed.Value).Append(',').Append(CordonJson.Name(seed.Tlp)).Append(',')
                .Append(CordonJson.Name(seed.Distribution)).Append(",phishing\n");
        }
        return csv.ToString();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in new[] { a, b, c }.Where(n => n is not null))
        {
            await node.DisposeAsync();
        }
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A log still held by a stopping server: the temporary folder is cleared by the system.
        }
    }

    private sealed record Seed(string Owner, string Value, Tlp Tlp, Distribution Distribution);

    private sealed record Held(string Owner, string Value, Tlp Tlp, Distribution Distribution, string? OriginNode);
}
