using Cordon.Core.Identifiers;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Cordon.Store.Cases;
using Cordon.Store.Entities;
using Cordon.Store.Indicators;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Store.Tests;

/// <summary>The query filter in the store and the access policy in Core agree on every marking and viewer.</summary>
public sealed class AccessPolicyAgreementTests
{
    [Fact]
    public async Task QueryFilter_AgreesWithAccessPolicy_ForEveryCombination()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var now = new FakeClock().GetUtcNow();
        var owner = Organisation("Owner", now);
        var member = Organisation("Community member", now);
        var stranger = Organisation("Stranger", now);
        var community = new Community { Id = Guid.NewGuid(), Name = "Shared", CreatedAt = now };
        community.Members = [new() { CommunityId = community.Id, OrganisationId = owner.Id }, new() { CommunityId = community.Id, OrganisationId = member.Id }];
        var markings = new List<(Guid Id, Marking Marking)>();
        await using (var db = database.Open())
        {
            db.Organisations.AddRange(owner, member, stranger);
            db.Communities.Add(community);
            var n = 0;
            foreach (var tlp in Enum.GetValues<Tlp>())
            {
                foreach (var distribution in Enum.GetValues<Distribution>())
                {
                    var observable = new Observable
                    {
                        Id = Guid.NewGuid(),
                        Type = IdentifierType.Domain,
                        Value = $"policy{n++}.example",
                        Display = "x",
                        CreatedAt = now,
                    };
                    var indicator = new Indicator
                    {
                        Id = Guid.NewGuid(),
                        Observable = observable,
                        ObservableId = observable.Id,
                        OrganisationId = owner.Id,
                        OriginalValue = observable.Value,
                        CategoryFlags = 1,
                        Confidence = 50,
                        FirstSeen = now,
                        LastSeen = now,
                        Tlp = tlp,
                        Distribution = distribution,
                        CreatedAt = now,
                        UpdatedAt = now,
                    };
                    if (distribution == Distribution.Communities)
                    {
                        indicator.Communities = [new IndicatorCommunity { IndicatorId = indicator.Id, CommunityId = community.Id }];
                    }
                    db.Indicators.Add(indicator);
                    // A case with the same marking (and, for brevity, the same id in its own table).
                    db.Cases.Add(new Case
                    {
                        Id = indicator.Id,
                        OrganisationId = owner.Id,
                        LossCurrency = "EUR",
                        VictimCountry = "GB",
                        Tlp = tlp,
                        Distribution = distribution,
                        Communities = distribution == Distribution.Communities ? [new CaseCommunity { CaseId = indicator.Id, CommunityId = community.Id }] : [],
                        CreatedAt = now,
                        UpdatedAt = now,
                    });
                    markings.Add((indicator.Id, new Marking(owner.Id, tlp, distribution,
                        distribution == Distribution.Communities ? [community.Id] : [])));
                }
            }
            await db.SaveChangesAsync();
        }
        foreach (var viewerOrganisation in new[] { owner, member, stranger })
        {
            await using var db = database.Open();
            var viewer = await db.ViewerAsync(viewerOrganisation.Id, CancellationToken.None);
            var fromStore = (await db.Indicators.VisibleTo(viewer).Select(i => i.Id).ToListAsync()).ToHashSet();
            var casesFromStore = (await db.Cases.VisibleTo(viewer).Select(c => c.Id).ToListAsync()).ToHashSet();
            foreach (var (id, marking) in markings)
            {
                Assert.True(AccessPolicy.CanSee(viewer, marking) == fromStore.Contains(id),
                    $"{viewerOrganisation.Name}: {marking.Tlp}/{marking.Distribution}");
                Assert.True(AccessPolicy.CanSee(viewer, marking) == casesFromStore.Contains(id),
                    $"case, {viewerOrganisation.Name}: {marking.Tlp}/{marking.Distribution}");
            }
        }
        Assert.Equal(markings.Count, markings.Select(m => m.Id).Distinct().Count());
    }

    private static Organisation Organisation(string name, DateTimeOffset now) =>
        new() { Id = Guid.NewGuid(), Name = name, Sector = Sector.Bank, Country = "GB", CreatedAt = now };
}
