using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Core.Identifiers;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Tests;

public sealed class BulkInsertTests
{
    [Fact]
    public async Task Rows_ReadBackThroughEfCore_ExactlyAsWritten_AcrossSeveralStatements_OnlyWhenCommitted()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var now = new FakeClock().GetUtcNow();
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = "Bulk", Sector = Sector.Bank, Country = "GB", CreatedAt = now };
        var observable = new Observable { Id = Guid.NewGuid(), Type = IdentifierType.Domain, Value = "bulk.example", Display = "bulk.example", CreatedAt = now };
        var indicator = new Indicator
        {
            Id = Guid.NewGuid(),
            ObservableId = observable.Id,
            Observable = observable,
            OrganisationId = organisation.Id,
            OriginalValue = observable.Value,
            CategoryFlags = 1,
            Confidence = 50,
            FirstSeen = now,
            LastSeen = now,
            Tlp = Tlp.Green,
            Distribution = Distribution.Node,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using (var db = database.Open())
        {
            db.Organisations.Add(organisation);
            db.Indicators.Add(indicator);
            await db.SaveChangesAsync();
        }
        // More rows than one statement holds; milliseconds (SQLite's time column keeps 0.1 ms), a null and a non-ASCII text
        // must survive the conversions.
        var sightings = Enumerable.Range(0, 2_500).Select(i => new Sighting
        {
            Id = Guid.NewGuid(),
            IndicatorId = indicator.Id,
            OrganisationId = organisation.Id,
            SeenAt = now.AddMilliseconds(i),
            Count = i,
            Where = i % 3 == 0 ? null : $"caisse n°{i}",
            CreatedAt = now.AddDays(-i),
        }).ToList();

        await using (var db = database.Open())
        {
            await using (var rolledBack = await db.Database.BeginTransactionAsync())
            {
                await BulkInsert.InsertAsync(db, sightings, CancellationToken.None);
            }
            Assert.Equal(0, await db.Sightings.CountAsync());
            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAsync(db, sightings, CancellationToken.None);
            await transaction.CommitAsync();
        }

        await using var reader = database.Open();
        var read = await reader.Sightings.AsNoTracking().ToDictionaryAsync(s => s.Id);
        Assert.Equal(sightings.Count, read.Count);
        Assert.All(sightings, written =>
        {
            var back = read[written.Id];
            Assert.Equal((written.IndicatorId, written.OrganisationId, written.Count, written.Where), (back.IndicatorId, back.OrganisationId, back.Count, back.Where));
            Assert.Equal(written.SeenAt, back.SeenAt);
            Assert.Equal(written.CreatedAt, back.CreatedAt);
        });
        Assert.Equal(2_499, await reader.Sightings.MaxAsync(s => s.Count));
    }
}
