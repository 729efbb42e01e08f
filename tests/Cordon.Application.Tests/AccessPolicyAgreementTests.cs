using System.Globalization;
using Cordon.Application.Cases;
using Cordon.Application.Federation;
using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Screening;
using Cordon.Core.Sharing;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Tests;

/// <summary>
/// Every form of the one access policy says the same for every marking and every kind of viewer, peers included: the
/// predicate in Core, its query filter on indicators and on cases (run by the store under test), and the packed form the
/// screening index applies to single lookups and to private range lookups. Viewers are made by the store's
/// <see cref="CallerDirectory"/>, as the server makes them.
/// </summary>
public sealed class AccessPolicyAgreementTests
{
    private static readonly IdentifierType[] Types = [IdentifierType.Phone, IdentifierType.Domain, IdentifierType.PaymentCard];
    private static readonly int[] CategorySets =
    [
        CategorySet.Flag(Category.InvestmentScam),
        CategorySet.Flag(Category.Phishing),
        CategorySet.Flag(Category.InvestmentScam) | CategorySet.Flag(Category.Phishing),
    ];

    private sealed record Item(Guid Id, IdentifierType Type, string Value, Marking Marking);

    [Fact]
    public async Task EveryFormOfThePolicy_Agrees_ForEveryMarkingAndViewer_PeersIncluded()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var now = new FakeClock().GetUtcNow();
        var owner = Organisation("Owner", now);
        var member = Organisation("Community member", now);
        var stranger = Organisation("Stranger", now);
        var peerOrganisations = Enumerable.Range(0, 4).Select(n => Organisation($"Peer node p{n}", now)).ToList();
        var peers = new[]
        {
            Peer("p0", peerOrganisations[0], [Tlp.Clear, Tlp.Green], [], [], now),
            Peer("p1", peerOrganisations[1], [Tlp.Clear, Tlp.Green, Tlp.Amber], [IdentifierType.Phone, IdentifierType.PaymentCard], [Category.Phishing], now),
            Peer("p2", peerOrganisations[2], [Tlp.Amber], [IdentifierType.Domain], [], now),
            // Flags that no rule may honour: RED and AMBER+STRICT never leave, whatever the peer entry says.
            Peer("p3", peerOrganisations[3], Enum.GetValues<Tlp>(), [], [Category.InvestmentScam], now),
        };
        var community = new Community { Id = Guid.NewGuid(), Name = "Shared", CreatedAt = now };
        // The peer's organisation in the community too: a community never widens what a peer sees.
        community.Members = [.. new[] { owner, member, peerOrganisations[0] }.Select(o => new CommunityMember { CommunityId = community.Id, OrganisationId = o.Id })];
        var items = new List<Item>();
        var cases = new List<(Guid Id, Marking Marking)>();
        var entries = new List<IndexEntry>();
        await using (var db = database.Open())
        {
            db.Organisations.AddRange([owner, member, stranger, .. peerOrganisations]);
            db.Peers.AddRange(peers);
            db.Communities.Add(community);
            var n = 0;
            foreach (var tlp in Enum.GetValues<Tlp>())
            {
                foreach (var distribution in Enum.GetValues<Distribution>())
                {
                    Guid[] communities = distribution == Distribution.Communities ? [community.Id] : [];
                    foreach (var type in Types)
                    {
                        foreach (var categories in CategorySets)
                        {
                            var value = $"policy-{n++.ToString(CultureInfo.InvariantCulture)}";
                            var item = new Item(Guid.NewGuid(), type, value, new Marking(owner.Id, tlp, distribution, communities, type, categories));
                            items.Add(item);
                            db.Indicators.Add(Indicator(item, now));
                            entries.Add(new IndexEntry(item.Id, type, value, owner.Id, tlp, distribution, communities, categories, 50, now, now, null, false));
                        }
                    }
                    foreach (var category in new[] { Category.InvestmentScam, Category.Phishing })
                    {
                        var id = Guid.NewGuid();
                        cases.Add((id, new Marking(owner.Id, tlp, distribution, communities, null, CategorySet.Flag(category))));
                        db.Cases.Add(new Case
                        {
                            Id = id,
                            OrganisationId = owner.Id,
                            Category = category,
                            LossCurrency = "EUR",
                            VictimCountry = "GB",
                            Tlp = tlp,
                            Distribution = distribution,
                            Communities = [.. communities.Select(c => new CaseCommunity { CaseId = id, CommunityId = c })],
                            CreatedAt = now,
                            UpdatedAt = now,
                        });
                    }
                }
            }
            await db.SaveChangesAsync();
        }
        var index = new ScreeningIndex();
        index.Apply(entries);

