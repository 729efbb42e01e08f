using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cordon.Application.Federation;
using Cordon.Core.Identifiers;
using Cordon.Core.Members;
using Cordon.Core.Screening;
using Cordon.Core.Sharing;
using Cordon.Core.Stix;
using Cordon.Server.Cases;
using Cordon.Server.Federation;
using Cordon.Server.Indicators;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Tests;

/// <summary>
/// The trust boundary as a hostile peer and a hostile member try it: a peer's credential sees only what its rules let
/// leave and reaches nothing but TAXII and screening; no peer speaks for another's organisations; no member overwrites
/// another's objects; refusals reveal no item the caller may not see.
/// </summary>
public sealed class PeerBoundaryTests(CordonApp app) : IClassFixture<CordonApp>
{
    private static readonly DateTimeOffset Joined = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string Federation = $"/taxii2/cordon/collections/{TaxiiCollections.FederationId}/";

    [Fact]
    public async Task APeerAllowedClearAndGreen_GetsClear_ForAnAmberStrictValue_OnEveryScreeningRoute()
    {
        var (_, ownerKey) = await app.MemberAsync("Boundary Screening Police", Sector.LawEnforcement, "HK", Role.Analyst);
        using var owner = app.ClientWithKey(ownerKey);
        await SubmitAsync(owner, "+852 9123 7001", "amber+strict", "node");
        await SubmitAsync(owner, "+852 9123 7002", "green", "federation");
        var (_, peerKey) = await PeerAsync("boundary-screen", "clear", "green");
        using var peer = app.ClientWithKey(peerKey);
        await IndexedAsync(owner, "+852 9123 7001");
        await IndexedAsync(owner, "+852 9123 7002");

        Assert.Equal("clear", await VerdictAsync(peer, "+852 9123 7001"));
        Assert.NotEqual("clear", await VerdictAsync(peer, "+852 9123 7002"));
        using (var member = app.ClientWithKey(ownerKey))
        {
            Assert.NotEqual("clear", await VerdictAsync(member, "+852 9123 7001"));
        }

        var batch = new StringContent("{\"type\":\"phone\",\"value\":\"+85291237001\"}\n{\"type\":\"phone\",\"value\":\"+85291237002\"}\n",
            Encoding.UTF8, "application/x-ndjson");
        var lines = (await (await peer.PostAsync("/api/v1/screen/batch", batch)).Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal("clear", lines[0]["response"]!["verdict"]!.GetValue<string>());
        Assert.NotEqual("clear", lines[1]["response"]!["verdict"]!.GetValue<string>());
        Assert.DoesNotContain("categories\":[\"investment_scam", lines[0].ToJsonString(), StringComparison.Ordinal);

        Assert.False(await InRangeAsync(peer, "+85291237001"));
        Assert.True(await InRangeAsync(peer, "+85291237002"));
    }

    [Fact]
    public async Task APeer_IsRefused_EveryMemberRoute_ButReachesTaxiiAndScreening()
    {
        var (ownerId, ownerKey) = await app.MemberAsync("Boundary Case Police", Sector.LawEnforcement, "HK", Role.Analyst, Role.Responder);
        using var owner = app.ClientWithKey(ownerKey);
        var restricted = await CreateCaseAsync(owner, "amber+strict", "node", "+852 9123 7101");
        var shared = await CreateCaseAsync(owner, "green", "federation", "+852 9123 7102");
        await owner.PostAsJsonAsync($"/api/v1/cases/{restricted.Id}/notes", new { text = "boundary secret note" });
        var (peerOrganisation, peerKey) = await PeerAsync("boundary-routes", "clear", "green");
        using var peer = app.ClientWithKey(peerKey);

        foreach (var path in new[]
                 {
                     $"/api/v1/cases/{restricted.Id}", $"/api/v1/cases/{shared.Id}", $"/api/v1/cases/{restricted.Id}/correlations",
                     "/api/v1/correlations", "/api/v1/graph/rings", "/api/v1/graph/hubs", "/api/v1/organisations", $"/api/v1/organisations/{ownerId}",
                     "/api/v1/indicators?value=%2B85291237101", "/api/v1/requests", "/api/v1/communities", "/api/v1/response/stats",
                     "/api/v1/indicators/export?format=csv", "/api/v1/events",
                 })
        {
            using var response = await peer.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
            // A problem's "instance" is the caller's own request path; nothing else may name the case.
            var body = System.Text.RegularExpressions.Regex.Replace(await response.Content.ReadAsStringAsync(), "\"instance\":\"[^\"]*\"", "");
            Assert.DoesNotContain("boundary secret note", body, StringComparison.Ordinal);
            Assert.DoesNotContain(restricted.Id.ToString(), body, StringComparison.Ordinal);
        }
        var send = await peer.PostAsJsonAsync("/api/v1/requests", new
        {
            kind = "freeze_funds",
            recipient = ownerId,
            priority = "critical",
            legalBasis = "boundary",
            targets = new[] { new { type = "phone", value = "+852 9123 7103" } },
        });
        Assert.Equal(HttpStatusCode.Forbidden, send.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await peer.PostAsJsonAsync("/api/v1/indicators",
            new { type = "phone", value = "+852 9123 7104", categories = new[] { "other" }, tlp = "green", distribution = "node" })).StatusCode);

        using var taxii = Taxii(peerOrganisation, peerKey);
        var collections = JsonNode.Parse(await taxii.GetStringAsync("/taxii2/cordon/collections/"))!;
        Assert.Equal(TaxiiCollections.FederationId.ToString(), Assert.Single(collections["collections"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await peer.PostAsJsonAsync("/api/v1/screen", new { type = "phone", value = "+852 9123 7101" })).StatusCode);
    }

    [Fact]
    public async Task APeer_CannotSpeakForAnotherPeersOrganisation()
    {
        var (peerA, keyA) = await PeerAsync("boundary-node-a", "clear", "green");
        var (peerB, keyB) = await PeerAsync("boundary-node-b", "clear", "green");
        var remote = Guid.NewGuid();
        var indicatorId = $"indicator--{Guid.NewGuid()}";
        var first = Indicator(indicatorId, remote, "boundary-remote.example", "2026-12-01T10:00:00.000Z", revoked: false, confidence: 90);
        var identity = StixWriter.Identity(remote, "Bank of Node A", Sector.Bank, "SG", Joined, "boundary-node-a");
        using var a = Taxii(peerA, keyA);
        var created = await PostAsync(a, identity, first);
        Assert.Equal(2, created["success_count"]!.GetValue<int>());

        var rewrite = Indicator(indicatorId, remote, "boundary-remote.example", "2026-12-02T10:00:00.000Z", revoked: true, confidence: 1);
        using var b = Taxii(peerB, keyB);
        var refused = await PostAsync(b, rewrite);
        Assert.Equal(0, refused["success_count"]!.GetValue<int>());
        Assert.Contains("spoken for by another peer", refused["failures"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        // Claiming the organisation's identity again does not make it B's to speak for.
        var claimed = await PostAsync(b, StixWriter.Identity(remote, "Bank of Node A", Sector.Bank, "SG", Joined, "boundary-node-a"),
            Indicator($"indicator--{Guid.NewGuid()}", remote, "boundary-other.example", "2026-12-02T10:00:00.000Z", revoked: false, confidence: 1));
        Assert.Equal(1, claimed["failure_count"]!.GetValue<int>());
        Assert.Contains("spoken for by another peer", claimed["failures"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        await using var db = app.Database.Open();
        var held = await db.Indicators.AsNoTracking().SingleAsync(i => i.OrganisationId == remote && i.Observable.Value == "boundary-remote.example");
        Assert.Null(held.RevokedAt);
        Assert.Equal(90, held.Confidence);
        // The peer that introduced it may still update it.
        var update = await PostAsync(a, Indicator(indicatorId, remote, "boundary-remote.example", "2026-12-03T10:00:00.000Z", revoked: false, confidence: 80));
        Assert.Equal(1, update["success_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task AMember_CannotOverwriteAnotherMembersKeptObject_AndLearnsNothingFromTheId()
    {
        var (first, firstKey) = await app.MemberAsync("Boundary Note Writer", Sector.Bank, "GB", Role.Analyst);
        var (second, secondKey) = await app.MemberAsync("Boundary Note Rewriter", Sector.Bank, "GB", Role.Analyst);
        var noteId = $"note--{Guid.NewGuid()}";
        using var writer = Taxii(first, firstKey);
        using var rewriter = Taxii(second, secondKey);
        var original = Note(noteId, first, "the first members note", "2026-12-01T10:00:00.000Z");
        var kept = await PostAsync(writer, original);
        var unknown = await PostAsync(rewriter, Note($"note--{Guid.NewGuid()}", second, "a fresh note", "2026-12-02T10:00:00.000Z"));
        var taken = await PostAsync(rewriter, Note(noteId, second, "overwritten", "2026-12-02T10:00:00.000Z"));
        Assert.Equal(1, kept["success_count"]!.GetValue<int>());
        Assert.Equal(Outcome(unknown), Outcome(taken));

        await using var db = app.Database.Open();
        var held = await db.KeptStixObjects.AsNoTracking().SingleAsync(k => k.StixId == noteId);
        Assert.Equal(first, held.OrganisationId);
        Assert.Contains("the first members note", held.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATaxiiPost_OfAnotherOrganisationsRedId_AnswersAsForAnUnknownId()
    {
        var (_, ownerKey) = await app.MemberAsync("Boundary Red Owner", Sector.LawEnforcement, "GB", Role.Analyst);
        var (prober, proberKey) = await app.MemberAsync("Boundary Prober", Sector.Bank, "GB", Role.Analyst);
        using var owner = app.ClientWithKey(ownerKey);
        var red = await SubmitAsync(owner, "+44 7700 900771", "red", "node");
        using var taxii = Taxii(prober, proberKey);
        var known = await PostAsync(taxii, Indicator(StixIds.Of("indicator", red), prober, "boundary-probe.example", "2026-12-01T10:00:00.000Z", false, 50));
        var unknown = await PostAsync(taxii, Indicator($"indicator--{Guid.NewGuid()}", prober, "boundary-probe2.example", "2026-12-01T10:00:00.000Z", false, 50));
        Assert.Equal(Outcome(unknown), Outcome(known));

        await using var db = app.Database.Open();
        var untouched = await db.Indicators.AsNoTracking().Include(i => i.Observable).SingleAsync(i => i.Id == red);
        Assert.Equal("+447700900771", untouched.Observable.Value);
        Assert.Equal(Tlp.Red, untouched.Tlp);
    }

    [Fact]
    public async Task ReadingBackAnIdThatAHiddenIndicatorsTwin_AnswersAsForAnUnknownId()
    {
        var (owner, ownerKey) = await app.MemberAsync("Boundary Twin Owner", Sector.LawEnforcement, "GB", Role.Analyst);
        var (prober, proberKey) = await app.MemberAsync("Boundary Twin Prober", Sector.Bank, "GB", Role.Analyst);
        using var ownerClient = app.ClientWithKey(ownerKey);
        var red = await SubmitAsync(ownerClient, "+44 7700 900772", "red", "organisation");
        using var taxii = Taxii(prober, proberKey);
        var hiddenTwin = StixIds.Of("indicator", red);
        var unknown = $"indicator--{Guid.NewGuid()}";
        await PostAsync(taxii, Indicator(hiddenTwin, prober, "boundary-twin.example", "2026-12-01T10:00:00.000Z", false, 50));
        await PostAsync(taxii, Indicator(unknown, prober, "boundary-twin2.example", "2026-12-01T10:00:00.000Z", false, 50));
        var node = $"/taxii2/cordon/collections/{TaxiiCollections.NodeId}/objects/";
        var hiddenBack = await taxii.GetAsync(node + hiddenTwin + "/");
        var unknownBack = await taxii.GetAsync(node + unknown + "/");
        Assert.Equal(unknownBack.StatusCode, hiddenBack.StatusCode);
        Assert.Contains("boundary-twin.example", await hiddenBack.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Naming the hidden indicator's owner as the author is refused alike, whatever the id.
        var asOwner = await PostAsync(taxii, Indicator(hiddenTwin, owner, "boundary-twin3.example", "2026-11-01T10:00:00.000Z", false, 50));
        var asOwnerUnknown = await PostAsync(taxii, Indicator($"indicator--{Guid.NewGuid()}", owner, "boundary-twin3.example", "2026-11-01T10:00:00.000Z", false, 50));
        Assert.Equal(Outcome(asOwnerUnknown), Outcome(asOwner));
        Assert.Equal(0, asOwner["success_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task APeerPostingAHiddenIndicatorsId_IsAnsweredAsForAnUnknownId()
    {
        var (_, ownerKey) = await app.MemberAsync("Boundary Peer Probe Owner", Sector.LawEnforcement, "GB", Role.Analyst);
        using var ownerClient = app.ClientWithKey(ownerKey);
        var red = await SubmitAsync(ownerClient, "+44 7700 900773", "red", "organisation");
        var (peer, peerKey) = await PeerAsync("boundary-prober", "clear", "green");
        using var taxii = Taxii(peer, peerKey);
        var remote = Guid.NewGuid();
        var hidden = await PostAsync(taxii, Indicator(StixIds.Of("indicator", red), remote, "boundary-peer-probe.example", "2026-12-01T10:00:00.000Z", false, 50));
        var unknown = await PostAsync(taxii, Indicator($"indicator--{Guid.NewGuid()}", remote, "boundary-peer-probe2.example", "2026-12-01T10:00:00.000Z", false, 50));
        Assert.Equal(Outcome(unknown), Outcome(hidden));
    }

    [Fact]
    public async Task MarkingNonCorrelating_AnswersAlike_ForAnotherOrganisationsRedValue_AndAnUnknownOne()
    {
        var (_, ownerKey) = await app.MemberAsync("Boundary Correlation Owner", Sector.LawEnforcement, "GB", Role.Analyst);
        using var owner = app.ClientWithKey(ownerKey);
        await SubmitAsync(owner, "+44 7700 900881", "red", "organisation");
        using var admin = app.Admin();
        var red = await admin.PostAsJsonAsync("/api/v1/graph/non-correlating", new { type = "phone", value = "+44 7700 900881", reason = "probe" });
        var unknown = await admin.PostAsJsonAsync("/api/v1/graph/non-correlating", new { type = "phone", value = "+44 7700 900882", reason = "probe" });
        Assert.Equal(HttpStatusCode.Created, unknown.StatusCode);
        Assert.Equal(unknown.StatusCode, red.StatusCode);
    }

    [Fact]
    public async Task CaseNotesAndAttachments_NameTheOrganisation_NeverAnotherOrganisationsKey()
    {
        var (_, ownerKey) = await app.MemberAsync("Boundary Author Police", Sector.LawEnforcement, "HK", Role.Analyst);
        var (_, readerKey) = await app.MemberAsync("Boundary Author Reader", Sector.Bank, "HK", Role.Viewer);
        using var owner = app.ClientWithKey(ownerKey);
        var shared = await CreateCaseAsync(owner, "green", "node", "+852 9123 7201");
        await owner.PostAsJsonAsync($"/api/v1/cases/{shared.Id}/notes", new { text = "shared note" });
        using var upload = new ByteArrayContent("evidence"u8.ToArray());
        upload.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsync($"/api/v1/cases/{shared.Id}/attachments?fileName=evidence.txt", upload)).StatusCode);
        var own = await CordonApp.ReadAsync<CaseResponse>(await owner.GetAsync($"/api/v1/cases/{shared.Id}"));
        var keyId = Assert.Single(own.Notes).Author;

        using var reader = app.ClientWithKey(readerKey);
        var body = await (await reader.GetAsync($"/api/v1/cases/{shared.Id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(keyId, body, StringComparison.OrdinalIgnoreCase);
        var seen = System.Text.Json.JsonSerializer.Deserialize<CaseResponse>(body, CordonApp.Json)!;
        Assert.Equal("Boundary Author Police", Assert.Single(seen.Notes).Author);
        Assert.Equal("Boundary Author Police", Assert.Single(seen.Attachments).Author);
    }

    private static string Outcome(JsonObject status) =>
        $"{status["success_count"]}|{status["failure_count"]}|{(status["successes"] as JsonArray)?[0]?["message"]}|{(status["failures"] as JsonArray)?[0]?["message"]}";

    private async Task<(Guid Organisation, string Key)> PeerAsync(string name, params string[] tlps)
    {
        using var admin = app.Admin();
        var created = await CordonApp.ReadAsync<PeerCreatedResponse>(await admin.PostAsJsonAsync("/api/v1/peers",
            new { name, direction = "inbound", tlps }, CordonApp.Json));
        return (Guid.Parse(created.InboundUsername), created.InboundKey);
    }

    private HttpClient Taxii(Guid organisation, string key) => app.TaxiiClient(organisation, key);

    private static async Task<JsonObject> PostAsync(HttpClient taxii, params JsonObject[] objects)
    {
        var response = await taxii.PostAsync(Federation + "objects/", CordonApp.TaxiiContent(new JsonObject { ["objects"] = new JsonArray(objects) }.ToJsonString()));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static JsonObject Indicator(string id, Guid createdBy, string domain, string modified, bool revoked, int confidence) => new()
    {
        ["type"] = "indicator",
        ["spec_version"] = "2.1",
        ["id"] = id,
        ["created_by_ref"] = $"identity--{createdBy}",
        ["created"] = "2026-12-01T10:00:00.000Z",
        ["modified"] = modified,
        ["pattern"] = $"[domain-name:value = '{domain}']",
        ["pattern_type"] = "stix",
        ["valid_from"] = "2026-12-01T10:00:00.000Z",
        ["revoked"] = revoked,
        ["confidence"] = confidence,
        ["labels"] = new JsonArray("phishing"),
        ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(Tlp.Green)),
    };

    private static JsonObject Note(string id, Guid createdBy, string content, string modified) => new()
    {
        ["type"] = "note",
        ["spec_version"] = "2.1",
        ["id"] = id,
        ["created_by_ref"] = $"identity--{createdBy}",
        ["created"] = "2026-12-01T10:00:00.000Z",
        ["modified"] = modified,
        ["content"] = content,
        ["object_refs"] = new JsonArray($"identity--{createdBy}"),
        ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(Tlp.Amber)),
    };

    private static async Task<Guid> SubmitAsync(HttpClient client, string phone, string tlp, string distribution) =>
        (await CordonApp.ReadAsync<SubmittedIndicator>(await client.PostAsJsonAsync("/api/v1/indicators",
            new { type = "phone", value = phone, categories = new[] { "investment_scam" }, tlp, distribution }))).Id;

    private static Task<CaseResponse> CreateCaseAsync(HttpClient client, string tlp, string distribution, string phone) =>
        client.PostAsJsonAsync("/api/v1/cases", new
        {
            category = "investment_scam",
            loss = new { amount = 1_000m, currency = "HKD" },
            victimCountry = "HK",
            occurredAt = DateTimeOffset.UtcNow.AddDays(-1),
            tlp,
            distribution,
            summary = "boundary case summary",
            identifiers = new[] { new { type = "phone", value = phone } },
        }).ContinueWith(t => CordonApp.ReadAsync<CaseResponse>(t.Result)).Unwrap();

    private static async Task<string> VerdictAsync(HttpClient client, string phone) =>
        JsonNode.Parse(await (await client.PostAsJsonAsync("/api/v1/screen", new { type = "phone", value = phone })).Content.ReadAsStringAsync())!
            ["verdict"]!.GetValue<string>();

    /// <summary>Waits for the screening index to follow the change feed to a value the member just submitted.</summary>
    private static Task<string> IndexedAsync(HttpClient owner, string phone) =>
        Eventually.UntilAsync(() => VerdictAsync(owner, phone), verdict => verdict != "clear");

    private static async Task<bool> InRangeAsync(HttpClient client, string canonicalPhone)
    {
        var hash = ScreeningKey.PrivateHash(IdentifierType.Phone, canonicalPhone);
        var answer = JsonNode.Parse(await client.GetStringAsync($"/api/v1/screen/range/{hash[..5]}"))!;
        return answer["matches"]!.AsArray().Any(m => m!["suffix"]!.GetValue<string>() == hash[5..16]);
    }
}
