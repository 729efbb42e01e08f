using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cordon.Application.Federation;
using Cordon.Core.Members;
using Cordon.Core.Stix;
using Cordon.Testing;

namespace Cordon.Server.Tests;

/// <summary>The TAXII 2.1 server from the outside: media types, errors, auth, what each caller may read, adding objects.</summary>
public sealed class TaxiiTests(CordonApp app) : IClassFixture<CordonApp>
{
    private const string Media = CordonApp.TaxiiMedia;
    private static readonly string Federation = $"/taxii2/cordon/collections/{TaxiiCollections.FederationId}/";

    private static object Item(string type, string value, string tlp, string distribution) =>
        new { type, value, categories = new[] { "phishing" }, confidence = 70, tlp, distribution };

    private HttpClient Basic(Guid organisation, string key) => app.TaxiiClient(organisation, key);

    private Task<(Guid Organisation, string Key)> PeerAsync(string name, params string[] tlps) => app.PeerAsync(name, tlps);

    private static async Task<JsonObject> TaxiiAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(Media, response.Content.Headers.ContentType?.ToString().Replace(" ", "", StringComparison.Ordinal));
        return JsonNode.Parse(body)!.AsObject();
    }

    [Fact]
    public async Task Discovery_ApiRoot_AndCollections_AnswerInTaxiiWithBasicAuth()
    {
        var (organisation, key) = await app.MemberAsync("Taxii Discovery Bank", Sector.Bank, "GB", Role.Analyst);
        using var client = Basic(organisation, key);
        var discovery = await TaxiiAsync(await client.GetAsync("/taxii2/"));
        Assert.EndsWith("/taxii2/cordon/", discovery["default"]!.GetValue<string>(), StringComparison.Ordinal);
        var root = await TaxiiAsync(await client.GetAsync("/taxii2/cordon/"));
        Assert.Contains(Media, root["versions"]!.AsArray().Select(v => v!.GetValue<string>()));
        var collections = (await TaxiiAsync(await client.GetAsync("/taxii2/cordon/collections/")))["collections"]!.AsArray();
        Assert.Contains(collections, c => c!["id"]!.GetValue<string>() == TaxiiCollections.FederationId.ToString());
        Assert.Contains(collections, c => c!["id"]!.GetValue<string>() == TaxiiCollections.NodeId.ToString());

        // The user name must be the key's own organisation.
        using var impostor = Basic(Guid.NewGuid(), key);
        var refused = await TaxiiAsync(await impostor.GetAsync("/taxii2/"), HttpStatusCode.Unauthorized);
        Assert.Equal("401", refused["http_status"]!.GetValue<string>());
        using var anonymous = app.CreateClient();
        await TaxiiAsync(await anonymous.GetAsync("/taxii2/cordon/collections/"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WrongMediaTypes_MalformedBodies_AndUnknownPaths_GetTaxiiErrors()
    {
        var (organisation, key) = await app.MemberAsync("Taxii Errors Bank", Sector.Bank, "GB", Role.Analyst);
        using var client = Basic(organisation, key);
        using var html = new HttpRequestMessage(HttpMethod.Get, "/taxii2/cordon/");
        html.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("text/html"));
        await TaxiiAsync(await client.SendAsync(html), HttpStatusCode.NotAcceptable);

        var objects = Federation + "objects/";
        await TaxiiAsync(await client.PostAsync(objects, new StringContent("{\"objects\":[]}", Encoding.UTF8, "application/json")),
            HttpStatusCode.UnsupportedMediaType);
        await TaxiiAsync(await client.PostAsync(objects, Taxii("{\"objects\": [")), HttpStatusCode.BadRequest);
        await TaxiiAsync(await client.PostAsync(objects, Taxii("[1,2,3]")), HttpStatusCode.BadRequest);
        await TaxiiAsync(await client.GetAsync("/taxii2/cordon/collections/00000000-0000-0000-0000-000000000000/objects/"), HttpStatusCode.NotFound);
        await TaxiiAsync(await client.GetAsync("/taxii2/cordon/nowhere/"), HttpStatusCode.NotFound);
        await TaxiiAsync(await client.GetAsync(objects + "?limit=0"), HttpStatusCode.BadRequest);
        await TaxiiAsync(await client.GetAsync(objects + "?added_after=yesterday"), HttpStatusCode.BadRequest);
        await TaxiiAsync(await client.GetAsync(objects + "?next=forged"), HttpStatusCode.BadRequest);

        var huge = new StringBuilder("{\"objects\":[");
        var filler = new string('x', 1024 * 1024);
        for (var i = 0; i < 51; i++)
        {
            huge.Append(i == 0 ? "" : ",").Append('"').Append(filler).Append('"');
        }
        await TaxiiAsync(await client.PostAsync(objects, Taxii(huge.Append("]}").ToString())), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task APeer_ReadsOnlyWhatItsRulesLetLeave_PagedWithoutGapsOrRepeats()
    {
        var (_, memberKey) = await app.MemberAsync("Taxii Source Bank", Sector.Bank, "HK", Role.Analyst);
        using var member = app.ClientWithKey(memberKey);
        var items = new List<object>();
        for (var i = 0; i < 30; i++)
        {
            items.Add(Item("domain", $"shared-{i}.taxii-test.example", i % 2 == 0 ? "clear" : "green", "federation"));
        }
        items.Add(Item("domain", "amber.taxii-test.example", "amber", "federation"));
        items.Add(Item("domain", "red.taxii-test.example", "red", "federation"));
        items.Add(Item("domain", "node-only.taxii-test.example", "clear", "node"));
        items.Add(Item("domain", "own-org.taxii-test.example", "clear", "organisation"));
        (await member.PostAsJsonAsync("/api/v1/indicators", new { items })).EnsureSuccessStatusCode();

        var (peerOrganisation, peerKey) = await PeerAsync("taxii-reader", "clear", "green");
        using var peer = Basic(peerOrganisation, peerKey);
        var collections = (await TaxiiAsync(await peer.GetAsync("/taxii2/cordon/collections/")))["collections"]!.AsArray();
        Assert.Equal(TaxiiCollections.FederationId.ToString(), Assert.Single(collections)!["id"]!.GetValue<string>());

        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var response = await peer.GetAsync(Federation + "objects/?match[type]=indicator&limit=7" + (next is null ? "" : "&next=" + Uri.EscapeDataString(next)));
            var page = await TaxiiAsync(response);
            var objects = page["objects"]!.AsArray();
            Assert.InRange(objects.Count, 1, 7);
            Assert.True(response.Headers.Contains("X-TAXII-Date-Added-First"));
            Assert.True(StixTime.TryParse(response.Headers.GetValues("X-TAXII-Date-Added-Last").Single(), out _));
            seen.AddRange(objects.Select(o => o!["pattern"]!.GetValue<string>()));
            next = page["more"]!.GetValue<bool>() ? page["next"]!.GetValue<string>() : null;
            pages++;
        }
        while (next is not null);
        var shared = seen.Where(p => p.Contains("taxii-test.example", StringComparison.Ordinal)).ToList();
        Assert.Equal(30, shared.Count);
        Assert.Equal(shared.Count, shared.Distinct().Count());
        Assert.True(pages >= 5);
        Assert.DoesNotContain(seen, p => p.Contains("amber.", StringComparison.Ordinal) || p.Contains("red.", StringComparison.Ordinal)
                                         || p.Contains("node-only", StringComparison.Ordinal) || p.Contains("own-org", StringComparison.Ordinal));

        // Everything served (indicators, observables, identities) validates against the official schemas, checked by ajv.
        var all = await peer.GetAsync(Federation + "objects/");
        var served = (await TaxiiAsync(all))["objects"]!.AsArray().Select(o => o!.ToJsonString()).ToList();
        Assert.Contains(served, o => o.Contains("\"type\":\"domain-name\"", StringComparison.Ordinal));
        Assert.Contains(served, o => o.Contains("\"type\":\"identity\"", StringComparison.Ordinal));
        var validation = await StixSchemaValidator.ValidateObjectsAsync(served);
        Assert.True(validation.Ok, validation.ToString());
        Assert.Equal(served.Count, validation.Objects);

        // added_after from the last page's header resumes exactly: nothing newer, so nothing comes back.
        var last = all.Headers.GetValues("X-TAXII-Date-Added-Last").Single();
        var after = await TaxiiAsync(await peer.GetAsync(Federation + "objects/?added_after=" + Uri.EscapeDataString(last)));
        Assert.Null(after["objects"]);
        Assert.False(after["more"]!.GetValue<bool>());

        // The peer's rules hold on the ordinary API as well.
        using var peerApi = app.ClientWithKey(peerKey);
        var search = await (await peerApi.GetAsync("/api/v1/indicators?type=domain&value=node-only.taxii-test.example")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("node-only", search, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEnvelope_WithBadObjects_StoresTheGoodOnes_AndTheStatusReportsEach()
    {
        var (organisation, key) = await app.MemberAsync("Taxii Writer Bank", Sector.Bank, "GB", Role.Analyst);
        using var client = Basic(organisation, key);
        var created = "2026-11-30T10:00:00.000Z";
        var good = new JsonObject
        {
            ["type"] = "indicator",
            ["spec_version"] = "2.1",
            ["id"] = $"indicator--{Guid.NewGuid()}",
            ["created_by_ref"] = $"identity--{organisation}",
            ["created"] = created,
            ["modified"] = created,
            ["pattern"] = "[domain-name:value = 'taxii-posted.example']",
            ["pattern_type"] = "stix",
            ["valid_from"] = created,
            ["labels"] = new JsonArray("phishing"),
            ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(Core.Sharing.Tlp.Green)),
        };
        var notMine = good.DeepClone().AsObject();
        notMine["id"] = $"indicator--{Guid.NewGuid()}";
        notMine["created_by_ref"] = $"identity--{Guid.NewGuid()}";
        var badTime = good.DeepClone().AsObject();
        badTime["id"] = $"indicator--{Guid.NewGuid()}";
        badTime["modified"] = "yesterday";
        var badPattern = good.DeepClone().AsObject();
        badPattern["id"] = $"indicator--{Guid.NewGuid()}";
        badPattern["pattern"] = "[domain-name:value = 'unterminated";
        var complex = good.DeepClone().AsObject();
        complex["id"] = $"indicator--{Guid.NewGuid()}";
        complex["pattern"] = "[file:size > 1024] WITHIN 60 SECONDS";
        var envelope = new JsonObject
        {
            ["objects"] = new JsonArray(good, notMine, badTime, badPattern, complex,
                new JsonObject { ["type"] = "x-unknown-thing", ["id"] = $"x-unknown-thing--{Guid.NewGuid()}" },
                new JsonObject { ["type"] = "indicator", ["id"] = "indicator--not-a-uuid" }, 42),
        };
        var status = await TaxiiAsync(await client.PostAsync(Federation + "objects/", Taxii(envelope.ToJsonString())), HttpStatusCode.Accepted);
        Assert.Equal("complete", status["status"]!.GetValue<string>());
        Assert.Equal(8, status["total_count"]!.GetValue<int>());
        Assert.Equal(2, status["success_count"]!.GetValue<int>());
        Assert.Equal(6, status["failure_count"]!.GetValue<int>());
        Assert.Equal(6, status["failures"]!.AsArray().Count);
        Assert.Contains(status["successes"]!.AsArray(), s => s!["message"]!.GetValue<string>().StartsWith("kept, not acted on", StringComparison.Ordinal));

        var again = await TaxiiAsync(await client.GetAsync($"/taxii2/cordon/status/{status["id"]!.GetValue<string>()}/"));
        Assert.Equal(status.ToJsonString(), again.ToJsonString());

        // Sending the same object again is one object, not two.
        var repeat = await TaxiiAsync(await client.PostAsync(Federation + "objects/", Taxii(new JsonObject { ["objects"] = new JsonArray(good.DeepClone()) }.ToJsonString())),
            HttpStatusCode.Accepted);
        Assert.Equal(1, repeat["success_count"]!.GetValue<int>());
        using var api = app.ClientWithKey(key);
        var found = JsonNode.Parse(await (await api.GetAsync("/api/v1/indicators?type=domain&value=taxii-posted.example")).Content.ReadAsStringAsync())!;
        Assert.Single(found["items"]!.AsArray());

        var one = await TaxiiAsync(await client.GetAsync(Federation + $"objects/{good["id"]}/"));
        Assert.Equal(good["id"]!.GetValue<string>(), Assert.Single(one["objects"]!.AsArray())!["id"]!.GetValue<string>());
        var versions = await TaxiiAsync(await client.GetAsync(Federation + $"objects/{good["id"]}/versions/"));
        Assert.Single(versions["versions"]!.AsArray());
        var manifest = await TaxiiAsync(await client.GetAsync(Federation + "manifest/?match[id]=" + good["id"]));
        Assert.Equal("application/stix+json;version=2.1", Assert.Single(manifest["objects"]!.AsArray())!["media_type"]!.GetValue<string>());
    }

    private static StringContent Taxii(string body) => CordonApp.TaxiiContent(body);
}
