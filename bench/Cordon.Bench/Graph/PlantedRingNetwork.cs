using Cordon.Core.Graph;
using Cordon.Core.Identifiers;

namespace Cordon.Bench.Graph;

/// <summary>
/// A synthetic victim-report network with known rings, so that ring detection can be checked, not only timed.
/// Noise cases each name their own identifiers (phones, accounts, wallets, links) that no other case names, plus, for
/// one in five, a shared "collection account" that every such case names and that is marked non-correlating (so it must
/// not join them). Each planted ring of 3–40 cases is connected through a few mule accounts and phones of its own.
/// Also compiled into Cordon.Core.Tests, which checks that the rings found are exactly the planted ones.
/// </summary>
public sealed class PlantedRingNetwork
{
    private static readonly string[] Countries = ["GB", "FR", "DE", "ES", "IT", "NL", "PL", "SG", "HK", "CN", "AU", "BR", "NG", "IN", "US"];
    private static readonly IdentifierType[] NoiseTypes =
        [IdentifierType.Phone, IdentifierType.BankAccount, IdentifierType.CryptoWallet, IdentifierType.Url, IdentifierType.Email];

    public required IReadOnlyList<CaseFacts> Cases { get; init; }
    public required IReadOnlyList<(Guid Case, Guid Identifier, IdentifierType Type)> Links { get; init; }
    public required Guid CollectionAccount { get; init; }
    /// <summary>Each planted ring's case ids.</summary>
    public required IReadOnlyList<IReadOnlySet<Guid>> Rings { get; init; }
    public int IdentifierCount { get; init; }

    /// <param name="cases">All cases, rings included.</param>
    /// <param name="identifiersPerCase">Identifiers named by each noise case (5 gives 5M identifiers for 1M cases).</param>
    /// <param name="rings">Rings to plant.</param>
    public static PlantedRingNetwork Generate(int cases, int identifiersPerCase, int rings, int seed)
    {
        var random = new Random(seed);
        var now = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var organisations = Enumerable.Range(0, 50).Select(i => Id(random)).ToArray();
        var facts = new List<CaseFacts>(cases);
        var links = new List<(Guid, Guid, IdentifierType)>(cases * (identifiersPerCase + 1));
        var collection = Id(random);
        var planted = new List<IReadOnlySet<Guid>>();
        var identifiers = 0;
        CaseFacts NewCase() => new(Id(random), organisations[random.Next(organisations.Length)], Countries[random.Next(Countries.Length)],
            random.Next(100, 50_000), now.AddDays(-random.Next(0, 400)));

        for (var r = 0; r < rings; r++)
        {
            var size = random.Next(3, 41);
            var mules = Enumerable.Range(0, Math.Max(2, size / 5)).Select(_ => (Id: Id(random), Type: random.Next(3) switch
            {
                0 => IdentifierType.Phone,
                1 => IdentifierType.CryptoWallet,
                _ => IdentifierType.BankAccount,
            })).ToArray();
            identifiers += mules.Length;
            var members = new HashSet<Guid>();
            for (var k = 0; k < size; k++)
            {
                var facts1 = NewCase();
                facts.Add(facts1);
                members.Add(facts1.Id);
                // Case k names mule k mod m and mule (k+1) mod m: a chain through every mule, so the ring is connected.
                var (a, b) = (mules[k % mules.Length], mules[(k + 1) % mules.Length]);
                links.Add((facts1.Id, a.Id, a.Type));
                links.Add((facts1.Id, b.Id, b.Type));
                var own = Id(random);
                identifiers++;
                links.Add((facts1.Id, own, IdentifierType.Email));
            }
            planted.Add(members);
        }
        while (facts.Count < cases)
        {
            var noise = NewCase();
            facts.Add(noise);
            for (var k = 0; k < identifiersPerCase; k++)
            {
                identifiers++;
                links.Add((noise.Id, Id(random), NoiseTypes[k % NoiseTypes.Length]));
            }
            if (random.Next(5) == 0)
            {
                links.Add((noise.Id, collection, IdentifierType.BankAccount));
            }
        }
        return new PlantedRingNetwork { Cases = facts, Links = links, CollectionAccount = collection, Rings = planted, IdentifierCount = identifiers + 1 };
    }

    /// <summary>The graph as the server builds it: the non-correlating collection account left out.</summary>
    public CaseGraph Graph()
    {
        var builder = new CaseGraphBuilder(Cases.Count, IdentifierCount);
        foreach (var facts in Cases)
        {
            builder.AddCase(facts);
        }
        foreach (var (c, identifier, type) in Links)
        {
            if (identifier != CollectionAccount)
            {
                builder.Link(c, identifier, type);
            }
        }
        return builder.Build();
    }

    private static Guid Id(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
