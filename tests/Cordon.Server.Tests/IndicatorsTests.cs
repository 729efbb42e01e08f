using System.Net;
using System.Net.Http.Json;
using Cordon.Application.Indicators;
using Cordon.Core.Members;
using Cordon.Server.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Tests;

public sealed class IndicatorsTests(CordonApp app) : IClassFixture<CordonApp>
{
    private static object Phone(string value, string tlp = "green", string distribution = "node") =>
        new { type = "phone", value, categories = new[] { "impersonation_of_officials" }, confidence = 80, tlp, distribution };

    [Fact]
    public async Task OnePhone_InThreeSpellings_IsOneIndicator_WithReportsFromEachOrganisation()
    {
        var (_, gbKey) = await app.MemberAsync("UK Bank", Sector.Bank, "GB", Role.Analyst);
        var (_, frKey) = await app.MemberAsync("French Telecom", Sector.Telecom, "FR", Role.Analyst);
        using var gb = app.ClientWithKey(gbKey);
        using var fr = app.ClientWithKey(frKey);

        var first = await CordonApp.ReadAsync<SubmittedIndicator>(await gb.PostAsJsonAsync("/api/v1/indicators", Phone("+44 20 7946 0018")));
        var again = await CordonApp.ReadAsync<SubmittedIndicator>(await gb.PostAsJsonAsync("/api/v1/indicators", Phone("020 7946 0018")));
        Assert.Equal(SubmissionStatus.Created, first.Status);
        Assert.Equal(SubmissionStatus.Updated, again.Status);
        Assert.Equal(first.Id, again.Id);

        var french = await CordonApp.ReadAsync<SubmittedIndicator>(await fr.PostAsJsonAsync("/api/v1/indicators", Phone("0044-20-7946-0018")));
        Assert.NotEqual(first.Id, french.Id);

        var view = await CordonApp.ReadAsync<IndicatorResponse>(await fr.GetAsync($"/api/v1/indicators/{first.Id}"));
        Assert.Equal("+442079460018", view.Value);
        Assert.Equal(2, view.Network!.Reports);
        Assert.Equal(2, view.Network.Organisations);
        Assert.Equal(["FR", "GB"], view.Network.Countries);

        var found = await CordonApp.ReadAsync<IndicatorPageResponse>(await fr.GetAsync("/api/v1/indicators?type=phone&value=%2B44%20(0)20-7946-0018"));
        Assert.Equal(2, found.Items.Count);
    }

    [Fact]
    public async Task Iban_WithSpacesAndLowerCase_MatchesCompactForm()
    {
        var (_, key) = await app.MemberAsync("IBAN Bank", Sector.Bank, "DE", Role.Analyst);
        using var client = app.ClientWithKey(key);
        var submitted = await CordonApp.ReadAsync<SubmittedIndicator>(await client.PostAsJsonAsync("/api/v1/indicators",
            new { type = "bank_account", value = "de89 3704 0044 0532 0130 00", categories = new[] { "money_mule" }, tlp = "amber", distribution = "node" }));
        var found = await CordonApp.ReadAsync<IndicatorPageResponse>(await client.GetAsync("/api/v1/indicators?type=bank_account&value=DE89370400440532013000"));
        Assert.Equal(submitted.Id, Assert.Single(found.Items).Id);
        Assert.Equal("DE89370400440532013000", found.Items[0].Value);
    }

    [Fact]
    public async Task Url_IsCanonical_AndLinkedToItsDomain()
    {
        var (_, key) = await app.MemberAsync("URL Registrar", Sector.Registrar, "US", Role.Analyst);
        using var client = app.ClientWithKey(key);
        var submitted = await CordonApp.ReadAsync<SubmittedIndicator>(await client.PostAsJsonAsync("/api/v1/indicators",
            new { type = "url", value = "https://EXAMPLE.com:443/a/../b#x", categories = new[] { "phishing" }, tlp = "clear", distribution = "node" }));
        var view = await CordonApp.ReadAsync<IndicatorResponse>(await client.GetAsync($"/api/v1/indicators/{submitted.Id}"));
        Assert.Equal("https://example.com/b", view.Value);
        Assert.Equal("example.com", view.RegistrableDomain);
        var found = await CordonApp.ReadAsync<IndicatorPageResponse>(
            await client.GetAsync("/api/v1/indicators?type=url&value=" + Uri.EscapeDataString("https://example.com/b")));
        Assert.Equal(submitted.Id, Assert.Single(found.Items).Id);
    }

