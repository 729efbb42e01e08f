using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cordon.Application.Data;
using Cordon.Application.Federation;
using Cordon.Core.Stix;
using Cordon.Testing;

namespace Cordon.Federation.Tests;

/// <summary>
/// Three real nodes: A (SQLite) runs an operation with a bank of its own and a bank of B (PostgreSQL), and publishes a
/// bulletin in Chinese with an English translation; B pulls from A and pushes to it, C (SQLite) pulls from A. The operation
/// reaches B as a STIX grouping and B's result comes back to A's board; the bulletin reaches B and C as a report that
/// validates against the STIX schemas; C, which takes no part, never receives the operation.
/// </summary>
public sealed class OperationsAcrossNodesTests : IAsyncLifetime
{
    private static readonly string[] Rules = ["clear", "green", "amber"];
    private readonly string folder = Directory.CreateTempSubdirectory("cordon-operations-").FullName;
    private readonly Dictionary<string, (string Username, string Key)> inbound = [];
    private FederationNode a = null!, b = null!, c = null!;

    public async Task InitializeAsync()
    {
        var starting = new[]
        {
            FederationNode.StartAsync("ops-a", StoreProvider.Sqlite, folder),
            FederationNode.StartAsync("ops-b", StoreProvider.Postgres, folder),
            FederationNode.StartAsync("ops-c", StoreProvider.Sqlite, folder),
        };
        try
        {
            var nodes = await Task.WhenAll(starting);
            (a, b, c) = (nodes[0], nodes[1], nodes[2]);
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }
            throw;
        }
    }

    /// <summary><paramref name="to"/> calls <paramref name="from"/>: pulls from it, and with <c>both</c> pushes to it too.</summary>
    private async Task ConnectAsync(FederationNode from, FederationNode to, string direction)
    {
        var credentials = await from.AddPeerAsync(new { name = to.Name, direction = "inbound", tlps = Rules });
        inbound[$"{from.Name}→{to.Name}"] = credentials;
        await to.AddPeerAsync(new
        {
            name = from.Name,
            apiRoot = from.ApiRoot,
            collectionId = TaxiiCollections.FederationId.ToString("D"),
            direction,
            username = credentials.Username,
            secret = credentials.Key,
            tlps = Rules,
        });
    }

    [Fact]
    public async Task AnOperation_TravelsToItsParticipantNodesOnly_AndTheirResultsComeBack()
    {
        await ConnectAsync(a, b, "both");
        await ConnectAsync(a, c, "pull");
        var (bankBId, bankBKey) = await b.OrganisationAsync("Bank of Node B", "SG", "analyst", "responder");
        var (_, outsiderBKey) = await b.OrganisationAsync("Outsider of Node B", "SG", "analyst", "responder");
        using var bankB = b.Client(bankBKey);
        // B's bank shares an indicator, which B pushes to A: A learns of the bank (an organisation of node B) and can name it.
        (await bankB.PostAsJsonAsync("/api/v1/indicators", new
        {
            type = "phone",
            value = "+6591230001",
            categories = new[] { "phishing" },
            tlp = "green",
            distribution = "federation",
        })).EnsureSuccessStatusCode();
        await b.SyncAsync("ops-a");
        var bankBOnA = StixIds.ForStix(bankBId);

        var (centreId, centreKey) = await a.OrganisationAsync("Centre of Node A", "HK", "analyst", "responder");
        var (bankAId, bankAKey) = await a.OrganisationAsync("Bank of Node A", "HK", "analyst", "responder");
        using var centre = a.Client(centreKey);
        using var bankA = a.Client(bankAKey);
        var operation = await FederationNode.ReadAsync(await centre.PostAsJsonAsync("/api/v1/operations", new
        {
            name = "Operation Two Harbours",
            objectives = "Freeze the mule accounts in Hong Kong and Singapore.",
            countries = new[] { "HK", "SG" },
            participants = new[] { new { organisation = bankAId }, new { organisation = bankBOnA } },
        }));
        var operationId = Guid.Parse(operation["id"]!.GetValue<string>());
        (await centre.PatchAsJsonAsync($"/api/v1/operations/{operationId}", new { status = "active" })).EnsureSuccessStatusCode();
        var freeze = await FederationNode.ReadAsync(await centre.PostAsJsonAsync("/api/v1/requests", new
        {
            kind = "freeze_funds",
            recipient = bankAId,
            operation = operationId,
            amount = 90_000m,
            currency = "HKD",
            legalBasis = "Order 7",
            targets = new[] { new { type = "bank_account", value = "GB33BUKB20201555555555" } },
        }));
        (await bankA.PostAsJsonAsync($"/api/v1/requests/{freeze["id"]}/action", new { outcome = "Frozen", amountFrozen = 50_000m })).EnsureSuccessStatusCode();
        (await centre.PostAsJsonAsync($"/api/v1/operations/{operationId}/results", new { measure = "arrests", quantity = 3 })).EnsureSuccessStatusCode();

        var indicators = new List<Guid>();
        foreach (var n in new[] { 1, 2, 3 })
        {
            var added = await FederationNode.ReadAsync(await centre.PostAsJsonAsync("/api/v1/indicators", new
            {
                type = "domain",
                value = $"two-harbours-{n}.example",
                categories = new[] { "phishing" },
                tlp = "green",
                distribution = "federation",
            }));
            indicators.Add(Guid.Parse(added["id"]!.GetValue<string>()));
        }
        var bulletin = await FederationNode.ReadAsync(await centre.PostAsJsonAsync("/api/v1/bulletins", new
        {
            language = "zh-Hans",
            title = "两港联合行动预警",
            summary = "冒充快递短信引向钓鱼网站。",
            body = "## 手法\n短信称包裹延误。",
            severity = "high",
            categories = new[] { "phishing" },
            countries = new[] { "HK", "SG" },
            sectors = new[] { "bank" },
            tlp = "green",
            distribution = "federation",
            indicators,
        }));
        var bulletinId = Guid.Parse(bulletin["id"]!.GetValue<string>());
        (await centre.PostAsJsonAsync($"/api/v1/bulletins/{bulletinId}/translations", new
        {
            language = "en",
            title = "Two Harbours alert",
            summary = "Fake courier SMS lead to phishing sites.",
            body = "## How\nThe SMS says a parcel is late.",
        })).EnsureSuccessStatusCode();

        // The report as B receives it validates against the STIX 2.1 schemas; C gets the report, never the grouping.
        var forB = await TaxiiObjectsAsync(a, inbound["ops-a→ops-b"]);
        var forC = await TaxiiObjectsAsync(a, inbound["ops-a→ops-c"]);
        var report = Assert.Single(forB, o => o["type"]!.GetValue<string>() == "report");
        Assert.Equal(3, report["object_refs"]!.AsArray().Count);
        Assert.Single(forB, o => o["type"]!.GetValue<string>() == "grouping");
        Assert.Single(forC, o => o["type"]!.GetValue<string>() == "report");
        Assert.DoesNotContain(forC, o => o["type"]!.GetValue<string>() == "grouping");
        Assert.DoesNotContain("Two Harbours", string.Join("", forC.Where(o => o["type"]!.GetValue<string>() != "report").Select(o => o.ToJsonString())),
            StringComparison.Ordinal);
        var validation = await StixSchemaValidator.ValidateObjectsAsync(forB.Where(o => o["type"]!.GetValue<string>() is "report" or "grouping")
            .Select(o => o.ToJsonString()));
        Assert.True(validation.Ok, validation.ToString());

        await b.SyncAsync("ops-a");
        await c.SyncAsync("ops-a");
        var mirroredId = StixIds.ForStix(operationId);
        var onB = await FederationNode.ReadAsync(await bankB.GetAsync($"/api/v1/operations/{mirroredId}"));
        Assert.Equal("Operation Two Harbours", onB["name"]!.GetValue<string>());
        Assert.Equal("ops-a", onB["originNode"]!.GetValue<string>());
        Assert.Equal("participant", onB["role"]!.GetValue<string>());
        var received = await FederationNode.ReadAsync(await bankB.GetAsync($"/api/v1/bulletins/{StixIds.ForStix(bulletinId)}"));
        Assert.Equal(["zh-Hans", "en"], received["texts"]!.AsArray().Select(t => t!["language"]!.GetValue<string>()));
        Assert.Equal(3, received["indicators"]!.AsArray().Count);
        using var outsiderB = b.Client(outsiderBKey);
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderB.GetAsync($"/api/v1/operations/{mirroredId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bankB.PatchAsJsonAsync($"/api/v1/operations/{mirroredId}", new { status = "closed" })).StatusCode);
        Assert.Equal("[]", (await c.Admin.GetStringAsync("/api/v1/operations")).Trim());
        var (_, memberOfC) = await c.OrganisationAsync("Bank of Node C", "GB", "analyst");
        using (var cMember = c.Client(memberOfC))
        {
            Assert.Contains("两港联合行动预警", await cMember.GetStringAsync("/api/v1/bulletins"), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await cMember.GetAsync($"/api/v1/operations/{mirroredId}")).StatusCode);
        }

        // B's bank reports a result; it comes back to A's board, and from there to every participant node.
        (await bankB.PostAsJsonAsync($"/api/v1/operations/{mirroredId}/results", new { measure = "arrests", quantity = 5, note = "Raid in Geylang" }))
            .EnsureSuccessStatusCode();
        await b.SyncAsync("ops-a");
        var board = (await FederationNode.ReadAsync(await centre.GetAsync($"/api/v1/operations/{operationId}")))["board"]!;
        Assert.Equal(8m, Total(board["totals"]!, "arrests"));
        Assert.Equal(50_000m, Total(board["totals"]!, "amount_frozen"));
        var bankBRow = board["byParticipant"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == bankBOnA.ToString())!;
        Assert.Equal(5m, Total(bankBRow["figures"]!, "arrests"));
        Assert.Equal(5m, Total(board["byCountry"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == "SG")!["figures"]!, "arrests"));

        (await centre.PatchAsJsonAsync($"/api/v1/operations/{operationId}", new { status = "closed" })).EnsureSuccessStatusCode();
        await b.SyncAsync("ops-a");
        var closedOnB = await FederationNode.ReadAsync(await bankB.GetAsync($"/api/v1/operations/{mirroredId}"));
        Assert.Equal("closed", closedOnB["status"]!.GetValue<string>());
        Assert.Equal(8m, Total(closedOnB["board"]!["totals"]!, "arrests"));
        Assert.Equal(HttpStatusCode.Conflict, (await bankB.PostAsJsonAsync($"/api/v1/operations/{mirroredId}/results",
            new { measure = "arrests", quantity = 1 })).StatusCode);

        // A participant node taken off an operation loses its copy at the next sync.
        var second = await FederationNode.ReadAsync(await centre.PostAsJsonAsync("/api/v1/operations", new
        {
            name = "Operation Short Stay",
            objectives = "o",
            participants = new[] { new { organisation = bankBOnA } },
        }));
        var secondId = Guid.Parse(second["id"]!.GetValue<string>());
        await b.SyncAsync("ops-a");
        Assert.Equal(HttpStatusCode.OK, (await bankB.GetAsync($"/api/v1/operations/{StixIds.ForStix(secondId)}")).StatusCode);
        (await centre.DeleteAsync($"/api/v1/operations/{secondId}/participants/{bankBOnA}")).EnsureSuccessStatusCode();
        await b.SyncAsync("ops-a");
        Assert.Equal(HttpStatusCode.NotFound, (await bankB.GetAsync($"/api/v1/operations/{StixIds.ForStix(secondId)}")).StatusCode);
    }

    private static decimal Total(JsonNode figures, string measure) =>
        figures.AsArray().Where(f => f!["measure"]!.GetValue<string>() == measure).Sum(f => f!["total"]!.GetValue<decimal>());

    /// <summary>Every object of <paramref name="node"/>'s federation collection as the peer with these credentials reads it.</summary>
    private static async Task<List<JsonObject>> TaxiiObjectsAsync(FederationNode node, (string Username, string Key) peer)
    {
        using var client = new HttpClient { BaseAddress = node.Server.Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{peer.Username}:{peer.Key}")));
        client.DefaultRequestHeaders.Accept.ParseAdd("application/taxii+json;version=2.1");
        var objects = new List<JsonObject>();
        string? next = null;
        do
        {
            var page = JsonNode.Parse(await client.GetStringAsync(
                $"/taxii2/cordon/collections/{TaxiiCollections.FederationId}/objects/?limit=1000{(next is null ? "" : "&next=" + Uri.EscapeDataString(next))}"))!;
            objects.AddRange((page["objects"]?.AsArray() ?? []).Select(o => o!.AsObject()));
            next = page["more"]?.GetValue<bool>() == true ? page["next"]!.GetValue<string>() : null;
        }
        while (next is not null);
        return objects;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in new[] { a, b, c }.Where(n => n is not null))
        {
            await node.DisposeAsync();
        }
        Directory.Delete(folder, recursive: true);
    }
}
