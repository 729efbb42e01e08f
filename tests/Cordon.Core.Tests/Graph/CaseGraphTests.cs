using Cordon.Bench.Graph;
using Cordon.Core.Graph;
using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Graph;

public sealed class CaseGraphTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(2_000, 5, 12, 1)]
    [InlineData(20_000, 3, 60, 2)]
    public void PlantedRings_AreFoundExactly(int cases, int identifiersPerCase, int rings, int seed)
    {
        var network = PlantedRingNetwork.Generate(cases, identifiersPerCase, rings, seed);
        var found = network.Graph().Rings(top: int.MaxValue);
        Assert.Equal(rings, found.Count);
        var expected = network.Rings.Select(r => string.Join(',', r.Order())).Order().ToList();
        Assert.Equal(expected, found.Select(r => string.Join(',', r.CaseIds.Order())).Order().ToList());
        Assert.All(found, r => Assert.Equal(r.Cases, r.CaseIds.Count));
    }

    [Fact]
    public void TheNonCorrelatingValue_WouldOtherwiseJoinTheNoise()
    {
        var network = PlantedRingNetwork.Generate(2_000, 2, 5, 3);
        var builder = new CaseGraphBuilder();
        foreach (var facts in network.Cases)
        {
            builder.AddCase(facts);
        }
        foreach (var (c, identifier, type) in network.Links)
        {
            builder.Link(c, identifier, type);
        }
        var rings = builder.Build().Rings(top: 100);
        Assert.Equal(6, rings.Count);
        Assert.True(rings[0].Cases > 300);
    }

    [Fact]
    public void Rings_SumLossAndCountCountriesAndOrganisations()
    {
        var (a, b, c) = (Case("GB", 100m), Case("FR", 250m), Case("FR", null));
        var graph = Build([a, b, c, Case("DE", 5m)], (a, Mule1), (b, Mule1), (b, Phone1), (c, Phone1));
        var ring = Assert.Single(graph.Rings(10));
        Assert.Equal((3, 2, 2, 350m, 1), (ring.Cases, ring.Identifiers, ring.SharedIdentifiers, ring.TotalLoss, ring.UnconvertedLosses));
        Assert.Equal(["FR", "GB"], ring.Countries);
        Assert.Equal(new[] { a.Id, b.Id, c.Id }.Min(), ring.Id);
    }

    [Fact]
    public void Mules_RankAccountsByVictimsCountriesLossAndRecency()
    {
        var victims = Enumerable.Range(0, 8).Select(i => Case(i % 2 == 0 ? "GB" : "SG", 10_000m, daysAgo: 3)).ToArray();
        var old = Enumerable.Range(0, 2).Select(_ => Case("GB", 500m, daysAgo: 300)).ToArray();
        var graph = Build([.. victims, .. old], [.. victims.Select(v => (v, Mule1)), .. old.Select(o => (o, Mule2)), .. victims.Select(v => (v, Phone1))]);
        var mules = graph.Mules(Now, top: 10);
        Assert.Equal([Mule1.Id, Mule2.Id], mules.Select(m => m.IdentifierId));
        Assert.Equal((8, 2, 80_000m), (mules[0].Victims, mules[0].Countries, mules[0].Loss));
        // 25·log2(8) + 15·1 + min(20, 10·log10(81)) + 10 = 75 + 15 + 19.08 + 10 → 100 at most.
        Assert.Equal(100, mules[0].Score);
        // 25·log2(2) + 0 + 10·log10(2) + 0 = 28.
        Assert.Equal(28, mules[1].Score);
    }

    [Fact]
    public void Path_IsTheShortestChain_AndNullWhenNotConnected()
    {
        var (a, b, c, d) = (Case("GB", 1m), Case("GB", 1m), Case("GB", 1m), Case("GB", 1m));
        var graph = Build([a, b, c, d], (a, Mule1), (a, Phone1), (b, Phone1), (b, Mule2), (c, Mule2), (c, Wallet), (a, Wallet), (d, Phone2));
        var path = graph.Path(Mule1.Id, Mule2.Id)!;
        Assert.Equal([Mule1.Id, a.Id, Phone1.Id, b.Id, Mule2.Id], path.Select(n => n.Id));
        Assert.Equal(GraphNodeKind.Case, path[1].Kind);
        Assert.Equal([Mule1.Id, a.Id, Wallet.Id], graph.Path(Mule1.Id, Wallet.Id)!.Select(n => n.Id));
        Assert.Null(graph.Path(Mule1.Id, Phone2.Id));
        Assert.Null(graph.Path(Mule1.Id, Guid.NewGuid()));
    }

    [Fact]
    public void Around_StopsAtTheDepthAndTheNodeLimit()
    {
        var (a, b, c) = (Case("GB", 1m), Case("GB", 1m), Case("GB", 1m));
        var graph = Build([a, b, c], (a, Mule1), (a, Phone1), (b, Phone1), (b, Mule2), (c, Mule2));
        var one = graph.Around(Mule1.Id, depth: 1, maxNodes: 100)!;
        Assert.Equal([Mule1.Id, a.Id], one.Nodes.Select(n => n.Id));
        Assert.True(one.Truncated);
        Assert.Equal([(a.Id, Mule1.Id)], one.Links);
        var all = graph.Around(Mule1.Id, depth: 10, maxNodes: 100)!;
        Assert.Equal(6, all.Nodes.Count);
        Assert.False(all.Truncated);
        Assert.Equal(5, all.Links.Count);
        var limited = graph.Around(Mule1.Id, depth: 10, maxNodes: 3)!;
        Assert.Equal(3, limited.Nodes.Count);
        Assert.True(limited.Truncated);
    }

    [Fact]
    public void Hubs_AreTheMostLinkedIdentifiers_AndRepeatedLinksCountOnce()
    {
        var cases = Enumerable.Range(0, 5).Select(_ => Case("GB", 1m)).ToArray();
        var graph = Build(cases, [.. cases.Select(c => (c, Phone1)), .. cases.Take(2).Select(c => (c, Mule1)), (cases[0], Mule1)]);
        Assert.Equal([(Phone1.Id, 5), (Mule1.Id, 2)], graph.Hubs(10).Select(h => (h.IdentifierId, h.Cases)));
        Assert.Equal(7, graph.Links);
    }

    private static readonly (Guid Id, IdentifierType Type) Mule1 = (Guid.NewGuid(), IdentifierType.BankAccount);
    private static readonly (Guid Id, IdentifierType Type) Mule2 = (Guid.NewGuid(), IdentifierType.BankAccount);
    private static readonly (Guid Id, IdentifierType Type) Wallet = (Guid.NewGuid(), IdentifierType.CryptoWallet);
    private static readonly (Guid Id, IdentifierType Type) Phone1 = (Guid.NewGuid(), IdentifierType.Phone);
    private static readonly (Guid Id, IdentifierType Type) Phone2 = (Guid.NewGuid(), IdentifierType.Phone);

    private static CaseFacts Case(string country, decimal? loss, int daysAgo = 10) =>
        new(Guid.NewGuid(), Guid.NewGuid(), country, loss, Now.AddDays(-daysAgo));

    private static CaseGraph Build(CaseFacts[] cases, params (CaseFacts Case, (Guid Id, IdentifierType Type) Identifier)[] links)
    {
        var builder = new CaseGraphBuilder();
        foreach (var facts in cases)
        {
            builder.AddCase(facts);
        }
        foreach (var (c, identifier) in links)
        {
            builder.Link(c.Id, identifier.Id, identifier.Type);
        }
        return builder.Build();
    }
}
