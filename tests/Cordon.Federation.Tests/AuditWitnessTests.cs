using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cordon.Application.Data;
using Cordon.Application.Federation;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Federation.Tests;

/// <summary>
/// Two real nodes, one on SQLite and one on PostgreSQL; one pulls from the other and so witnesses its audit log. An insider rewrites one node's log in its database so thoroughly that the node itself verifies OK: the
/// witness catches it on its next sync, raises the alarm, and tells the tampered node, which says so too.
/// </summary>
public sealed class AuditWitnessTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("cordon-witness-").FullName;
    private FederationNode onSqlite = null!, onPostgres = null!;

    public async Task InitializeAsync()
    {
        var starting = new[]
        {
            FederationNode.StartAsync("witness-sqlite", StoreProvider.Sqlite, folder),
            FederationNode.StartAsync("witness-postgres", StoreProvider.Postgres, folder),
        };
        try
        {
            var nodes = await Task.WhenAll(starting);
            (onSqlite, onPostgres) = (nodes[0], nodes[1]);
        }
        catch
        {
            // xUnit does not dispose a class whose start failed: stop whichever node did start.
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }
            throw;
        }
    }

    /// <summary><paramref name="to"/> pulls from <paramref name="from"/>.</summary>
    private static async Task ConnectAsync(FederationNode from, FederationNode to)
    {
        var (username, key) = await from.AddPeerAsync(new { name = to.Name, direction = "inbound", tlps = new[] { "clear", "green" } });
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

    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task ALogRewrittenInItsDatabase_IsCaughtByItsWitness_AndBothSaySo(string tamperedStore)
    {
        var (tampered, witness) = tamperedStore == "postgres" ? (onPostgres, onSqlite) : (onSqlite, onPostgres);
        await ConnectAsync(tampered, witness);
        await tampered.MemberAsync("Bank before", "DE");
        await witness.SyncAsync(tampered.Name);
        var seen = (await witness.PeerAsync(tampered.Name))["audit"]!;
        Assert.True(seen["size"]!.GetValue<long>() > 3);
        Assert.Null(seen["alarm"]);

        await tampered.MemberAsync("Bank after", "FR"); // the log grows: the next check needs a consistency proof
        await witness.SyncAsync(tampered.Name);
        Assert.Null((await witness.PeerAsync(tampered.Name))["audit"]!["alarm"]);
        var reports = await ReadArrayAsync(await tampered.Admin.GetAsync("/api/v1/audit/witnesses"));
        Assert.True(reports[0]!["consistent"]!.GetValue<bool>());
        Assert.Equal(witness.Name, reports[0]!["witness"]!.GetValue<string>());

        // The insider removes the record of the organisation created first and makes the store agree with itself.
        await AuditInsider.RewriteLogAsync(tampered.Store, entries =>
            [.. entries.Where(e => !(e.Action == "organisation.create" && e.Details.Contains("Bank before", StringComparison.Ordinal)))]);
        var selfCheck = await FederationNode.ReadAsync(await tampered.Admin.PostAsync("/api/v1/audit/verify", null));
        Assert.True(selfCheck["ok"]!.GetValue<bool>()); // alone, the tampered node cannot tell

        await witness.SyncAsync(tampered.Name);

        var alarm = (await witness.PeerAsync(tampered.Name))["audit"]!["alarm"]?.GetValue<string>();
        Assert.StartsWith("its audit log", alarm, StringComparison.Ordinal);
        await AssertAlarmedAsync(witness);
        var witnessLog = await FederationNode.ReadAsync(await witness.Admin.GetAsync("/api/v1/audit?limit=20"));
        Assert.Contains(witnessLog["items"]!.AsArray(), r => r!["action"]!.GetValue<string>() == "peer.audit_alarm");

        Assert.False((await ReadArrayAsync(await tampered.Admin.GetAsync("/api/v1/audit/witnesses")))[0]!["consistent"]!.GetValue<bool>());
        await AssertAlarmedAsync(tampered);
        var tamperedLog = await FederationNode.ReadAsync(await tampered.Admin.GetAsync("/api/v1/audit?limit=20"));
        Assert.Contains(tamperedLog["items"]!.AsArray(), r => r!["action"]!.GetValue<string>() == "audit.witness_alarm");
        await using var db = tampered.Store.Open();
        Assert.True(await db.Outbox.AnyAsync(m => m.EventType == "audit.alarm"));
    }

    private static async Task AssertAlarmedAsync(FederationNode node)
    {
        var ready = await node.Admin.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("Audit alarm", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<JsonArray> ReadArrayAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }

    public async Task DisposeAsync()
    {
        await (onSqlite?.DisposeAsync() ?? ValueTask.CompletedTask);
        await (onPostgres?.DisposeAsync() ?? ValueTask.CompletedTask);
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A log still held by a stopping server: the temporary folder is cleared by the system.
        }
    }
}