    [Fact]
    public async Task PaymentCard_IsNeverStoredOrReturnedInClear()
    {
        var (organisationId, key) = await app.MemberAsync("Card Bank", Sector.Bank, "SG", Role.Analyst);
        using var client = app.ClientWithKey(key);
        var response = await client.PostAsJsonAsync("/api/v1/indicators",
            new { type = "payment_card", value = "4111 1111 1111 1111", categories = new[] { "account_takeover" }, tlp = "amber", distribution = "node" });
        var submitted = await CordonApp.ReadAsync<SubmittedIndicator>(response);
        var body = await (await client.GetAsync($"/api/v1/indicators/{submitted.Id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("4111111111111111", body, StringComparison.Ordinal);
        Assert.DoesNotContain("4111 1111 1111 1111", body, StringComparison.Ordinal);
        Assert.Contains("1111", body, StringComparison.Ordinal);

        await using var db = app.Database.Open();
        var stored = await db.Indicators.Include(i => i.Observable).SingleAsync(i => i.Id == submitted.Id);
        Assert.DoesNotContain("41111111111", stored.Observable.Value + stored.Observable.Display + stored.OriginalValue, StringComparison.Ordinal);
        var audit = string.Join("\n", await db.AuditRecords.Select(a => a.Details).ToListAsync());
        Assert.DoesNotContain("41111111111", audit, StringComparison.Ordinal);

        var bad = await client.PostAsJsonAsync("/api/v1/indicators",
            new { type = "payment_card", value = "4111 1111 1111 1112", categories = new[] { "other" }, tlp = "amber", distribution = "node" });
        var problem = await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.DoesNotContain("111111111", problem.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(Guid.Empty, organisationId);
    }

    [Fact]
    public async Task Batch_ReportsEveryItem_AndCommitsTheGoodOnes()
    {
        var (_, key) = await app.MemberAsync("Batch Exchange", Sector.Crypto, "JP", Role.Analyst);
        using var client = app.ClientWithKey(key);
        var items = new object[]
        {
            new { type = "domain", value = "Batch-Scam.example.COM.", categories = new[] { "investment_scam" }, tlp = "green", distribution = "node" },
            new { type = "domain", value = "not a domain", categories = new[] { "investment_scam" }, tlp = "green", distribution = "node" },
            new { type = "crypto_wallet", value = "0x52908400098527886E0F7030069857D2E4169EE7", categories = new[] { "investment_scam" }, tlp = "green", distribution = "node" },
            new { type = "email", value = "ceo@batch-scam.example.com", categories = new[] { "phishing" }, tlp = "green", distribution = "node", confidence = 101 },
            new { type = "domain", value = "batch-scam.example.com", categories = new[] { "phishing" }, tlp = "green", distribution = "node" },
        };
        var result = await CordonApp.ReadAsync<BatchResult>(await client.PostAsJsonAsync("/api/v1/indicators", new { items }));
        Assert.Equal(2, result.Created);
        Assert.Equal(1, result.Updated);
        Assert.Equal(2, result.Rejected);
        Assert.Equal([SubmissionStatus.Created, SubmissionStatus.Rejected, SubmissionStatus.Created, SubmissionStatus.Rejected, SubmissionStatus.Updated],
            result.Results.Select(r => r.Status));
        Assert.StartsWith("value:", result.Results[1].Error, StringComparison.Ordinal);
        Assert.StartsWith("confidence:", result.Results[3].Error, StringComparison.Ordinal);
        var view = await CordonApp.ReadAsync<IndicatorResponse>(await client.GetAsync($"/api/v1/indicators/{result.Results[0].Id}"));
        Assert.Equal("batch-scam.example.com", view.Value);
        Assert.Equal([Core.Indicators.Category.InvestmentScam, Core.Indicators.Category.Phishing], view.Categories);
    }

    [Fact]
    public async Task Batch_OverTenThousand_Is400()
    {
        var (_, key) = await app.MemberAsync("Huge Batch Bank", Sector.Bank, "GB", Role.Analyst);
        using var client = app.ClientWithKey(key);
        var items = Enumerable.Range(0, 10_001).Select(i => new { type = "ip", value = "10.0.0.1" }).ToArray();
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/indicators", new { items }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Lifecycle_Update_Sighting_FalsePositive_Revoke()
    {
        var (ownerId, ownerKey) = await app.MemberAsync("Lifecycle Police", Sector.LawEnforcement, "HK", Role.Analyst);
        var (otherId, otherKey) = await app.MemberAsync("Lifecycle Bank", Sector.Bank, "HK", Role.Analyst);
        using var owner = app.ClientWithKey(ownerKey);
        using var other = app.ClientWithKey(otherKey);
        var id = (await CordonApp.ReadAsync<SubmittedIndicator>(await owner.PostAsJsonAsync("/api/v1/indicators", Phone("2123 4567")))).Id;

        var updated = await CordonApp.ReadAsync<IndicatorResponse>(await owner.PatchAsJsonAsync($"/api/v1/indicators/{id}",
            new { confidence = 95, validUntil = DateTimeOffset.UtcNow.AddDays(30) }));
        Assert.Equal(95, updated.Confidence);
        Assert.Equal("+85221234567", updated.Value);
        await ProblemAssert.IsProblemAsync(await other.PatchAsJsonAsync($"/api/v1/indicators/{id}", new { confidence = 1 }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await owner.PatchAsJsonAsync($"/api/v1/indicators/{id}",
            new { validUntil = DateTimeOffset.UtcNow.AddDays(-1) }), HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync($"/api/v1/indicators/{id}/sightings", new { count = 3, where = "outgoing transfer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync($"/api/v1/indicators/{id}/false-positives", new { reason = "our customer's line" })).StatusCode);
        await ProblemAssert.IsProblemAsync(await other.PostAsJsonAsync($"/api/v1/indicators/{id}/false-positives", new { reason = "" }), HttpStatusCode.BadRequest);

        var seenByOwner = await CordonApp.ReadAsync<IndicatorResponse>(await owner.GetAsync($"/api/v1/indicators/{id}"));
        Assert.Equal(3, seenByOwner.Network!.Sightings);
        Assert.Equal(1, seenByOwner.Network.FalsePositives);
        Assert.Equal(otherId, Assert.Single(seenByOwner.Sightings!).OrganisationId);
        var seenByOther = await CordonApp.ReadAsync<IndicatorResponse>(await other.GetAsync($"/api/v1/indicators/{id}"));
        Assert.Null(seenByOther.Sightings);

        await ProblemAssert.IsProblemAsync(await other.PostAsync($"/api/v1/indicators/{id}/revoke", null), HttpStatusCode.Forbidden);
        var revoked = await CordonApp.ReadAsync<IndicatorResponse>(await owner.PostAsync($"/api/v1/indicators/{id}/revoke", null));
        Assert.NotNull(revoked.RevokedAt);
        await ProblemAssert.IsProblemAsync(await owner.PostAsync($"/api/v1/indicators/{id}/revoke", null), HttpStatusCode.Conflict);
        var search = await CordonApp.ReadAsync<IndicatorPageResponse>(await owner.GetAsync($"/api/v1/indicators?organisation={ownerId}"));
        Assert.DoesNotContain(search.Items, i => i.Id == id);
        var withRevoked = await CordonApp.ReadAsync<IndicatorPageResponse>(await owner.GetAsync($"/api/v1/indicators?organisation={ownerId}&includeRevoked=true"));
        Assert.Contains(withRevoked.Items, i => i.Id == id);
    }

    [Theory]
    [InlineData("{\"type\":\"phone\",\"value\":\"+442079460018\",\"categories\":[\"romance\"],\"distribution\":\"node\"}", "tlp")]
    [InlineData("{\"type\":\"phone\",\"value\":\"+442079460018\",\"categories\":[\"romance\"],\"tlp\":\"green\"}", "distribution")]
    [InlineData("{\"type\":\"phone\",\"value\":\"+442079460018\",\"tlp\":\"green\",\"distribution\":\"node\"}", "categories")]
    [InlineData("{\"value\":\"+442079460018\",\"categories\":[\"romance\"],\"tlp\":\"green\",\"distribution\":\"node\"}", "type")]
    [InlineData("{\"type\":\"phone\",\"value\":\"12\",\"categories\":[\"romance\"],\"tlp\":\"green\",\"distribution\":\"node\"}", "value")]
    [InlineData("{\"type\":\"phone\",\"value\":\"+442079460018\",\"categories\":[\"romance\"],\"tlp\":\"green\",\"distribution\":\"communities\"}", "communities")]
    [InlineData("{\"type\":\"phone\",\"value\":\"+442079460018\",\"categories\":[\"romance\"],\"tlp\":\"green\",\"distribution\":\"communities\",\"communities\":[\"01a20183-25f0-7f4c-900d-5ab192f9f16c\"]}", "communities")]
    public async Task InvalidSubmission_Is400_NamingTheField(string body, string field)
    {
        var (_, key) = await app.MemberAsync($"Invalid {field} {body.Length}", Sector.Bank, "GB", Role.Analyst);
        using var client = app.ClientWithKey(key);
        var response = await client.PostAsync("/api/v1/indicators", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("{\"type\":\"spaceship\",\"value\":\"x\"}")]
    [InlineData("{\"type\":\"phone\",\"value\":\"x\",\"tlp\":\"purple\"}")]
    [InlineData("{\"type\":\"phone\",\"value\":\"x\",\"categories\":[\"kidnapping\"]}")]
    [InlineData("{\"type\":\"phone\",\"value\":[1]}")]
    public async Task UnknownEnumsOrTypes_Are400(string body)
    {
        var (_, key) = await app.MemberAsync($"Enum test {body.GetHashCode(StringComparison.Ordinal)}", Sector.Bank, "GB", Role.Analyst);
        using var client = app.ClientWithKey(key);
        var response = await client.PostAsync("/api/v1/indicators", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ViewerKey_CannotSubmit()
    {
        var (_, key) = await app.MemberAsync("Viewer Only Bank", Sector.Bank, "GB", Role.Viewer);
        using var client = app.ClientWithKey(key);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/indicators", Phone("+442079460019")), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("?type=spaceship")]
    [InlineData("?value=123")]
    [InlineData("?type=phone&value=abc")]
    [InlineData("?category=kidnapping")]
    [InlineData("?country=XX")]
    [InlineData("?limit=0")]
    [InlineData("?limit=501")]
    [InlineData("?cursor=garbage")]
    [InlineData("?seenSince=yesterday")]
    public async Task BadSearchParameters_Are400(string query)
    {
        using var client = app.Admin();
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/indicators" + query), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Search_PagesWithCursor_WithoutDuplicates()
    {
        var (organisationId, key) = await app.MemberAsync("Paging ISP", Sector.Isp, "NL", Role.Analyst);
        using var client = app.ClientWithKey(key);
        var items = Enumerable.Range(1, 25).Select(i => new
        {
            type = "ip",
            value = $"198.51.100.{i}",
            categories = new[] { "malware" },
            tlp = "green",
            distribution = "node",
        }).ToArray();
        await CordonApp.ReadAsync<BatchResult>(await client.PostAsJsonAsync("/api/v1/indicators", new { items }));
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await CordonApp.ReadAsync<IndicatorPageResponse>(await client.GetAsync(
                $"/api/v1/indicators?organisation={organisationId}&limit=10{(cursor is null ? "" : "&cursor=" + cursor)}"));
            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.Next;
        }
        while (cursor is not null);
        Assert.Equal(25, seen.Count);
        Assert.Equal(25, seen.Distinct().Count());
    }

    [Fact]
    public async Task Search_ByIp_FindsTheRangeThatHoldsIt()
    {
        var (_, key) = await app.MemberAsync("Range ISP", Sector.Isp, "DE", Role.Analyst);
        using var client = app.ClientWithKey(key);
        var range = await CordonApp.ReadAsync<SubmittedIndicator>(await client.PostAsJsonAsync("/api/v1/indicators",
            new { type = "ip", value = "203.0.113.77/24", categories = new[] { "hacking" }, tlp = "green", distribution = "node" }));
        var view = await CordonApp.ReadAsync<IndicatorResponse>(await client.GetAsync($"/api/v1/indicators/{range.Id}"));
        Assert.Equal("203.0.113.0/24", view.Value);
        var found = await CordonApp.ReadAsync<IndicatorPageResponse>(await client.GetAsync("/api/v1/indicators?type=ip&value=203.0.113.9"));
        Assert.Contains(found.Items, i => i.Id == range.Id);
    }
}
