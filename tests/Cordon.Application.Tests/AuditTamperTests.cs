using Cordon.Application.Audit;
using Cordon.Application.Members;
using Cordon.Core.Members;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Tests;

/// <summary>Editing or deleting any row of the audit table, as someone with direct database access would, is detected.</summary>
public sealed class AuditTamperTests
{
    private const int Organisations = 4; // with bootstrap: 2 + 4 records

    private static async Task<TestDatabase> AuditedStoreAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        var clock = new FakeClock();
        await using var services = new TestServices(database, clock);
        await services.Get<NodeBootstrap>().EnsureAsync(new BootstrapSettings("Node", "GB", null));
        var node = await services.Db.Organisations.SingleAsync();
        var actor = new Actor(node.Id, ActorKind.Cli, "tester", RoleSet.ToFlags([Role.Admin]), IsNodeOperator: true);
        var directory = services.Get<MemberDirectory>();
        for (var i = 0; i < Organisations; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await directory.CreateOrganisationAsync(actor, $"Org {i}", Sector.Bank, "DE");
        }
        return database;
    }

    private static async Task<AuditVerification> VerifyAsync(TestDatabase database)
    {
        await using var services = new TestServices(database, TimeProvider.System);
        return await services.Get<AuditLog>().VerifyAsync();
    }

    [Fact]
    public async Task UntouchedChain_Verifies()
    {
        await using var database = await AuditedStoreAsync();
        var result = await VerifyAsync(database);
        Assert.True(result.Ok);
        Assert.Equal(2 + Organisations, result.Records);
    }

    public static TheoryData<string, string> Edits => new()
    {
        { "Action", "'organisation.delete'" },
        { "ActorId", "'someone-else'" },
        { "Details", "'[]'" },
        { "ItemIds", "''" },
        { "ItemType", "'user'" },
        { "Hash", "'0000000000000000000000000000000000000000000000000000000000000000'" },
        { "PreviousHash", "'1111111111111111111111111111111111111111111111111111111111111111'" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task EditedColumn_IsDetected_AtThatRecord(string column, string value)
    {
        await using var database = await AuditedStoreAsync();
        await using (var db = database.Open())
        {
#pragma warning disable EF1002 // the column and value come from the test's own table, not from input
            await db.Database.ExecuteSqlRawAsync($"UPDATE audit_records SET \"{column}\" = {value} WHERE \"Sequence\" = 3");
#pragma warning restore EF1002
        }
        var result = await VerifyAsync(database);
        Assert.False(result.Ok);
        Assert.Equal(3, result.BrokenAt);
    }

    [Fact]
    public async Task EditedTime_IsDetected()
    {
        await using var database = await AuditedStoreAsync();
        await using (var db = database.Open())
        {
            var record = await db.AuditRecords.SingleAsync(a => a.Sequence == 4);
            record.At = record.At.AddSeconds(-30);
            await db.SaveChangesAsync();
        }
        Assert.Equal(4, (await VerifyAsync(database)).BrokenAt);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(2 + Organisations)]
    public async Task DeletedRecord_IsDetected(int sequence)
    {
        await using var database = await AuditedStoreAsync();
        await using (var db = database.Open())
        {
            await db.AuditRecords.Where(a => a.Sequence == sequence).ExecuteDeleteAsync();
        }
        var result = await VerifyAsync(database);
        Assert.False(result.Ok);
        Assert.Equal(sequence, result.BrokenAt);
    }

    [Fact]
    public async Task RenumberedRecords_AreDetected()
    {
        await using var database = await AuditedStoreAsync();
        await using (var db = database.Open())
        {
            await db.AuditRecords.Where(a => a.Sequence == 2).ExecuteDeleteAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_records SET \"Sequence\" = \"Sequence\" - 1 WHERE \"Sequence\" > 2");
        }
        Assert.Equal(2, (await VerifyAsync(database)).BrokenAt);
    }
}