        var checks = 0;
        foreach (var organisation in new[] { owner, member, stranger }.Concat(peerOrganisations))
        {
            await using var services = new TestServices(database, TimeProvider.System);
            var db = services.Db;
            var viewer = await services.Get<CallerDirectory>().ViewerAsync(organisation.Id, CancellationToken.None);
            Assert.Equal(organisation.Name.StartsWith("Peer", StringComparison.Ordinal), viewer.IsPeer);
            var indicatorsFromStore = (await db.Indicators.VisibleTo(viewer).Select(i => i.Id).ToListAsync()).ToHashSet();
            var casesFromStore = (await db.Cases.VisibleTo(viewer).Select(c => c.Id).ToListAsync()).ToHashSet();
            // Each viewer sees some items and every other viewer misses some, so that both answers of every form are exercised.
            Assert.InRange(items.Count(i => AccessPolicy.CanSee(viewer, i.Marking)), 1, organisation == owner ? items.Count : items.Count - 1);
            foreach (var item in items)
            {
                var expected = AccessPolicy.CanSee(viewer, item.Marking);
                var what = $"{organisation.Name}: {item.Type} {item.Marking.Tlp}/{item.Marking.Distribution} categories {item.Marking.CategoryFlags}";
                Assert.True(expected == indicatorsFromStore.Contains(item.Id), $"query filter, {what}");
                Assert.True(expected == (index.Lookup(item.Type, item.Value, viewer, now).Verdict != Verdict.Clear), $"screening index, {what}");
                Assert.True(expected == InRange(index, item, viewer, now), $"private range, {what}");
                if (viewer.IsPeer)
                {
                    Assert.False(expected && (!PeerRules.MayEverLeave(item.Marking.Tlp) || !PeerRules.MayEverLeave(item.Type)), $"never leaves, {what}");
                }
                checks += 3;
            }
            foreach (var (id, marking) in cases)
            {
                Assert.True(AccessPolicy.CanSee(viewer, marking) == casesFromStore.Contains(id),
                    $"case, {organisation.Name}: {marking.Tlp}/{marking.Distribution} categories {marking.CategoryFlags}");
                checks++;
            }
        }
        foreach (var item in items)
        {
            Assert.Equal(AccessPolicy.IsPublic(item.Marking), index.Lookup(item.Type, item.Value, viewer: null, now).Verdict != Verdict.Clear);
        }
        Assert.Equal(7 * (items.Count * 3 + cases.Count), checks);
    }

    private static bool InRange(ScreeningIndex index, Item item, Viewer viewer, DateTimeOffset now)
    {
        var hash = ScreeningKey.PrivateHash(item.Type, item.Value);
        return index.Range(hash[..5], viewer, now).Any(m => m.Suffix == hash[5..16]);
    }

    private static Indicator Indicator(Item item, DateTimeOffset now)
    {
        var observable = new Observable { Id = Guid.NewGuid(), Type = item.Type, Value = item.Value, Display = item.Value, CreatedAt = now };
        return new Indicator
        {
            Id = item.Id,
            Observable = observable,
            ObservableId = observable.Id,
            OrganisationId = item.Marking.OwnerId,
            OriginalValue = item.Value,
            CategoryFlags = item.Marking.CategoryFlags,
            Confidence = 50,
            FirstSeen = now,
            LastSeen = now,
            Tlp = item.Marking.Tlp,
            Distribution = item.Marking.Distribution,
            Communities = [.. item.Marking.CommunityIds.Select(c => new IndicatorCommunity { IndicatorId = item.Id, CommunityId = c })],
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    private static FederationPeer Peer(string name, Organisation organisation, Tlp[] tlps, IdentifierType[] types, Category[] categories,
        DateTimeOffset now) => new()
        {
            Id = Guid.NewGuid(),
            Name = name,
            OrganisationId = organisation.Id,
            Direction = PeerDirection.Inbound,
            AllowedTlps = tlps.Aggregate(0, (flags, t) => flags | PeerRules.Flag(t)),
            AllowedTypes = types.Aggregate(0, (flags, t) => flags | PeerRules.Flag(t)),
            AllowedCategories = CategorySet.ToFlags(categories),
            CreatedAt = now,
        };

    private static Organisation Organisation(string name, DateTimeOffset now) =>
        new() { Id = Guid.NewGuid(), Name = name, Sector = Sector.Bank, Country = "GB", CreatedAt = now };
}
