using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cordon.Core.Members;
using Cordon.Core.Screening;
using Cordon.Server.Indicators;
using Cordon.Server.Screening;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Server.Tests;

public sealed class ScreeningTests(CordonApp app) : IClassFixture<CordonApp>
{
    private static object Indicator(string type, string value, string tlp, string distribution, int confidence = 90) =>
        new { type, value, categories = new[] { "impersonation_of_officials" }, confidence, tlp, distribution };

    private static async Task<ScreenResponse> ScreenAsync(HttpClient client, string type, string value) =>
        await CordonApp.ReadAsync<ScreenResponse>(await client.PostAsJsonAsync("/api/v1/screen", new { type, value }));

    /// <summary>Waits for the index to follow the feed (it polls every 100 ms in tests).</summary>
    private static Task<ScreenResponse> EventuallyAsync(HttpClient client, string type, string value, Verdict expected) =>
        Eventually.UntilAsync(() => ScreenAsync(client, type, value), response => response.Verdict == expected);

    [Fact]
    public async Task RedIndicator_IsClearForOutsider_AndKnownBadForOwner()
    {
        var (_, ownerKey) = await app.MemberAsync("Screen Owner Police", Sector.LawEnforcement, "HK", Role.Analyst);
        var (_, outsiderKey) = await app.MemberAsync("Screen Outsider Bank", Sector.Bank, "HK", Role.Viewer);
        using var owner = app.ClientWithKey(ownerKey);
        using var outsider = app.ClientWithKey(outsiderKey);
        await CordonApp.ReadAsync<SubmittedIndicator>(await owner.PostAsJsonAsync("/api/v1/indicators",
            Indicator("phone", "+852 5123 0001", "red", "node")));

        var own = await EventuallyAsync(owner, "phone", "5123 0001", Verdict.KnownBad);
        Assert.Equal(Verdict.KnownBad, own.Verdict);
        Assert.Equal("+85251230001", own.Value);

        var outside = await ScreenAsync(outsider, "phone", "+852 5123 0001");
        Assert.Equal(Verdict.Clear, outside.Verdict);
        Assert.Equal(0, outside.Score);
        Assert.Equal(0, outside.Reports);
        Assert.Empty(outside.Categories);
    }

    [Fact]
    public async Task SharedIndicator_IsKnownBad_CountsOnlyVisibleReports_AndBecomesClearWhenRevoked()
    {
        var (_, firstKey) = await app.MemberAsync("Screen Bank A", Sector.Bank, "GB", Role.Analyst);
        var (_, secondKey) = await app.MemberAsync("Screen Bank B", Sector.Bank, "DE", Role.Analyst);
        var (_, screenerKey) = await app.MemberAsync("Screen Payment C", Sector.Payment, "FR", Role.Viewer);
        using var first = app.ClientWithKey(firstKey);
        using var second = app.ClientWithKey(secondKey);
        using var screener = app.ClientWithKey(screenerKey);
        var shared = await CordonApp.ReadAsync<SubmittedIndicator>(await first.PostAsJsonAsync("/api/v1/indicators",
            Indicator("bank_account", "GB33BUKB20201555555555", "green", "node", 60)));
        await second.PostAsJsonAsync("/api/v1/indicators", Indicator("bank_account", "gb33 bukb 2020 1555 5555 55", "amber", "organisation", 99));

        var result = await EventuallyAsync(screener, "bank_account", "GB33 BUKB 2020 1555 5555 55", Verdict.Suspicious);
        Assert.Equal(Verdict.Suspicious, result.Verdict);
        Assert.Equal(1, result.Reports);
        Assert.Equal(60, result.Confidence);

        await first.PostAsync($"/api/v1/indicators/{shared.Id}/revoke", null);
        Assert.Equal(Verdict.Clear, (await EventuallyAsync(screener, "bank_account", "GB33BUKB20201555555555", Verdict.Clear)).Verdict);
    }

    [Fact]
    public async Task Hit_BecomesASightingForTheOwner()
    {
        var (_, ownerKey) = await app.MemberAsync("Sighting Owner", Sector.Telecom, "SG", Role.Analyst);
        var (screenerId, screenerKey) = await app.MemberAsync("Sighting Screener", Sector.Bank, "SG", Role.Viewer);
        using var owner = app.ClientWithKey(ownerKey);
        using var screener = app.ClientWithKey(screenerKey);
        var submitted = await CordonApp.ReadAsync<SubmittedIndicator>(await owner.PostAsJsonAsync("/api/v1/indicators",
            Indicator("domain", "sighting-scam.example", "green", "node")));
        await EventuallyAsync(screener, "domain", "SIGHTING-SCAM.example.", Verdict.KnownBad);
        await ScreenAsync(screener, "domain", "sighting-scam.example");
        await app.Services.GetRequiredService<SightingRecorder>().FlushAsync(CancellationToken.None);

        var view = await CordonApp.ReadAsync<IndicatorResponse>(await owner.GetAsync($"/api/v1/indicators/{submitted.Id}"));
        var sighting = Assert.Single(view.Sightings!, s => s.OrganisationId == screenerId);
        Assert.Equal(2, sighting.Count);
        Assert.Equal("screening", sighting.Where);
    }

