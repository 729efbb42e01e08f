using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cordon.Application.Federation;
using Cordon.Core.Members;
using Cordon.Core.Stix;

namespace Cordon.Server.Tests;

/// <summary>
/// Bulletins, operations and results as a peer posts them over TAXII: malformed ones fail object by object (never a
/// 500), a peer cannot put results in the name of this node's members, and a node that does not take TLP:AMBER cannot
/// be made a participant.
/// </summary>
public sealed class OperationsFromPeersTests(CordonApp app) : IClassFixture<CordonApp>
{
    private static readonly string Federation = $"/taxii2/cordon/collections/{TaxiiCollections.FederationId}/objects/";
    private static readonly string Amber = TlpMarkings.IdOf(Core.Sharing.Tlp.Amber);

    private Task<(Guid Organisation, string Key)> PeerAsync(string name, params string[] tlps) => app.PeerAsync(name, tlps);

    private static JsonObject Identity(Guid id, string name) => new()
    {
        ["type"] = "identity",
        ["spec_version"] = "2.1",
        ["id"] = $"identity--{id}",
        ["created"] = "2026-12-01T00:00:00.000Z",
        ["modified"] = "2026-12-01T00:00:00.000Z",
        ["name"] = name,
        ["identity_class"] = "organization",
    };

    private static JsonObject Extension(string name, JsonObject facts) => new()
    {
        [CordonExtensions.PropertiesExtensionId] = new JsonObject { ["extension_type"] = "property-extension", [name] = facts },
    };

    private static JsonObject Grouping(Guid id, Guid lead, string modified, JsonArray participants, JsonArray results) => new()
    {
        ["type"] = "grouping",
        ["spec_version"] = "2.1",
        ["id"] = $"grouping--{id}",
        ["created_by_ref"] = $"identity--{lead}",
        ["created"] = "2026-12-01T00:00:00.000Z",
        ["modified"] = modified,
        ["name"] = "Operation from a peer",
        ["context"] = "suspicious-activity",
        ["object_refs"] = new JsonArray(participants.Select(p => (JsonNode)p!["identity"]!.GetValue<string>()).ToArray()),
        ["object_marking_refs"] = new JsonArray(Amber),
        ["extensions"] = Extension("operation", new JsonObject { ["status"] = "active", ["participants"] = participants.DeepClone(), ["results"] = results }),
    };

