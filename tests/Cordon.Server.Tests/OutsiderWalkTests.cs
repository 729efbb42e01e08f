using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cordon.Core.Members;
using Cordon.Server.Indicators;
using Cordon.Server.Members;

namespace Cordon.Server.Tests;

/// <summary>
/// Walks every GET route in the OpenAPI document as an organisation outside the sharing scope of restricted items and
/// proves that no restricted value, id or count comes out: not in bodies, not in totals, not in error messages.
/// New GET routes are walked automatically.
/// </summary>
public sealed partial class OutsiderWalkTests(CordonApp app) : IClassFixture<CordonApp>
{
    private sealed record Restricted(Guid Id, string Value, string Original);

    [Fact]
    public async Task EveryGetRoute_RevealsNothingRestricted_ToAnOutsider()
    {
        var (ownerId, ownerKey) = await app.MemberAsync("Walk Owner Police", Sector.LawEnforcement, "HK", Role.Admin);
        var (insiderId, insiderKey) = await app.MemberAsync("Walk Insider Bank", Sector.Bank, "HK", Role.Analyst);
        var (_, outsiderKey) = await app.MemberAsync("Walk Outsider Telecom", Sector.Telecom, "HK", Role.Admin);
        using var admin = app.Admin();
        var community = await CordonApp.ReadAsync<CommunityResponse>(await admin.PostAsJsonAsync("/api/v1/communities",
            new { name = "Walk HK community", members = new[] { ownerId, insiderId } }));

        using var owner = app.ClientWithKey(ownerKey);
        using var insider = app.ClientWithKey(insiderKey);
        using var outsider = app.ClientWithKey(outsiderKey);
        var restricted = new List<Restricted>
        {
            await SubmitAsync(owner, "+85291234001", "+852 9123 4001", "red", "node"),
            await SubmitAsync(owner, "+85291234002", "+852 9123 4002", "amber", "organisation"),
            await SubmitAsync(owner, "+85291234003", "+852 9123 4003", "amber+strict", "communities", community.Id),
            await SubmitAsync(owner, "+85291234004", "+852 9123 4004", "clear", "organisation"),
        };
        // A shared observable: restricted from the owner, visible from the insider. Its counts must not include the owner's report.
        var sharedRestricted = await SubmitAsync(owner, "+85291234005", "+852 9123 4005", "red", "node");
        restricted.Add(sharedRestricted);
        var visible = await SubmitAsync(insider, "+85291234005", "00852-9123-4005", "green", "node");
        foreach (var item in restricted)
        {
            await owner.PostAsJsonAsync($"/api/v1/indicators/{item.Id}/sightings", new { count = 7, where = "walk" });
        }
        // A response request between owner and insider: the outsider must not see it either.
        var sentRequest = await CordonApp.ReadAsync<Response.RequestResponse>(await owner.PostAsJsonAsync("/api/v1/requests", new
        {
            kind = "freeze_funds",
            recipient = insiderId,
            priority = "critical",
            amount = 777_777m,
            currency = "HKD",
            transactionRef = "WALK-TX-31337",
            legalBasis = "walk legal basis",
            targets = new[] { new { type = "phone", value = "+852 9123 4099" } },
        }));
        restricted.Add(new Restricted(sentRequest.Id, "WALK-TX-31337", "walk legal basis"));

        // A RED case naming a restricted phone and an account shared with a visible case: the graph, correlation and
        // case routes must show the outsider neither the case nor any count it would add.
        var redCase = await CordonApp.ReadAsync<Cases.CaseResponse>(await owner.PostAsJsonAsync("/api/v1/cases", new
        {
            category = "investment_scam",
            loss = new { amount = 31_337m, currency = "HKD" },
            victimCountry = "MO",
            occurredAt = DateTimeOffset.UtcNow.AddDays(-1),
            tlp = "red",
            distribution = "node",
            identifiers = new[] { new { type = "phone", value = "+852 9123 4007" }, new { type = "email", value = "walk-mule@walk-case.example" } },
        }));
        restricted.Add(new Restricted(redCase.Id, "+85291234007", "+852 9123 4007"));
        await insider.PostAsJsonAsync("/api/v1/cases", new
        {
            category = "investment_scam",
            loss = new { amount = 10m, currency = "HKD" },
            victimCountry = "HK",
            occurredAt = DateTimeOffset.UtcNow.AddDays(-1),
            tlp = "green",
            distribution = "node",
            identifiers = new[] { new { type = "email", value = "walk-mule@walk-case.example" } },
        });

        var visibleView = await CordonApp.ReadAsync<IndicatorResponse>(await outsider.GetAsync($"/api/v1/indicators/{visible.Id}"));
        Assert.Equal(1, visibleView.Network!.Reports);
        Assert.Equal(0, visibleView.Network.Sightings);

        var paths = await GetRoutesAsync(outsider);
        Assert.Contains("/api/v1/indicators", paths);
        Assert.Contains("/api/v1/indicators/{id}", paths);
        var requests = new List<string>();
        foreach (var path in paths)
        {
            if (path.EndsWith("/export", StringComparison.Ordinal))
            {
                requests.AddRange(new[] { "stix", "misp", "csv" }.Select(format => $"{path}?format={format}"));
                continue;
            }
            if (!path.Contains('{', StringComparison.Ordinal))
            {
                requests.Add(path);
                foreach (var item in restricted)
                {
                    requests.Add($"{path}?type=phone&value={Uri.EscapeDataString(item.Original)}");
                    requests.Add($"{path}?value={Uri.EscapeDataString(item.Value)}&organisation={ownerId}");
                }
                continue;
            }
            foreach (var item in restricted)
            {
                requests.Add(RouteParameter().Replace(path, item.Id.ToString()));
            }
        }
        foreach (var request in requests)
        {
            using var response = await outsider.GetAsync(request, HttpCompletionOption.ResponseHeadersRead);
            // A problem's "instance" echoes the caller's own request path; everything else must be free of restricted data.
            var raw = await ReadBoundedAsync(response);
            var body = InstanceMember().Replace(raw, "");
            Assert.True((int)response.StatusCode < 500, $"{request}: {(int)response.StatusCode}");
            foreach (var item in restricted)
            {
                Assert.False(body.Contains(item.Id.ToString(), StringComparison.OrdinalIgnoreCase), $"{request} leaked id {item.Id}");
                var echoesRequest = request.Contains(Uri.EscapeDataString(item.Original), StringComparison.Ordinal)
                                    || request.Contains(Uri.EscapeDataString(item.Value), StringComparison.Ordinal);
                if (echoesRequest && body.Contains("\"verdict\"", StringComparison.Ordinal))
                {
                    // A check echoes the caller's own value in canonical form; what must not leak is any knowledge of it.
                    Assert.Contains("\"verdict\":\"clear\"", body, StringComparison.Ordinal);
                    continue;
                }
                Assert.False(body.Contains(item.Value, StringComparison.Ordinal) && item != sharedRestricted, $"{request} leaked value {item.Value}");
                Assert.False(body.Contains(item.Original, StringComparison.Ordinal), $"{request} leaked original {item.Original}");
            }
            Assert.DoesNotContain("31337", body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"MO\"", body, StringComparison.Ordinal);
            if ((request.StartsWith("/api/v1/indicators/", StringComparison.Ordinal) && !request.Contains("/export?", StringComparison.Ordinal))
                || request.StartsWith("/api/v1/requests/", StringComparison.Ordinal)
                || request.StartsWith("/api/v1/cases/", StringComparison.Ordinal))
            {
                // A restricted indicator looks exactly like one that does not exist.
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.Equal(await BodyShapeAsync(outsider, AnyGuid().Replace(request, Guid.NewGuid().ToString())), Shape(raw));
            }
        }
        var search = await CordonApp.ReadAsync<IndicatorPageResponse>(await outsider.GetAsync($"/api/v1/indicators?organisation={ownerId}"));
        Assert.Empty(search.Items);
        var shared = await CordonApp.ReadAsync<IndicatorPageResponse>(await outsider.GetAsync("/api/v1/indicators?type=phone&value=%2B85291234005"));
        Assert.Equal(visible.Id, Assert.Single(shared.Items).Id);

        // The insider sees what was shared with its community, but not the RED or organisation-only items.
        Assert.Equal(HttpStatusCode.OK, (await insider.GetAsync($"/api/v1/indicators/{restricted[2].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await insider.GetAsync($"/api/v1/indicators/{restricted[0].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await insider.GetAsync($"/api/v1/indicators/{restricted[1].Id}")).StatusCode);
    }

    [Fact]
    public async Task Outsider_CannotWriteToRestrictedIndicators_Either()
    {
        var (_, ownerKey) = await app.MemberAsync("Write Walk Owner", Sector.Bank, "GB", Role.Analyst);
        var (_, outsiderKey) = await app.MemberAsync("Write Walk Outsider", Sector.Bank, "GB", Role.Admin);
        using var owner = app.ClientWithKey(ownerKey);
        using var outsider = app.ClientWithKey(outsiderKey);
        var item = await SubmitAsync(owner, "+447700900123", "+44 7700 900123", "amber", "organisation");
        await ProblemAssert.IsProblemAsync(await outsider.PostAsJsonAsync($"/api/v1/indicators/{item.Id}/sightings", new { count = 1 }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await outsider.PostAsJsonAsync($"/api/v1/indicators/{item.Id}/false-positives", new { reason = "x" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await outsider.PostAsync($"/api/v1/indicators/{item.Id}/revoke", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await outsider.PatchAsJsonAsync($"/api/v1/indicators/{item.Id}", new { confidence = 1 }), HttpStatusCode.NotFound);
    }

    /// <summary>Reads a body; a stream that does not end (server-sent events) is read for a second and a half.</summary>
    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        await using var body = await response.Content.ReadAsStreamAsync(CancellationToken.None);
        var buffer = new MemoryStream();
        try
        {
            await body.CopyToAsync(buffer, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // An event stream: what arrived so far is what the outsider saw.
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static async Task<Restricted> SubmitAsync(HttpClient client, string canonical, string original, string tlp, string distribution,
        Guid? community = null)
    {
        var submitted = await CordonApp.ReadAsync<SubmittedIndicator>(await client.PostAsJsonAsync("/api/v1/indicators", new
        {
            type = "phone",
            value = original,
            categories = new[] { "investment_scam" },
            tlp,
            distribution,
            communities = community is null ? null : new[] { community.Value },
        }));
        return new Restricted(submitted.Id, canonical, original);
    }

    private static async Task<List<string>> GetRoutesAsync(HttpClient client)
    {
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        return document.GetProperty("paths").EnumerateObject()
            .Where(path => path.Value.TryGetProperty("get", out _))
            .Select(path => path.Name)
            .Where(path => path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/public/", StringComparison.Ordinal))
            .ToList();
    }

    private static async Task<string> BodyShapeAsync(HttpClient client, string path) =>
        Shape(await (await client.GetAsync(path)).Content.ReadAsStringAsync());

    /// <summary>A problem body without the parts that differ per request (trace id, instance).</summary>
    private static string Shape(string body)
    {
        var problem = JsonDocument.Parse(body).RootElement;
        return string.Join("|", problem.EnumerateObject().Where(p => p.Name is not ("traceId" or "instance")).Select(p => $"{p.Name}={p.Value}"));
    }

    [GeneratedRegex("\"instance\":\"[^\"]*\"")]
    private static partial Regex InstanceMember();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex AnyGuid();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
