using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Cordon.Console.Tests;

/// <summary>The console in a real headless Chromium, against the real server with the demo network.</summary>
public sealed partial class ConsoleTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private const string BankAnalyst = "analyst@thamesbank.demo";

    private static Task<byte[]> ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, name + ".png"), FullPage = true });

    [Fact]
    public async Task BankAnalyst_ScreensPastedValues_ThenSeesThePageInChinese()
    {
        var page = await server.SignInAsync(BankAnalyst);
        await ShotAsync(page, "dashboard");
        await page.GetByRole(AriaRole.Link, new() { Name = "Screening" }).ClickAsync();
        await page.GetByLabel("Paste values").FillAsync(string.Join('\n',
            "+44 7700 900123", "GB33 BUKB 2020 1555 5555 55", "+44 20 7946 0999", "hk-police-verify.com", "not a thing at all"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        var rows = page.Locator("#verdicts tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Known bad");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Phone number");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Known bad");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Bank account");
        await Assertions.Expect(rows.Nth(2)).ToContainTextAsync("Clear");
        await Assertions.Expect(rows.Nth(3)).ToContainTextAsync("Known bad");
        await Assertions.Expect(rows.Nth(4)).ToContainTextAsync("type:value");
        await ShotAsync(page, "screening");

        await page.GetByRole(AriaRole.Link, new() { Name = "简体中文" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("核查");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await page.GetByLabel("粘贴要核查的值").FillAsync("+44 7700 900123\n+44 20 7946 0999");
        await page.GetByRole(AriaRole.Button, new() { Name = "核查" }).ClickAsync();
        await Assertions.Expect(page.Locator("#verdicts tbody tr").Nth(0)).ToContainTextAsync("已知恶意");
        await Assertions.Expect(page.Locator("#verdicts tbody tr").Nth(1)).ToContainTextAsync("无记录");
        await ShotAsync(page, "screening-zh");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Screening");
    }

    [Fact]
    public async Task ABankAnalyst_SeesANewBulletinUnread_ReadsItInBothLanguages_AndAcknowledgesIt()
    {
        var published = await server.Api.PostAsJsonAsync("/api/v1/bulletins", new
        {
            language = "zh-Hans",
            title = "假冒银行客服电话",
            summary = "冒充银行客服，以账户异常为由要求转账。",
            body = "## 手法\n来电显示伪装成银行号码。",
            severity = "critical",
            categories = new[] { "impersonation_of_officials" },
            countries = new[] { "GB" },
            sectors = new[] { "bank" },
            tlp = "green",
            distribution = "node",
        });
        published.EnsureSuccessStatusCode();
        var id = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await server.Api.PostAsJsonAsync($"/api/v1/bulletins/{id}/translations", new
        {
            language = "en",
            title = "Fake bank helpline calls",
            summary = "Callers pose as the bank's helpline and ask for a transfer.",
            body = "## How it works\nThe caller id is spoofed to the bank's number.",
        })).EnsureSuccessStatusCode();

        var page = await server.SignInAsync(BankAnalyst);
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Bulletins" });
        await Assertions.Expect(link.Locator(".badge")).ToBeVisibleAsync();
        await link.ClickAsync();
        await Assertions.Expect(page.Locator("#bulletins")).ToContainTextAsync("Fake bank helpline calls");
        await page.GetByRole(AriaRole.Link, new() { Name = "Fake bank helpline calls" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Fake bank helpline calls");
        await Assertions.Expect(page.Locator("section[lang=zh-Hans]")).ToContainTextAsync("假冒银行客服电话");
        await page.GetByLabel("Acknowledge").SelectOptionAsync("acted");
        await page.GetByLabel("Note").FillAsync("Warned the call centre");
        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Acknowledged: Acted");
        await ShotAsync(page, "bulletin");
        var acknowledgements = await server.Api.GetFromJsonAsync<JsonElement>($"/api/v1/bulletins/{id}/acknowledgements");
        Assert.Contains(acknowledgements.EnumerateArray(), a => a.GetProperty("kind").GetString() == "acted");
    }

    [Fact]
    public async Task Search_AcceptsAnySpelling_AndLeadsToTheIndicatorPage()
    {
        var page = await server.SignInAsync(BankAnalyst);
        await page.GetByRole(AriaRole.Link, new() { Name = "Search" }).ClickAsync();
        await page.GetByLabel("Value (any spelling)").FillAsync("0044-7700-900123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var results = page.Locator("#results tbody tr");
        await Assertions.Expect(results.First).ToContainTextAsync("+447700900123");
        await Assertions.Expect(results.First.Locator(".tlp")).ToBeVisibleAsync();
        await ShotAsync(page, "search");
        await results.First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("+447700900123");
        await Assertions.Expect(page.Locator(".cards")).ToContainTextAsync("Reports");
        await page.GetByLabel("Add a sighting").FillAsync("card payment screening");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add sighting" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync("Sighting added.");
        var history = page.Locator(".panel", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "History" }) });
        await Assertions.Expect(history).ToContainTextAsync("Reported by");
        // Another member's indicator: its sightings stay with the reporting organisation, the page says so.
        await Assertions.Expect(history).Not.ToContainTextAsync("card payment screening");
        await Assertions.Expect(history).ToContainTextAsync("reporting organisation only");
        await ShotAsync(page, "indicator");
    }

    [Fact]
    public async Task AnOrganisationsUser_NeverSeesAnotherOrganisationsRestrictedItems()
    {
        // A member outside the demo communities reports a RED and an organisation-only item through the API.
        var organisation = await ReadAsync(await server.Api.PostAsJsonAsync("/api/v1/organisations",
            new { name = "Browser Hidden Bank", sector = "bank", country = "GB" }));
        var key = await ReadAsync(await server.Api.PostAsJsonAsync($"/api/v1/organisations/{organisation.GetProperty("id").GetGuid()}/keys",
            new { name = "browser test", roles = new[] { "analyst" } }));
        using var hidden = new HttpClient { BaseAddress = server.Url };
        hidden.DefaultRequestHeaders.Authorization = new("Bearer", key.GetProperty("key").GetString());
        var submitted = await ReadAsync(await hidden.PostAsJsonAsync("/api/v1/indicators", new
        {
            items = new object[]
            {
                new { type = "phone", value = "+44 7700 900777", categories = new[] { "romance" }, confidence = 90, tlp = "red", distribution = "node" },
                new { type = "domain", value = "hidden-bank-secret.example", categories = new[] { "phishing" }, confidence = 90, tlp = "amber", distribution = "organisation" },
            },
        }));
        var redId = submitted.GetProperty("results")[0].GetProperty("id").GetGuid();

        var page = await server.SignInAsync(BankAnalyst);
        foreach (var value in new[] { "+44 7700 900777", "hidden-bank-secret.example" })
        {
            await page.GotoAsync(new Uri(server.Url, $"/console/indicators?value={Uri.EscapeDataString(value)}").ToString());
            await Assertions.Expect(page.Locator(".empty")).ToHaveTextAsync("No indicators match.");
        }
        var direct = await page.GotoAsync(new Uri(server.Url, $"/console/indicators/{redId}").ToString());
        Assert.Equal(200, direct!.Status);
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("does not exist or is not shared");
        Assert.DoesNotContain("900777", await page.ContentAsync(), StringComparison.Ordinal);

        await page.GotoAsync(new Uri(server.Url, "/console/screen").ToString());
        await page.GetByLabel("Paste values").FillAsync("+44 7700 900777\nhidden-bank-secret.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(page.Locator("#verdicts tbody tr").Nth(0)).ToContainTextAsync("Clear");
        await Assertions.Expect(page.Locator("#verdicts tbody tr").Nth(1)).ToContainTextAsync("Clear");

        foreach (var path in new[] { "/console", "/console/cases", "/console/admin", "/console/requests?box=all" })
        {
            await page.GotoAsync(new Uri(server.Url, path).ToString());
            var html = await page.ContentAsync();
            Assert.DoesNotContain("hidden-bank-secret", html, StringComparison.Ordinal);
            Assert.DoesNotContain("900777", html, StringComparison.Ordinal);
            if (!path.StartsWith("/console/requests", StringComparison.Ordinal))
            {
                // The requests page lists every member as a possible recipient; no other page names another organisation.
                Assert.DoesNotContain("Browser Hidden Bank", html, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task AFreezeRequest_GoesFromTheSenderToTheRecipient_AndBackActioned()
    {
        var sender = await server.SignInAsync(BankAnalyst);
        await sender.GetByRole(AriaRole.Link, new() { Name = "Requests" }).ClickAsync();
        await sender.Locator("#kind").SelectOptionAsync("freeze_funds");
        await sender.Locator("#recipient").SelectOptionAsync(new SelectOptionValue { Label = "Harbour Bank (HK)" });
        await sender.Locator("#priority").SelectOptionAsync("high");
        await sender.Locator("#targets").FillAsync("gb33 bukb 2020 1555 5555 55\n+44 7700 900 123");
        await sender.Locator("#transaction-ref").FillAsync("FPS-77120");
        await sender.Locator("#amount").FillAsync("12500.50");
        await sender.Locator("#currency").FillAsync("GBP");
        await sender.Locator("#legal-basis").FillAsync("Fraud Act 2006 s.2; victim report 2026-118");
        await sender.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Assertions.Expect(sender.Locator("p.notice[role=status]")).ToHaveTextAsync("Request sent.");
        await Assertions.Expect(sender.Locator("#state")).ToHaveTextAsync("Sent");
        await Assertions.Expect(sender.Locator("#targets li")).ToHaveTextAsync(["Bank account: GB33BUKB20201555555555", "Phone number: +447700900123"]);
        await Assertions.Expect(sender.Locator("#transaction-ref")).ToHaveTextAsync("FPS-77120");
        var requestUrl = sender.Url;

        var recipient = await server.SignInAsync("analyst@harbourbank.demo");
        await recipient.GotoAsync(new Uri(server.Url, "/console/requests?box=received").ToString());
        var row = recipient.Locator("#requests tbody tr", new() { HasText = "Thames Bank" }).First;
        await Assertions.Expect(row).ToContainTextAsync("Freeze funds");
        await Assertions.Expect(row).ToContainTextAsync("High");
        await Assertions.Expect(row).ToContainTextAsync("FPS-77120");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(recipient.Locator("#state")).ToHaveTextAsync("Acknowledged");
        await recipient.GetByLabel("Outcome").FillAsync("Beneficiary account frozen");
        await recipient.GetByLabel("Amount frozen").FillAsync("12000");
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Mark actioned" }).ClickAsync();
        await Assertions.Expect(recipient.Locator("#state")).ToHaveTextAsync("Actioned");
        await ShotAsync(recipient, "request");

        await sender.GotoAsync(requestUrl);
        await Assertions.Expect(sender.Locator("#state")).ToHaveTextAsync("Actioned");
        await Assertions.Expect(sender.Locator("#history tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(sender.Locator("main")).ToContainTextAsync("12,000.00 GBP");
        await sender.GotoAsync(new Uri(server.Url, "/console/culture?name=zh-Hans&back=" + Uri.EscapeDataString(new Uri(requestUrl).PathAndQuery)).ToString());
        await Assertions.Expect(sender.Locator("#state")).ToHaveTextAsync("已处置");
    }

    [Fact]
    public async Task TheNodeAdministrator_AddsAnOrganisationAndACommunity()
    {
        var page = await server.SignInAsync("admin@node.demo");
        await page.GotoAsync(new Uri(server.Url, "/console/admin").ToString());
        await page.Locator("#org-name").FillAsync("Kowloon Payments");
        await page.Locator("#org-sector").SelectOptionAsync("payment");
        await page.Locator("#org-country").FillAsync("hk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add organisation" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync("Organisation added: Kowloon Payments");
        await page.Locator("#community-name").FillAsync("HK payments");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add community" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync("Community added: HK payments");
        await page.Locator("#membership-community").SelectOptionAsync(new SelectOptionValue { Label = "HK payments" });
        await page.Locator("#membership-organisation").SelectOptionAsync(new SelectOptionValue { Label = "Kowloon Payments" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.Locator("#communities tbody tr", new() { HasText = "HK payments" })).ToContainTextAsync("Kowloon Payments");
        await page.Locator("#org-name").FillAsync("Kowloon Payments");
        await page.Locator("#org-country").FillAsync("HK");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add organisation" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("exists");
        await ShotAsync(page, "admin");

        var member = await server.SignInAsync("admin@thamesbank.demo");
        await member.GotoAsync(new Uri(server.Url, "/console/admin").ToString());
        await Assertions.Expect(member.Locator("#org-name")).ToHaveCountAsync(0);
        Assert.DoesNotContain("HK payments", await member.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNodeAdministrator_RunsAFeed_AndSeesItsCountsAndRefusedRows()
    {
        var list = Path.Combine(Path.GetTempPath(), $"cordon-console-feed-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(list, "fake-console-feed.example\nnot a domain\n");
        try
        {
            (await server.Api.PostAsJsonAsync("/api/v1/feeds", new { name = "console-list", kind = "list", type = "domain", location = list, intervalMinutes = 0 }))
                .EnsureSuccessStatusCode();
            var page = await server.SignInAsync("admin@node.demo");
            await page.GotoAsync(new Uri(server.Url, "/console/federation").ToString());
            await Assertions.Expect(page.Locator("#feeds tbody tr", new() { HasText = "console-list" })).ToContainTextAsync("never");
            await page.Locator("#feeds tbody tr", new() { HasText = "console-list" }).GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
            await Assertions.Expect(page.Locator("#federation-result")).ToHaveTextAsync("console-list: 2 rows, 1 created, 0 updated, 1 refused.");
            await page.Locator("#feeds summary").ClickAsync();
            await Assertions.Expect(page.Locator("#feeds details li")).ToContainTextAsync("line 2:");
            await ShotAsync(page, "federation");

            var member = await server.SignInAsync("admin@thamesbank.demo");
            await member.GotoAsync(new Uri(server.Url, "/console/federation").ToString());
            await Assertions.Expect(member.Locator("#feeds")).ToHaveCountAsync(0);
            Assert.DoesNotContain("console-list", await member.ContentAsync(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(list);
        }
    }

    [Fact]
    public async Task SignIn_RefusesAWrongPassword_AndPagesNeedASignedInUser()
    {
        var context = await server.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(new Uri(server.Url, "/console/screen").ToString());
        Assert.EndsWith("/console/sign-in", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(200, response!.Status);
        await page.GetByLabel("Email").FillAsync(BankAnalyst);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=alert]")).ToHaveTextAsync("The email or password is not right.");
        await ShotAsync(page, "sign-in");
    }

    [Fact]
    public async Task NoPageAnswers500_ForAnythingTypedIntoItsForms()
    {
        var page = await server.SignInAsync("admin@harbourbank.demo");
        string[] hostile = ["", " ", "'; DROP TABLE indicators; --", "<script>alert(1)</script>", new string('9', 5000), "\u202e\u0000evil",
            "phone:", ":::", "%00%ff", "type:value:more", "🙂🙂🙂", "http://[::1", "999999999999999999999999999999"];
        var statuses = new List<(string, int)>();
        var failed = new List<string>();
        Watch(page, statuses, failed);
        foreach (var input in hostile)
        {
            await page.GotoAsync(new Uri(server.Url, "/console/indicators").ToString());
            await page.GetByLabel("Value (any spelling)").FillAsync(input);
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await page.WaitForURLAsync("**/console/indicators?**");

            await page.GotoAsync(new Uri(server.Url, "/console/screen").ToString());
            await page.GetByLabel("Paste values").FillAsync(input);
            await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Check" }));

            await page.GotoAsync(new Uri(server.Url, "/console/admin").ToString());
            await page.Locator("#key-name").FillAsync(input.Length == 0 ? "x" : input);
            await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Issue key" }));
        }
        var analyst = await server.SignInAsync("analyst@harbourbank.demo");
        Watch(analyst, statuses, failed);
        foreach (var input in hostile)
        {
            await analyst.GotoAsync(new Uri(server.Url, "/console/requests").ToString());
            await analyst.Locator("#kind").SelectOptionAsync(input.Length % 2 == 0 ? "under_attack" : "freeze_funds");
            await analyst.Locator("#targets").FillAsync(input.Length == 0 ? " " : input);
            await analyst.Locator("#amount").FillAsync(input);
            await analyst.Locator("#currency").FillAsync(input.Length > 3 ? input[..3] : input);
            await analyst.Locator("#transaction-ref").FillAsync(input);
            await analyst.Locator("#case-ref").FillAsync(input);
            await analyst.Locator("#legal-basis").FillAsync(input.Length == 0 ? " " : input);
            await SubmitAsync(analyst, analyst.GetByRole(AriaRole.Button, new() { Name = "Send request" }));

            await analyst.GotoAsync(new Uri(server.Url, "/console/cases").ToString());
            await analyst.Locator("#intake-occurred").FillAsync("2026-11-30T10:00");
            await analyst.Locator("#intake-country").FillAsync(input.Length > 2 ? input[..2] : input.Length == 0 ? "x" : input);
            await analyst.Locator("#intake-amount").FillAsync(input);
            await analyst.Locator("#intake-reference").FillAsync(input);
            await analyst.Locator("#intake-identifiers").FillAsync(input);
            await analyst.Locator("#intake-summary").FillAsync(input);
            await SubmitAsync(analyst, analyst.GetByRole(AriaRole.Button, new() { Name = "Record the case" }));
            var query = Uri.EscapeDataString(input[..Math.Min(input.Length, 300)]);
            await analyst.GotoAsync(new Uri(server.Url, $"/console/cases?country={query}&after={query}&reference={query}&status={query}").ToString());
        }
        await analyst.GotoAsync(new Uri(server.Url, "/console/requests/" + Guid.NewGuid()).ToString());
        await analyst.GotoAsync(new Uri(server.Url, "/console/requests?box=%00").ToString());
        await page.GotoAsync(new Uri(server.Url, "/console/indicators/" + Guid.NewGuid()).ToString());
        await page.GotoAsync(new Uri(server.Url, "/console/indicators?type=spaceship&value=x&category=nope").ToString());
        Assert.NotEmpty(statuses);
        Assert.DoesNotContain(failed, f => !f.Contains("ERR_ABORTED", StringComparison.Ordinal));
        Assert.All(statuses, s => Assert.True(s.Item2 < 500, $"{s.Item1} answered {s.Item2}"));
        Assert.DoesNotContain("<script>alert(1)</script>", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_SavesTheGoodRows_AndListsEachRefusedRowWithItsLine()
    {
        var page = await server.SignInAsync("analyst@liontelecom.demo");
        await page.GetByRole(AriaRole.Link, new() { Name = "Import" }).ClickAsync();
        var rows = string.Join('\n', Enumerable.Range(0, 2000).Select(n => $"phone,+65 8{n:D3} 7{n % 10}00,phishing"));
        var csv = $"type,value,categories\n{rows}\nphone,not a number,phishing\n";
        await page.GetByLabel("File").SetInputFilesAsync(new FilePayload { Name = "numbers.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        // With the console's script the page stays, and the import reports its progress and refused rows as it goes.
        var live = page.Locator("#import-live");
        await Assertions.Expect(live.Locator("[role=status]")).ToContainTextAsync("2,001 rows: 2,000 created, 0 updated, 1 refused");
        await Assertions.Expect(live.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(live.Locator("tbody tr").First).ToContainTextAsync("2002");
        await Assertions.Expect(live.Locator("progress")).ToHaveAttributeAsync("value", new System.Text.RegularExpressions.Regex("^[1-9]"));
        await ShotAsync(page, "import-result");
    }

    [Fact]
    public async Task MainPages_AreUsableOnAPhoneSizeScreen_AndInChinese()
    {
        var page = await server.SignInAsync(BankAnalyst, new ViewportSize { Width = 390, Height = 844 });
        foreach (var (path, name) in new[]
                 {
                     ("/console", "dashboard"), ("/console/cases", "cases"), ("/console/import", "import"), ("/console/admin", "admin"),
                     ("/console/requests", "desk"), ("/console/statistics?measure=indicators&by=category", "figures"),
                 })
        {
            var response = await page.GotoAsync(new Uri(server.Url, path).ToString());
            Assert.Equal(200, response!.Status);
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 420, $"{path} is {width}px wide on a 390px screen");
            await ShotAsync(page, $"{name}-phone");
        }
        await page.GotoAsync(new Uri(server.Url, "/console/culture?name=zh-Hans&back=/console").ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("总览");
        await ShotAsync(page, "dashboard-zh-phone");
    }

    /// <summary>Records the status of every page a tab navigates to, and every request the browser saw fail.</summary>
    private static void Watch(IPage page, List<(string Url, int Status)> statuses, List<string> failed)
    {
        page.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest)
            {
                statuses.Add((response.Url, response.Status));
            }
        };
        page.RequestFailed += (_, request) => failed.Add($"{request.Method} {request.Url}: {request.Failure}");
    }

    /// <summary>
    /// Clicks a form's button and waits until the page it answers with has replaced the form's, so the next navigation
    /// cannot cut it off. The form's page is marked first and the wait is for a document without the mark: waiting for
    /// a load state instead, on a loaded machine, once timed out (30 s) after the answer's load events had fired.
    /// </summary>
    private static async Task SubmitAsync(IPage page, ILocator button)
    {
        await page.EvaluateAsync("() => document.documentElement.dataset.formPage = 'true'");
        await page.RunAndWaitForResponseAsync(() => button.ClickAsync(), r => r.Request.IsNavigationRequest && r.Request.Method == "POST");
        await Assertions.Expect(page.Locator("html[data-form-page]")).ToHaveCountAsync(0);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement;
    }
}