    private static async Task<JsonObject> PostAsync(HttpClient peer, params JsonNode[] objects)
    {
        var response = await peer.PostAsync(Federation, CordonApp.TaxiiContent(
            new JsonObject { ["objects"] = new JsonArray(objects.Select(o => o.DeepClone()).ToArray()) }.ToJsonString()));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    [Fact]
    public async Task MalformedOrUnfoundedObjects_FailOneByOne_AndNobodyReportsForThisNodesMembers()
    {
        var (memberId, memberKey) = await app.MemberAsync("Peer Operation Member", Sector.Bank, "HK", Role.Responder);
        var (peerOrganisation, peerKey) = await PeerAsync("operations-peer", "clear", "green", "amber");
        using var peer = app.TaxiiClient(peerOrganisation, peerKey);
        var lead = Guid.NewGuid();
        var leadIdentity = Identity(lead, "Lead Police of the Peer");
        var bulletin = new JsonObject
        {
            ["type"] = "report",
            ["spec_version"] = "2.1",
            ["id"] = $"report--{Guid.NewGuid()}",
            ["created_by_ref"] = $"identity--{lead}",
            ["created"] = "2026-12-01T00:00:00.000Z",
            ["modified"] = "2026-12-01T00:00:00.000Z",
            ["name"] = "x",
            ["published"] = 5,
            ["report_types"] = new JsonArray("threat-report"),
            ["object_refs"] = new JsonArray($"identity--{lead}"),
            ["extensions"] = Extension("bulletin", new JsonObject
            {
                ["severity"] = "high",
                ["texts"] = new JsonArray(new JsonObject { ["language"] = "en", ["title"] = 5, ["summary"] = "s", ["body"] = "b" }),
            }),
        };
        var notOurs = Grouping(Guid.NewGuid(), lead, "2026-12-02T00:00:00.000Z",
            [new JsonObject { ["identity"] = $"identity--{lead}", ["role"] = "lead" }], []);
        var badNote = new JsonObject
        {
            ["type"] = "note",
            ["spec_version"] = "2.1",
            ["id"] = $"note--{Guid.NewGuid()}",
            ["created_by_ref"] = $"identity--{lead}",
            ["created"] = "2026-12-01T00:00:00.000Z",
            ["modified"] = "2026-12-01T00:00:00.000Z",
            ["content"] = "x",
            ["object_refs"] = new JsonArray($"grouping--{Guid.NewGuid()}"),
            ["extensions"] = Extension("operation_result", new JsonObject { ["measure"] = "arrests", ["quantity"] = "many" }),
        };
        var weird = new JsonObject
        {
            ["type"] = "grouping",
            ["spec_version"] = "2.1",
            ["id"] = $"grouping--{Guid.NewGuid()}",
            ["created_by_ref"] = $"identity--{lead}",
            ["created"] = "2026-12-01T00:00:00.000Z",
            ["modified"] = "2026-12-01T00:00:00.000Z",
            ["context"] = "x",
            ["object_refs"] = new JsonArray("x"),
            ["extensions"] = "not an object",
        };
        var status = await PostAsync(peer, leadIdentity, bulletin, notOurs, badNote, weird);
        var failures = status["failures"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(bulletin["id"]!.GetValue<string>(), failures);
        Assert.Contains(notOurs["id"]!.GetValue<string>(), failures);
        Assert.Contains(badNote["id"]!.GetValue<string>(), failures);

        // An operation with this node's member: its own results count, one put in the member's name does not.
        var operationId = Guid.NewGuid();
        var member = StixIds.Of("identity", memberId);
        var participants = new JsonArray(new JsonObject { ["identity"] = $"identity--{lead}", ["role"] = "lead" },
            new JsonObject { ["identity"] = member, ["role"] = "participant" });
        JsonObject Result(string organisation, int quantity) => new()
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["organisation"] = organisation,
            ["country"] = "SG",
            ["measure"] = "arrests",
            ["quantity"] = quantity,
            ["reported_at"] = "2026-12-02T00:00:00.000Z",
        };
        var operation = Grouping(operationId, lead, "2026-12-03T00:00:00.000Z", participants,
            [Result($"identity--{lead}", 2), Result(member, 500)]);
        var accepted = await PostAsync(peer, leadIdentity, operation, operation.DeepClone());
        Assert.Equal(0, accepted["failure_count"]!.GetValue<int>());
        using var client = app.ClientWithKey(memberKey);
        var seen = await client.GetFromJsonAsync<JsonElement>($"/api/v1/operations/{operationId}");
        Assert.Equal("operations-peer", seen.GetProperty("originNode").GetString());
        var arrests = seen.GetProperty("board").GetProperty("totals").EnumerateArray().Single(f => f.GetProperty("measure").GetString() == "arrests");
        Assert.Equal(2m, arrests.GetProperty("total").GetDecimal());

        // An older version changes nothing; the member leaving takes the copy away.
        var older = Grouping(operationId, lead, "2026-12-02T12:00:00.000Z", participants, []);
        older["name"] = "An older name";
        await PostAsync(peer, older);
        Assert.Equal("Operation from a peer", (await client.GetFromJsonAsync<JsonElement>($"/api/v1/operations/{operationId}")).GetProperty("name").GetString());
        await PostAsync(peer, Grouping(operationId, lead, "2026-12-04T00:00:00.000Z",
            [new JsonObject { ["identity"] = $"identity--{lead}", ["role"] = "lead" }], []));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/operations/{operationId}")).StatusCode);
    }

    [Fact]
    public async Task ANodeThatTakesNoAmber_CannotBeAParticipant()
    {
        var (_, leadKey) = await app.MemberAsync("Amber Lead Police", Sector.LawEnforcement, "HK", Role.Responder);
        var (peerOrganisation, peerKey) = await PeerAsync("green-only-peer", "clear", "green");
        using var peer = app.TaxiiClient(peerOrganisation, peerKey);
        var bank = Guid.NewGuid();
        var indicator = new JsonObject
        {
            ["type"] = "indicator",
            ["spec_version"] = "2.1",
            ["id"] = $"indicator--{Guid.NewGuid()}",
            ["created_by_ref"] = $"identity--{bank}",
            ["created"] = "2026-12-01T00:00:00.000Z",
            ["modified"] = "2026-12-01T00:00:00.000Z",
            ["pattern_type"] = "stix",
            ["pattern"] = "[domain-name:value = 'green-only-peer-bank.example']",
            ["valid_from"] = "2026-12-01T00:00:00.000Z",
            ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(Core.Sharing.Tlp.Green)),
        };
        Assert.Equal(0, (await PostAsync(peer, Identity(bank, "Bank of the Green-only Peer"), indicator))["failure_count"]!.GetValue<int>());
        using var lead = app.ClientWithKey(leadKey);
        var refused = await lead.PostAsJsonAsync("/api/v1/operations", new
        {
            name = "Operation Amber",
            objectives = "o",
            participants = new[] { new { organisation = bank } },
        });
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains("AMBER", problem.GetRawText(), StringComparison.Ordinal);
    }
}
