using Cordon.Application.Data;
using Cordon.Application.Members;
using Cordon.Core.Members;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Tests;

public sealed class StoreTests
{
    [Fact]
    public async Task Migrations_CreateEveryMappedTableAndColumn()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var db = database.Open();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // Reading every entity selects every mapped column: a column missing from the hand-written migrations fails here.
        Assert.Empty(await db.Organisations.ToListAsync());
        Assert.Empty(await db.Communities.Include(c => c.Members).ToListAsync());
        Assert.Empty(await db.Users.ToListAsync());
        Assert.Empty(await db.ApiKeys.ToListAsync());
        Assert.Empty(await db.AuditRecords.ToListAsync());
        Assert.Empty(await db.AuditHeads.ToListAsync());
        Assert.Empty(await db.Observables.ToListAsync());
        Assert.Empty(await db.Indicators.Include(i => i.Communities).ToListAsync());
        Assert.Empty(await db.Sightings.ToListAsync());
        Assert.Empty(await db.FalsePositiveReports.ToListAsync());
    }

    [Fact]
    public async Task Migrate_IsIdempotent()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await new CordonDbFactory(database.Options).MigrateAsync();
        await using var db = database.Open();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.True(db.Database.GetMigrations().Count() >= 2);
    }

    [Fact]
    public async Task Bootstrap_CreatesNodeOperatorOnce_WithConfiguredKey()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var clock = new FakeClock();
        var settings = new BootstrapSettings("Node", "GB", "cdn_configured-admin-key-for-unattended-install");
        await using (var services = new TestServices(database, clock))
        {
            var result = await services.Get<NodeBootstrap>().EnsureAsync(settings);
            Assert.NotNull(result);
            Assert.Null(result.GeneratedKey);
        }
        await using (var services = new TestServices(database, clock))
        {
            Assert.Null(await services.Get<NodeBootstrap>().EnsureAsync(settings));
            var caller = (await services.Get<ApiKeyAuthenticator>().AuthenticateAsync(settings.AdminKey!, null)).Caller;
            Assert.NotNull(caller);
            Assert.True(caller.Actor.Grants(Permission.OperateNode));
            Assert.False(caller.IsPeer);
            Assert.Null((await services.Get<ApiKeyAuthenticator>().AuthenticateAsync(settings.AdminKey! + "x", null)).Caller);
        }
    }

    [Fact]
    public async Task Times_RoundTripExactly()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var clock = new FakeClock(new DateTimeOffset(2026, 11, 22, 9, 30, 15, 123, TimeSpan.Zero));
        await using (var services = new TestServices(database, clock))
        {
            await services.Get<NodeBootstrap>().EnsureAsync(new BootstrapSettings("Node", "GB", null));
        }
        await using (var db = database.Open())
        {
            var organisation = await db.Organisations.SingleAsync();
            Assert.Equal(clock.GetUtcNow(), organisation.CreatedAt);
            Assert.Equal(1, await db.Organisations.CountAsync(o => o.CreatedAt < clock.GetUtcNow().AddSeconds(1)));
            Assert.Equal(0, await db.Organisations.CountAsync(o => o.CreatedAt > clock.GetUtcNow()));
        }
    }
}
