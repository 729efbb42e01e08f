using System.Net;
using System.Net.Http.Json;
using Cordon.Core.Members;
using Cordon.Server.Cases;
using Cordon.Server.Members;

namespace Cordon.Server.Tests;

/// <summary>Link analysis through the API, and proof that it reveals nothing outside the caller's visibility, not even as counts.</summary>
public sealed class GraphTests(CordonApp app) : IClassFixture<CordonApp>
{
    private static object Case(string country, decimal amount, string tlp, string distribution, Guid[]? communities, params (string Type, string Value)[] identifiers) => new
    {
        category = "impersonation_of_officials",
        loss = new { amount, currency = "EUR" },
        victimCountry = country,
        occurredAt = DateTimeOffset.UtcNow.AddDays(-3),
        tlp,
        distribution,
        communities,
        identifiers = identifiers.Select(i => new { type = i.Type, value = i.Value }).ToArray(),
    };

    [Fact]
    public async Task Rings_Mules_Paths_AndCorrelations_CountOnlyWhatTheCallerMaySee()
    {
        var (ownerId, ownerKey) = await app.MemberAsync("Graph Police HK", Sector.LawEnforcement, "HK", Role.Analyst);
        var (insiderId, insiderKey) = await app.MemberAsync("Graph Bank HK", Sector.Bank, "HK", Role.Analyst);
        var (_, outsiderKey) = await app.MemberAsync("Graph Telecom HK", Sector.Telecom, "HK", Role.Analyst);
        using var admin = app.Admin();
        var community = await CordonApp.ReadAsync<CommunityResponse>(await admin.PostAsJsonAsync("/api/v1/communities",
            new { name = "Graph HK community", members = new[] { ownerId, insiderId } }));
        using var owner = app.ClientWithKey(ownerKey);
        using var insider = app.ClientWithKey(insiderKey);
        using var outsider = app.ClientWithKey(outsiderKey);
        const string Mule = "GB29 NWBK 6016 1331 9268 19";
        const string SecretPhone = "+852 6123 9988";
        async Task<CaseResponse> ReportAsync(HttpClient client, object body) => await CordonApp.ReadAsync<CaseResponse>(await client.PostAsJsonAsync("/api/v1/cases", body));

        var visible = new[]
        {
            await ReportAsync(owner, Case("HK", 1000m, "green", "node", null, ("bank_account", Mule), ("phone", "+852 9000 0001"))),
            await ReportAsync(insider, Case("SG", 2000m, "green", "node", null, ("bank_account", Mule))),
            await ReportAsync(owner, Case("CN", 3000m, "green", "node", null, ("phone", "+852 9000 0001"), ("email", "agent@graph-visible.example"))),
        };
        var red = await ReportAsync(owner, Case("GB", 900_000m, "red", "node", null, ("bank_account", Mule), ("phone", SecretPhone)));
        var communityCase = await ReportAsync(owner, Case("AU", 50_000m, "amber", "communities", [community.Id], ("bank_account", Mule)));
        var hidden = new[] { red.Id, communityCase.Id };

        var outsiderRings = await CordonApp.ReadAsync<RingsResponse>(await outsider.GetAsync("/api/v1/graph/rings?top=20"));
        var ring = Assert.Single(outsiderRings.Rings);
        Assert.Equal((3, 6000m), (ring.Cases, ring.TotalLoss));
        Assert.Equal(["CN", "HK", "SG"], ring.Countries);
        Assert.Equal(visible.Select(v => v.Id).Order(), ring.CaseIds.Order());
        var insiderRing = Assert.Single((await CordonApp.ReadAsync<RingsResponse>(await insider.GetAsync("/api/v1/graph/rings"))).Rings);
        Assert.Equal((4, 56_000m), (insiderRing.Cases, insiderRing.TotalLoss));
        var ownerRing = Assert.Single((await CordonApp.ReadAsync<RingsResponse>(await owner.GetAsync("/api/v1/graph/rings"))).Rings);
        Assert.Equal(5, ownerRing.Cases);

        var mule = Assert.Single((await CordonApp.ReadAsync<MulesResponse>(await outsider.GetAsync("/api/v1/graph/mules"))).Mules);
        Assert.Equal((2, 2, 3000m), (mule.Victims, mule.Countries, mule.Loss));
        var hubs = await CordonApp.ReadAsync<List<HubResponse>>(await outsider.GetAsync("/api/v1/graph/hubs"));
        Assert.Equal(2, hubs.Single(h => h.Identifier.Type == Core.Identifiers.IdentifierType.BankAccount).Cases);

        var path = await CordonApp.ReadAsync<PathResponse>(await outsider.GetAsync(
            $"/api/v1/graph/path?from={Uri.EscapeDataString("bank_account:" + Mule)}&to={Uri.EscapeDataString("email:agent@graph-visible.example")}"));
        Assert.Equal((true, 4), (path.Connected, path.Hops));
        var secret = await CordonApp.ReadAsync<PathResponse>(await outsider.GetAsync(
            $"/api/v1/graph/path?from={Uri.EscapeDataString("bank_account:" + Mule)}&to={Uri.EscapeDataString("phone:" + SecretPhone)}"));
        Assert.False(secret.Connected);
        Assert.True((await owner.GetFromJsonAsync<PathResponse>(
            $"/api/v1/graph/path?from={Uri.EscapeDataString("bank_account:" + Mule)}&to={Uri.EscapeDataString("phone:" + SecretPhone)}", CordonApp.Json))!.Connected);

        var correlation = (await CordonApp.ReadAsync<List<CorrelationResponse>>(await outsider.GetAsync($"/api/v1/cases/{visible[1].Id}/correlations"))).Single();
        Assert.Equal((1, 1), (correlation.OtherCases, correlation.Reports - correlation.Indicators));

        // Nothing of the hidden cases in any answer to the outsider: ids, values, sizes or totals.
        foreach (var request in new[]
                 {
                     "/api/v1/graph/rings", "/api/v1/graph/mules", "/api/v1/graph/hubs", "/api/v1/correlations?after=0&limit=200",
                     $"/api/v1/graph/around?type=bank_account&value={Uri.EscapeDataString(Mule)}&depth=4&limit=1000",
                     $"/api/v1/graph/around?type=phone&value={Uri.EscapeDataString(SecretPhone)}&depth=4",
                     $"/api/v1/cases/{visible[0].Id}", $"/api/v1/cases/{visible[1].Id}/correlations",
                 })
        {
            var body = await (await outsider.GetAsync(request)).Content.ReadAsStringAsync();
            foreach (var id in hidden)
            {
                Assert.DoesNotContain(id.ToString(), body, StringComparison.OrdinalIgnoreCase);
            }
            Assert.DoesNotContain("6123 9988", body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"GB\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"AU\"", body, StringComparison.Ordinal);
        }
        foreach (var id in hidden)
        {
            await ProblemAssert.IsProblemAsync(await outsider.GetAsync($"/api/v1/cases/{id}"), HttpStatusCode.NotFound);
            await ProblemAssert.IsProblemAsync(await outsider.GetAsync($"/api/v1/cases/{id}/correlations"), HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task ANonCorrelatingValue_LinksNothing_AndOnlyNodeAdminsMarkIt()
    {
        var (_, key) = await app.MemberAsync("Graph Collection Bank", Sector.Bank, "GB", Role.Analyst, Role.Admin);
        using var bank = app.ClientWithKey(key);
        const string Collection = "GB33 BUKB 2020 1555 5555 55";
        var cases = new List<CaseResponse>();
        for (var i = 0; i < 3; i++)
        {
            cases.Add(await CordonApp.ReadAsync<CaseResponse>(await bank.PostAsJsonAsync("/api/v1/cases",
                Case("GB", 10m, "green", "organisation", null, ("bank_account", Collection), ("phone", $"+44 20 7946 07{i:D2}")))));
        }
        var ids = cases.Select(c => c.Id).ToHashSet();
        async Task<List<RingResponse>> RingsAsync() =>
            (await CordonApp.ReadAsync<RingsResponse>(await bank.GetAsync("/api/v1/graph/rings"))).Rings.Where(r => r.CaseIds.Any(ids.Contains)).ToList();
        Assert.Equal(3, Assert.Single(await RingsAsync()).Cases);

        var mark = new { type = "bank_account", value = Collection, reason = "our own collection account" };
        await ProblemAssert.IsProblemAsync(await bank.PostAsJsonAsync("/api/v1/graph/non-correlating", mark), HttpStatusCode.Forbidden);
        using var admin = app.Admin();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/graph/non-correlating", mark)).StatusCode);
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/graph/non-correlating", mark), HttpStatusCode.Conflict);

        Assert.Empty(await RingsAsync());
        var view = await CordonApp.ReadAsync<CaseResponse>(await bank.GetAsync($"/api/v1/cases/{cases[0].Id}"));
        var collection = view.Identifiers.Single(i => i.Identifier.Type == Core.Identifiers.IdentifierType.BankAccount);
        Assert.True(collection.NonCorrelating);
        Assert.Equal(0, collection.Reports);

        var listed = await CordonApp.ReadAsync<List<NonCorrelatingResponse>>(await admin.GetAsync("/api/v1/graph/non-correlating"));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/graph/non-correlating/{listed.Single().Identifier.Id}")).StatusCode);
        Assert.Single(await RingsAsync());
    }

    [Fact]
    public async Task BadGraphQueries_AreProblems()
    {
        var (_, key) = await app.MemberAsync("Graph Bad Queries", Sector.Bank, "GB", Role.Viewer);
        using var client = app.ClientWithKey(key);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/graph/rings?top=0"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/graph/path?from=nonsense&to=phone:1"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/graph/around?type=phone&value=%2B442079460000&depth=9"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/graph/around?type=phone&value=12"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/cases", new { category = "romance" }), HttpStatusCode.Forbidden);
    }
}
