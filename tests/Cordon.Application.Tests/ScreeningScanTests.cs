using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Application.Screening;
using Cordon.Core.Identifiers;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Tests;

public sealed class ScreeningScanTests
{
    [Fact]
    public async Task FullScan_ReadsEveryActiveIndicator_AsEfCoreWould_AndLeavesRevokedOnesOut()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var now = new FakeClock().GetUtcNow();
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = "Scan", Sector = Sector.Telecom, Country = "FR", CreatedAt = now };
        var community = new Community { Id = Guid.NewGuid(), Name = "Scan community", CreatedAt = now };
        var types = new[] { IdentifierType.Phone, IdentifierType.BankAccount, IdentifierType.Domain, IdentifierType.Url, IdentifierType.CryptoWallet };
        var indicators = Enumerable.Range(0, 25).Select(i =>
        {
            var observable = new Observable
            {
                Id = Guid.NewGuid(),
                Type = types[i % types.Length],
                Value = $"value-{i}-é",
                Display = $"value {i}",
                CreatedAt = now,
            };
            return new Indicator
            {
                Id = Guid.NewGuid(),
                ObservableId = observable.Id,
                Observable = observable,
                OrganisationId = organisation.Id,
                OriginalValue = observable.Display,
                CategoryFlags = 1 << (i % 16),
                Confidence = i * 4,
                FirstSeen = now.AddDays(-i).AddMilliseconds(i),
                LastSeen = now.AddHours(-i),
                ValidUntil = i % 2 == 0 ? null : now.AddDays(i),
                Tlp = (Tlp)(i % 5),
                Distribution = (Distribution)(i % 4),
                Communities = i % 4 == (int)Distribution.Communities ? [new IndicatorCommunity { CommunityId = community.Id }] : [],
                CreatedAt = now,
                UpdatedAt = now,
                RevokedAt = i % 7 == 3 ? now : null,
            };
        }).ToList();
        await using (var db = database.Open())
        {
            db.Organisations.Add(organisation);
            db.Communities.Add(community);
            db.Indicators.AddRange(indicators);
            await db.SaveChangesAsync();
        }

        await using var scan = database.Open();
        await using var lookups = database.Open();
        var read = ScreeningFeed.ReadAll(scan, lookups, chunk: 4).SelectMany(chunk => chunk).ToDictionary(e => e.IndicatorId);

        var active = indicators.Where(i => i.RevokedAt is null).ToList();
        Assert.Equal(active.Count, read.Count);
        await using var ef = database.Open();
        var stored = await ef.Indicators.AsNoTracking().Include(i => i.Observable).Where(i => i.RevokedAt == null).ToDictionaryAsync(i => i.Id);
        Assert.All(active, indicator =>
        {
            var entry = read[indicator.Id];
            var expected = stored[indicator.Id];
            Assert.Equal((expected.Observable.Type, expected.Observable.Value, expected.OrganisationId, expected.Tlp, expected.Distribution),
                (entry.Type, entry.Value, entry.OwnerId, entry.Tlp, entry.Distribution));
            Assert.Equal((expected.CategoryFlags, expected.Confidence, expected.FirstSeen, expected.LastSeen, expected.ValidUntil),
                (entry.CategoryFlags, entry.Confidence, entry.FirstSeen, entry.LastSeen, entry.ValidUntil));
            Assert.Equal(indicator.Communities.Select(c => c.CommunityId), entry.Communities);
            Assert.False(entry.Revoked);
        });
    }
}
