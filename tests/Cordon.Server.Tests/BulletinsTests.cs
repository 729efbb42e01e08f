using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cordon.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Tests;

/// <summary>
/// An anti-fraud centre publishes a bulletin in Chinese with an English translation and three linked indicators to a
/// community of two banks and a telecom: they see it (unread, then acknowledged), get <c>bulletin.published</c>, and the
/// author sees who acknowledged; an organisation outside the community sees nothing of it.
/// </summary>
public sealed class BulletinsTests(CordonApp app) : IClassFixture<CordonApp>
{
    [Fact]
    public async Task ABulletin_ReachesItsCommunity_IsAcknowledged_AndStaysHiddenFromOutsiders()
    {
        var (centreId, centreKey) = await app.MemberAsync("Bulletin Anti-Fraud Centre", Sector.LawEnforcement, "HK", Role.Analyst);
        var (bankAId, bankAKey) = await app.MemberAsync("Bulletin Bank A", Sector.Bank, "HK", Role.Analyst);
        var (bankBId, bankBKey) = await app.MemberAsync("Bulletin Bank B", Sector.Bank, "SG", Role.Analyst);
        var (telecomId, _) = await app.MemberAsync("Bulletin Telecom", Sector.Telecom, "HK", Role.Analyst);
        var (_, outsiderKey) = await app.MemberAsync("Bulletin Outsider", Sector.Bank, "DE", Role.Analyst);
        using var admin = app.Admin();
        var community = await (await admin.PostAsJsonAsync("/api/v1/communities",
            new { name = "Bulletin APAC", members = new[] { centreId, bankAId, bankBId, telecomId } })).Content.ReadFromJsonAsync<JsonElement>();
        var communityId = community.GetProperty("id").GetGuid();
        using var centre = app.ClientWithKey(centreKey);
        (await centre.PostAsJsonAsync("/api/v1/indicators", new
        {
            items = new[] { "a", "b", "c" }.Select(s => new
            {
                type = "domain",
                value = $"fake-courier-{s}.example",
                categories = new[] { "phishing" },
                confidence = 80,
                tlp = "amber",
                distribution = "communities",
                communities = new[] { communityId },
            }),
        })).EnsureSuccessStatusCode();
        var indicators = new List<Guid>();
        foreach (var s in new[] { "a", "b", "c" })
        {
            var page = await centre.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?type=domain&value=fake-courier-{s}.example");
            indicators.Add(page.GetProperty("items")[0].GetProperty("id").GetGuid());
        }

        var published = await centre.PostAsJsonAsync("/api/v1/bulletins", new
        {
            language = "zh-Hans",
            title = "假冒快递短信诈骗",
            summary = "冒充快递公司发送短信，诱导点击钓鱼链接。",
            body = "## 手法\n短信称包裹无法投递，链接指向仿冒页面。",
            actions = "bank: 拦截向相关账户的转账",
            severity = "high",
            categories = new[] { "phishing" },
            countries = new[] { "hk", "SG" },
            sectors = new[] { "bank", "telecom" },
            tlp = "amber",
            distribution = "communities",
            communities = new[] { communityId },
            indicators,
        });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var bulletin = await published.Content.ReadFromJsonAsync<JsonElement>();
        var id = bulletin.GetProperty("id").GetGuid();
        Assert.Equal(["HK", "SG"], bulletin.GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
        (await centre.PostAsJsonAsync($"/api/v1/bulletins/{id}/translations", new
        {
            language = "en",
            title = "Fake courier SMS scam",
            summary = "SMS pretending to be a courier leads to a phishing page.",
            body = "## How it works\nThe message says a parcel could not be delivered.",
        })).EnsureSuccessStatusCode();

        using var bankA = app.ClientWithKey(bankAKey);
        var unread = await bankA.GetFromJsonAsync<JsonElement>("/api/v1/bulletins?unread=true");
        var seen = Assert.Single(unread.EnumerateArray(), b => b.GetProperty("id").GetGuid() == id);
        Assert.Equal(["zh-Hans", "en"], seen.GetProperty("texts").EnumerateArray().Select(t => t.GetProperty("language").GetString()));
        Assert.Equal(3, seen.GetProperty("indicators").GetArrayLength());
        (await bankA.PostAsJsonAsync($"/api/v1/bulletins/{id}/acknowledgements", new { kind = "acted", note = "Blocked transfers to the named accounts." }))
            .EnsureSuccessStatusCode();
        Assert.DoesNotContain((await bankA.GetFromJsonAsync<JsonElement>("/api/v1/bulletins?unread=true")).EnumerateArray(),
            b => b.GetProperty("id").GetGuid() == id);
        using var bankB = app.ClientWithKey(bankBKey);
        (await bankB.PostAsJsonAsync($"/api/v1/bulletins/{id}/acknowledgements", new { kind = "read" })).EnsureSuccessStatusCode();

        var acknowledgements = await centre.GetFromJsonAsync<JsonElement>($"/api/v1/bulletins/{id}/acknowledgements");
        Assert.Equal(["Bulletin Bank A", "Bulletin Bank B"], acknowledgements.EnumerateArray().Select(a => a.GetProperty("organisation").GetString()));
        await ProblemAssert.IsProblemAsync(await bankA.GetAsync($"/api/v1/bulletins/{id}/acknowledgements"), HttpStatusCode.NotFound);

        using var outsider = app.ClientWithKey(outsiderKey);
        await ProblemAssert.IsProblemAsync(await outsider.GetAsync($"/api/v1/bulletins/{id}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await outsider.GetFromJsonAsync<JsonElement>("/api/v1/bulletins")).EnumerateArray(), b => b.GetProperty("id").GetGuid() == id);
        await ProblemAssert.IsProblemAsync(await outsider.PostAsJsonAsync($"/api/v1/bulletins/{id}/acknowledgements", new { kind = "read" }),
            HttpStatusCode.NotFound);

        await using var db = app.Database.Open();
        var notified = await db.Outbox.Where(m => m.EventType == "bulletin.published" && m.Payload.Contains(id.ToString())).Select(m => m.OrganisationId)
            .ToListAsync();
        Assert.Equal(new[] { centreId, bankAId, bankBId, telecomId }.Order(), notified.Order());
    }

    [Fact]
    public async Task BadBulletins_AreRefusedWithTheField()
    {
        var (_, key) = await app.MemberAsync("Bulletin Careless Author", Sector.Bank, "GB", Role.Analyst);
        using var author = app.ClientWithKey(key);
        object Body(string language, string? title, string tlp, string[] countries, Guid[]? indicators = null) => new
        {
            language,
            title,
            summary = "s",
            body = "b",
            severity = "low",
            categories = new[] { "phishing" },
            countries,
            tlp,
            distribution = "node",
            indicators = indicators ?? [],
        };
        foreach (var (body, field) in new (object, string)[]
                 {
                     (Body("english!", "t", "green", []), "language"),
                     (Body("en", null, "green", []), "title"),
                     (Body("en", "t", "green", ["XX1"]), "countries"),
                     (Body("en", "t", "green", [], [Guid.NewGuid()]), "indicators"),
                 })
        {
            var problem = await ProblemAssert.IsProblemAsync(await author.PostAsJsonAsync("/api/v1/bulletins", body), HttpStatusCode.BadRequest);
            Assert.Contains(field, problem.GetRawText(), StringComparison.Ordinal);
        }
        using var viewer = app.ClientWithKey((await app.MemberAsync("Bulletin Viewer", Sector.Bank, "GB")).Key);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/v1/bulletins", Body("en", "t", "green", []))).StatusCode);
    }

    [Fact]
    public async Task PublicAdvice_ShowsOnThePublicPageInItsLanguages_AndMarkdownIsRenderedSafely()
    {
        var (centreId, centreKey) = await app.MemberAsync("Advice Centre", Sector.LawEnforcement, "HK", Role.Analyst);
        using var centre = app.ClientWithKey(centreKey);
        const string body = "## How it works\nThe caller says **your parcel** is held.\n\n<script>alert('x')</script>\n\n"
                            + "[details](javascript:alert(1)) · [police](https://police.example/advice) · ![pixel](https://tracker.example/p.png)";
        var published = await centre.PostAsJsonAsync("/api/v1/bulletins", new
        {
            language = "en",
            title = "Parcel-held phone scam",
            summary = "Callers pretend to be customs.",
            body,
            severity = "medium",
            categories = new[] { "impersonation_of_officials" },
            tlp = "clear",
            distribution = "node",
            publicAdvice = true,
        });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var id = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await centre.PostAsJsonAsync($"/api/v1/bulletins/{id}/translations", new
        {
            language = "zh-Hans",
            title = "包裹扣留电话诈骗",
            summary = "来电者冒充海关。",
            body = "## 手法\n来电称**您的包裹**被扣留。",
        })).EnsureSuccessStatusCode();

        using var anonymous = app.CreateClient();
        var page = await anonymous.GetStringAsync("/public/");
        Assert.Contains("<article lang=\"en\"><h3>Parcel-held phone scam</h3>", page, StringComparison.Ordinal);
        Assert.Contains("<article lang=\"zh-Hans\"><h3>包裹扣留电话诈骗</h3>", page, StringComparison.Ordinal);
        Assert.Contains("<strong>您的包裹</strong>", page, StringComparison.Ordinal);
        using var console = await app.ConsoleUserAsync(centreId, "analyst@advice-centre.example", "analyst");
        var shown = await console.GetStringAsync($"/console/bulletins/{id}");
        foreach (var html in new[] { page, shown })
        {
            Assert.Contains("<strong>your parcel</strong>", html, StringComparison.Ordinal);
            Assert.Contains("href=\"https://police.example/advice\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("javascript:alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        }

        var amber = await centre.PostAsJsonAsync("/api/v1/bulletins", new
        {
            language = "en",
            title = "Not for the public",
            summary = "s",
            body = "b",
            severity = "low",
            categories = new[] { "phishing" },
            tlp = "amber",
            distribution = "node",
            publicAdvice = true,
        });
        Assert.Equal("publicAdvice", (await ProblemAssert.IsProblemAsync(amber, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().First().Name);
        Assert.DoesNotContain("Not for the public", await anonymous.GetStringAsync("/public/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScreenshot_GoesWithTheBulletin_ToThoseWhoMaySeeIt()
    {
        var (_, authorKey) = await app.MemberAsync("Attachment Centre", Sector.LawEnforcement, "HK", Role.Analyst);
        var (_, readerKey) = await app.MemberAsync("Attachment Bank", Sector.Bank, "HK", Role.Analyst);
        using var author = app.ClientWithKey(authorKey);
        using var reader = app.ClientWithKey(readerKey);
        var published = await author.PostAsJsonAsync("/api/v1/bulletins", new
        {
            language = "en",
            title = "Fake wallet app",
            summary = "A look-alike wallet app steals seed phrases.",
            body = "See the screenshot.",
            severity = "high",
            categories = new[] { "phishing" },
            tlp = "green",
            distribution = "node",
        });
        var id = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        using var file = new ByteArrayContent(png);
        file.Headers.ContentType = new("image/png");
        var attached = await author.PostAsync($"/api/v1/bulletins/{id}/attachments?fileName=fake-wallet.png", file);
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        var attachment = await attached.Content.ReadFromJsonAsync<JsonElement>();
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png));
        Assert.Equal(sha, attachment.GetProperty("sha256").GetString());

        var seen = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/bulletins/{id}");
        Assert.Equal("fake-wallet.png", seen.GetProperty("attachments")[0].GetProperty("fileName").GetString());
        var download = await reader.GetAsync($"/api/v1/bulletins/{id}/attachments/{attachment.GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(sha, download.Headers.GetValues("X-Content-SHA256").Single());
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());

        using var other = new ByteArrayContent(png);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"/api/v1/bulletins/{id}/attachments?fileName=x.png", other)).StatusCode);
        using var path = new ByteArrayContent(png);
        await ProblemAssert.IsProblemAsync(await author.PostAsync($"/api/v1/bulletins/{id}/attachments?fileName=../x.png", path), HttpStatusCode.BadRequest);
        using var empty = new ByteArrayContent([]);
        await ProblemAssert.IsProblemAsync(await author.PostAsync($"/api/v1/bulletins/{id}/attachments?fileName=x.png", empty), HttpStatusCode.BadRequest);
    }
}
