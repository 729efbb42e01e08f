using System.Net.Http.Json;
using Cordon.Application.Data;
using Cordon.Application.Federation;

namespace Cordon.Federation.Tests;

/// <summary>
/// A TAXII feed between two real servers: node-y reads node-x's Node collection as a member of node-x would (bearer
/// key), incrementally by its cursor, and files what it reads as the feed organisation's reports.
/// </summary>
public sealed class TaxiiFeedTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("cordon-taxii-feed-").FullName;
    private FederationNode x = null!, y = null!;

    public async Task InitializeAsync()
    {
        var nodes = await Task.WhenAll(FederationNode.StartAsync("node-x", StoreProvider.Sqlite, folder),
            FederationNode.StartAsync("node-y", StoreProvider.Sqlite, folder));
        (x, y) = (nodes[0], nodes[1]);
    }

    private static string Domains(int from, int count, string tlp) =>
        "type,value,tlp,distribution,categories\n" + string.Concat(Enumerable.Range(from, count).Select(i => $"domain,taxii-feed-{i}.example,{tlp},node,phishing\n"));

    private async Task<(long Rows, long Created, long Rejected, string? Error)> RunAsync()
    {
        var report = await FederationNode.ReadAsync(await y.Admin.PostAsync("/api/v1/feeds/x-node-collection/run", null));
        return (report["rows"]!.GetValue<long>(), report["created"]!.GetValue<long>(), report["rejected"]!.GetValue<long>(), report["error"]?.GetValue<string>());
    }

    [Fact]
    public async Task ARemoteCollection_IsReadIncrementally_AndOnlyWhatTheFeedsKeyMaySee()
    {
        var memberKey = await x.MemberAsync("Reader Bank of X", "GB");
        var ownerKey = await x.MemberAsync("Owner Telecom of X", "HK");
        using (var owner = x.Client(ownerKey))
        {
            await FederationNode.ImportCsvAsync(owner, Domains(0, 40, "green") + Domains(40, 10, "red").Split('\n', 2)[1]);
        }
        (await y.Admin.PostAsJsonAsync("/api/v1/feeds", new
        {
            name = "x-node-collection",
            kind = "taxii",
            location = x.ApiRoot,
            collectionId = TaxiiCollections.NodeId.ToString("D"),
            secret = memberKey,
            tlp = "amber",
            intervalMinutes = 0,
        })).EnsureSuccessStatusCode();

        // 40 GREEN indicators reach the reader (each its observable and indicator, and the owner's identity); the RED ten never do.
        var first = await RunAsync();
        Assert.Null(first.Error);
        Assert.Equal((81L, 40L, 0L), (first.Rows, first.Created, first.Rejected));
        Assert.Equal((0L, 0L), ((await RunAsync()).Rows, (await RunAsync()).Created));

        using (var owner = x.Client(ownerKey))
        {
            await FederationNode.ImportCsvAsync(owner, Domains(100, 5, "clear"));
        }
        var next = await RunAsync();
        Assert.Equal((11L, 5L), (next.Rows, next.Created));

        var feed = await FederationNode.ReadAsync(await y.Admin.GetAsync("/api/v1/feeds/x-node-collection"));
        Assert.Equal(5, feed["lastCreated"]!.GetValue<long>());
        await using var db = y.Store.Open();
        var organisation = Guid.Parse(feed["organisationId"]!.GetValue<string>());
        Assert.Equal(45, db.Indicators.Count(i => i.OrganisationId == organisation));
        Assert.Equal(0, db.Indicators.Count(i => i.Tlp == Core.Sharing.Tlp.Red));
    }

    public async Task DisposeAsync()
    {
        foreach (var node in new[] { x, y }.Where(n => n is not null))
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
}