    [Fact]
    public async Task PrivateRange_ReturnsTheSuffix_WithoutTheNodeSeeingTheValue()
    {
        var (_, ownerKey) = await app.MemberAsync("Range Owner", Sector.Crypto, "DE", Role.Analyst);
        using var owner = app.ClientWithKey(ownerKey);
        await owner.PostAsJsonAsync("/api/v1/indicators", Indicator("crypto_wallet", "0x52908400098527886E0F7030069857D2E4169EE7", "green", "node"));
        await EventuallyAsync(owner, "crypto_wallet", "0x52908400098527886e0f7030069857d2e4169ee7", Verdict.KnownBad);

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("crypto_wallet:eth:0x52908400098527886e0f7030069857d2e4169ee7")));
        var range = await CordonApp.ReadAsync<RangeResponse>(await owner.GetAsync($"/api/v1/screen/range/{hash[..5].ToUpperInvariant()}"));
        var match = Assert.Single(range.Matches, m => hash[5..].StartsWith(m.Suffix, StringComparison.Ordinal));
        Assert.Equal(Verdict.KnownBad, match.Verdict);
        Assert.Equal(11, match.Suffix.Length);

        await ProblemAssert.IsProblemAsync(await owner.GetAsync("/api/v1/screen/range/xyz12"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await owner.GetAsync("/api/v1/screen/range/abcdef"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PublicCheck_ShowsOnlyClearData_WithoutOrganisationNames()
    {
        var (_, ownerKey) = await app.MemberAsync("Public Data Police", Sector.LawEnforcement, "GB", Role.Analyst);
        using var owner = app.ClientWithKey(ownerKey);
        await owner.PostAsJsonAsync("/api/v1/indicators", Indicator("phone", "+44 7700 900555", "clear", "node"));
        await owner.PostAsJsonAsync("/api/v1/indicators", Indicator("phone", "+44 7700 900556", "green", "node"));
        await owner.PostAsJsonAsync("/api/v1/indicators", Indicator("phone", "+44 7700 900557", "clear", "organisation"));
        await EventuallyAsync(owner, "phone", "+44 7700 900557", Verdict.KnownBad);
        using var anonymous = app.ClientWithKey(null);

        var known = await anonymous.GetStringAsync("/public/check?value=%2B44%207700%20900555");
        Assert.Contains("\"verdict\":\"known_bad\"", known, StringComparison.Ordinal);
        Assert.Contains("safe account", known, StringComparison.Ordinal);
        Assert.DoesNotContain("Public Data Police", known, StringComparison.Ordinal);
        foreach (var restricted in new[] { "%2B44%207700%20900556", "%2B44%207700%20900557" })
        {
            var body = await anonymous.GetStringAsync($"/public/check?value={restricted}&type=phone");
            Assert.Contains("\"verdict\":\"clear\"", body, StringComparison.Ordinal);
        }
        var page = await anonymous.GetStringAsync("/public/?value=%2B44%207700%20900556");
        Assert.Contains("no public reports", page, StringComparison.Ordinal);
        var warning = await anonymous.GetStringAsync("/public/?value=%2B44%207700%20900555");
        Assert.Contains("known to be used by criminals", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("Public Data Police", warning, StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/public/check?value="), HttpStatusCode.BadRequest);
        var hostile = await anonymous.GetAsync("/public/?value=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        Assert.DoesNotContain("<script>alert", await hostile.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_Ndjson_AnswersEveryLine_IncludingHostileOnes()
    {
        var (_, ownerKey) = await app.MemberAsync("Batch Screen Owner", Sector.Bank, "GB", Role.Analyst);
        using var owner = app.ClientWithKey(ownerKey);
        await owner.PostAsJsonAsync("/api/v1/indicators", Indicator("email", "boss@batch-screen.example", "green", "node"));
        await EventuallyAsync(owner, "email", "boss@batch-screen.example", Verdict.KnownBad);
        var body = new MemoryStream();
        void Line(byte[] bytes) { body.Write(bytes); body.WriteByte((byte)'\n'); }
        Line(Encoding.UTF8.GetBytes("""{"type":"email","value":"boss@BATCH-SCREEN.example"}"""));
        Line(Encoding.UTF8.GetBytes("""{"type":"phone","value":"+44 20 7946 0999"}"""));
        Line([0x7B, 0xC3, 0x28, 0x7D]);
        Line(Encoding.UTF8.GetBytes("""{"type":"spaceship","value":"x"}"""));
        Line(Encoding.UTF8.GetBytes("not json"));
        Line(Encoding.UTF8.GetBytes("""{"type":"phone","value":"12"}"""));
        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new("application/x-ndjson");
        var response = await owner.PostAsync("/api/v1/screen/batch", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(6, lines.Count);
        Assert.Equal("known_bad", lines[0].GetProperty("response").GetProperty("verdict").GetString());
        Assert.Equal("clear", lines[1].GetProperty("response").GetProperty("verdict").GetString());
        Assert.All(lines.Skip(2), l => Assert.True(l.TryGetProperty("error", out _)));
        Assert.Equal([1L, 2, 3, 4, 5, 6], lines.Select(l => l.GetProperty("line").GetInt64()));
    }

    [Fact]
    public async Task Batch_AnswersAreTheSingleCheckAnswers_InInputOrder_AcrossChunks()
    {
        var (_, ownerKey) = await app.MemberAsync("Batch Order Owner", Sector.Bank, "GB", Role.Analyst);
        using var owner = app.ClientWithKey(ownerKey);
        var created = await owner.PostAsJsonAsync("/api/v1/indicators", Indicator("email", "mule@batch-order.example", "green", "node"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        await EventuallyAsync(owner, "email", "mule@batch-order.example", Verdict.KnownBad);
        var single = JsonNode.Parse(await (await owner.PostAsJsonAsync("/api/v1/screen",
            new { type = "email", value = "mule@BATCH-ORDER.example" })).Content.ReadAsStringAsync());
        Assert.Equal("known_bad", (string?)single!["verdict"]);
        // More lines than one chunk, so answers from several chunks and workers must come back in input order.
        const int Lines = 40_000;
        var body = new StringBuilder();
        for (var i = 1; i <= Lines; i++)
        {
            body.Append(i % 1000 == 0 ? """{"type":"email","value":"mule@BATCH-ORDER.example"}""" : $$"""{"type":"email","value":"n{{i}}@batch-order.example"}""").Append('\n');
        }
        using var content = new StringContent(body.ToString(), Encoding.UTF8);
        content.Headers.ContentType = new("application/x-ndjson");
        var lines = (await (await owner.PostAsync("/api/v1/screen/batch", content)).Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(Enumerable.Range(1, Lines).Select(i => (long)i), lines.Select(l => (long)l["line"]!));
        Assert.All(lines.Where((_, i) => (i + 1) % 1000 == 0), l => Assert.True(JsonNode.DeepEquals(single, l["response"])));
        Assert.Equal(Lines - (Lines / 1000), lines.Count(l => (string?)l["response"]!["verdict"] == "clear"));
    }

    [Fact]
    public async Task Batch_Csv_StreamsManyLines()
    {
        var (_, key) = await app.MemberAsync("Batch CSV Screener", Sector.Bank, "GB", Role.Viewer);
        using var client = app.ClientWithKey(key);
        var csv = new StringBuilder("type,value\n");
        for (var i = 0; i < 20_000; i++)
        {
            csv.Append("ip,10.").Append(i / 256 % 256).Append('.').Append(i % 256).Append(".1\n");
        }
        var response = await client.PostAsync("/api/v1/screen/batch", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(20_001, lines.Length);
        Assert.StartsWith("line,type,value,verdict", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.Contains(",clear,", l, StringComparison.Ordinal));

        await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/v1/screen/batch",
            new StringContent("nonsense\n1\n", Encoding.UTF8, "text/csv")), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/v1/screen/batch",
            new StringContent("x", Encoding.UTF8, "application/xml")), HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("{\"type\":\"spaceship\",\"value\":\"x\"}")]
    [InlineData("{\"value\":\"x\"}")]
    [InlineData("{\"type\":\"phone\",\"value\":\"\\ud800\"}")]
    [InlineData("{\"type\":\"phone\"}")]
    public async Task BadSingleScreen_Is400(string body)
    {
        using var client = app.Admin();
        await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/v1/screen", new StringContent(body, Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task FiftyMegabyteBody_Is413()
    {
        using var client = app.Admin();
        var body = "{\"type\":\"phone\",\"value\":\"" + new string('1', 50 * 1024 * 1024) + "\"}";
        await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/v1/screen", new StringContent(body, Encoding.UTF8, "application/json")),
            HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task SecondInstance_OverTheSameStore_SeesChangesThroughTheFeed()
    {
        await using var second = CordonApp.SharingStoreWith(app);
        var (_, key) = await app.MemberAsync("Two Instances Bank", Sector.Bank, "NL", Role.Analyst);
        using var onFirst = app.ClientWithKey(key);
        using var onSecond = second.ClientWithKey(key);
        await onFirst.PostAsJsonAsync("/api/v1/indicators", Indicator("url", "https://two-instances.example/login", "green", "node"));
        var seen = Stopwatch.StartNew();
        var result = await EventuallyAsync(onSecond, "url", "HTTPS://two-instances.example:443/login#x", Verdict.KnownBad);
        Assert.Equal(Verdict.KnownBad, result.Verdict);
        Assert.True(seen.Elapsed < TimeSpan.FromSeconds(10));
        await using var db = app.Database.Open();
        Assert.True(await db.Indicators.MaxAsync(i => i.ChangeSequence) > 0);
    }
}
