using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Cordon.Console.Tests;

/// <summary>The victim, the bank analyst and the bank responder, each as they would use Cordon, in English and Chinese.</summary>
public sealed partial class ConsoleTests
{
    private const string MuleAccount = "GB82 WEST 1234 5698 7654 32";
    private const string MuleAccountCanonical = "GB82WEST12345698765432";

    [Fact]
    public async Task AVictimReportsInChinese_TheIntakeBankSeesTheCase_ItsMuleAccountInOtherReports_AndTheRingAsAPicture()
    {
        // Three reports of other members name the mule account (victims in two countries); a fourth, RED and another
        // member's own, names it too, with a number of its own that must never be drawn for anyone else.
        await CaseAsync("Anti-Deception Centre (HK Police)", "HK", "green", "node", "SEEN-IN-HK-1", MuleAccount, "+852 5123 4567");
        await CaseAsync("Anti-Deception Centre (HK Police)", "HK", "green", "node", "SEEN-IN-HK-2", MuleAccount);
        var singapore = await CaseAsync("Lion Telecom", "SG", "green", "node", "SEEN-IN-SG-1", MuleAccount, "+65 8123 4567");
        var red = await CaseAsync("Rhein Crypto Exchange", "DE", "red", "organisation", "RED-ONLY-7", MuleAccount, "+49 1512 3456789");

        // The victim, with a browser that prefers Chinese.
        var victimContext = await server.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" });
        var victim = await victimContext.NewPageAsync();
        await victim.GotoAsync(new Uri(server.Url, "/public/report").ToString());
        await Assertions.Expect(victim.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await victim.Locator("#category").SelectOptionAsync("investment_scam");
        await victim.Locator("#whatHappened").FillAsync("有人在社交平台推荐投资，我转了三次钱到对方账户后，对方失联。");
        await victim.Locator("#occurredOn").FillAsync("2026-11-28");
        await victim.Locator("#amount").FillAsync("48000");
        await victim.Locator("#currency").FillAsync("HKD");
        await victim.Locator("#country").FillAsync("HK");
        await victim.Locator("#accounts").FillAsync(MuleAccount);
        await victim.Locator("#phones").FillAsync("+852 6987 1234");
        await ShotAsync(victim, "victim-report-zh");
        await victim.Locator("form button[type=submit]").ClickAsync();
        var reference = (await victim.Locator("#reference").TextContentAsync())!.Trim();
        Assert.Matches("^VR-[0-9]{8}-[0-9A-F]{8}$", reference);
        await Assertions.Expect(victim.Locator("h1")).ToContainTextAsync("谢谢");
        await ShotAsync(victim, "victim-reference-zh");

        // The intake bank's analyst finds the report at once by its reference.
        var analyst = await server.SignInAsync("analyst@harbourbank.demo");
        await analyst.GotoAsync(new Uri(server.Url, "/console/cases").ToString());
        await analyst.GetByLabel("Reference").First.FillAsync(reference);
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var rows = analyst.Locator("#cases tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await rows.First.GetByRole(AriaRole.Link).ClickAsync();
        var account = analyst.Locator("#identifiers tr", new() { HasText = MuleAccountCanonical });
        await Assertions.Expect(account).ToContainTextAsync("In 3 other reports from 2 countries");
        await Assertions.Expect(account).ToContainTextAsync("HK SG");
        await ShotAsync(analyst, "case");

        // The ring as a picture: the victim's case, the three others, nothing of the RED one.
        await account.GetByRole(AriaRole.Link, new() { Name = MuleAccountCanonical }).ClickAsync();
        var graph = analyst.Locator("svg#graph");
        await Assertions.Expect(graph.Locator("a[href^='/console/cases/']")).ToHaveCountAsync(4);
        var drawn = await analyst.ContentAsync();
        Assert.DoesNotContain(red.ToString(), drawn, StringComparison.Ordinal);
        Assert.DoesNotContain("+4915123456789", drawn, StringComparison.Ordinal);
        Assert.DoesNotContain("DE", await graph.Locator("text").AllTextContentsAsync());
        await ShotAsync(analyst, "graph");
        await graph.Locator($"a[href='/console/cases/{singapore}']").ClickAsync();
        await Assertions.Expect(analyst.Locator("#case")).ToContainTextAsync("SEEN-IN-SG-1");

        await analyst.GotoAsync(new Uri(server.Url, "/console/culture?name=zh-Hans&back=" + Uri.EscapeDataString("/console/cases/" + singapore)).ToString());
        await Assertions.Expect(analyst.Locator("#identifiers")).ToContainTextAsync("份报告");
        await ShotAsync(analyst, "case-zh");
        await analyst.GotoAsync(new Uri(server.Url, "/console/graph?type=bank_account&value=" + MuleAccountCanonical).ToString());
        await Assertions.Expect(analyst.Locator("svg#graph a[href^='/console/cases/']")).ToHaveCountAsync(4);
        await ShotAsync(analyst, "graph-zh");
        await victimContext.CloseAsync();
    }

    [Fact]
    public async Task TheResponseDesk_ShowsACriticalFreezeLive_CountsDown_ThenShowsTheBreach_AndTheLadderReachesTheNodeOperator()
    {
        var responder = await server.SignInAsync("analyst@harbourbank.demo");
        await responder.GotoAsync(new Uri(server.Url, "/console/requests?box=received").ToString());
        // Marks this document: a reload would lose the mark.
        await responder.EvaluateAsync("() => window.deskLoadedOnce = true");
        var operatorDesk = await server.SignInAsync("admin@node.demo");
        await operatorDesk.GotoAsync(new Uri(server.Url, "/console/requests").ToString());

        using var thames = await ClientOfAsync("Thames Bank");
        var harbour = await OrganisationIdAsync("Harbour Bank");
        var clock = Stopwatch.StartNew();
        var sent = await ReadAsync(await thames.PostAsJsonAsync("/api/v1/requests", new
        {
            kind = "freeze_funds",
            recipient = harbour,
            priority = "critical",
            amount = 250_000m,
            currency = "HKD",
            transactionRef = "CHATS-20261208-0042",
            caseId = "VR-DESK-1",
            legalBasis = "Court order HCMP 1234/2026",
            targets = new object[]
            {
                new { type = "bank_account", value = MuleAccount },
                new { type = "crypto_wallet", value = "0x52908400098527886E0F7030069857D2E4169EE7" },
            },
        }));
        var id = sent.GetProperty("id").GetGuid();
        var row = responder.Locator($"#requests tr[data-row='{id}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 5_000 });
        var arrivedWithin = clock.Elapsed;
        Assert.True(arrivedWithin < TimeSpan.FromSeconds(2), $"the freeze reached the desk after {arrivedWithin.TotalSeconds:F1} s");
        Assert.True(await responder.EvaluateAsync<bool>("() => window.deskLoadedOnce === true"), "the desk reloaded");
        await Assertions.Expect(row).ToContainTextAsync("Critical");
        await Assertions.Expect(row).ToContainTextAsync("+1");
        await Assertions.Expect(row).ToContainTextAsync("CHATS-20261208-0042");
        await Assertions.Expect(row).ToContainTextAsync("VR-DESK-1");
        await Assertions.Expect(row.Locator("time[data-countdown]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^0:00:0\d left$"));
        await ShotAsync(responder, "desk");

        // The deadline passes: the row turns overdue, the breach and the first step of the ladder enter the history.
        await Assertions.Expect(row).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("overdue"), new() { Timeout = 15_000 });
        await row.GetByRole(AriaRole.Link, new() { Name = "Freeze funds" }).ClickAsync();
        var history = responder.Locator("#history");
        await Assertions.Expect(history).ToContainTextAsync("Acknowledgement deadline missed", new() { Timeout = 15_000 });
        await Assertions.Expect(history).ToContainTextAsync("Escalated (step 1) to the recipient's administrators (Harbour Bank)", new() { Timeout = 15_000 });
        await Assertions.Expect(history).ToContainTextAsync("Escalated (step 2) to the node operator", new() { Timeout = 15_000 });
        await Assertions.Expect(responder.Locator("#targets li")).ToHaveCountAsync(2);
        await ShotAsync(responder, "request-breached");

        // The node operator is told on its own desk, without the request's contents.
        var told = operatorDesk.Locator("#escalations tr", new() { HasText = "Acknowledgement deadline missed" });
        await Assertions.Expect(told.First).ToContainTextAsync("Freeze funds", new() { Timeout = 15_000 });
        Assert.DoesNotContain(MuleAccountCanonical, await operatorDesk.ContentAsync(), StringComparison.Ordinal);

        // Acknowledged late from the desk: the change shows on the sender's page without a reload, in Chinese.
        var sender = await server.SignInAsync(BankAnalyst);
        await sender.GotoAsync(new Uri(server.Url, "/console/culture?name=zh-Hans&back=" + Uri.EscapeDataString($"/console/requests/{id}")).ToString());
        await Assertions.Expect(sender.Locator("#state")).ToHaveTextAsync("已发送");
        await responder.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(sender.Locator("#state")).ToHaveTextAsync("已确认", new() { Timeout = 5_000 });
        await Assertions.Expect(sender.Locator("#history")).ToContainTextAsync("错过确认期限");
        await ShotAsync(sender, "request-breached-zh");
    }

    [Fact]
    public async Task TheConsoleScript_RunsWithoutErrors_AndShowsTimesInTheViewersZone()
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { TimezoneId = "Asia/Hong_Kong" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("EventSource", StringComparison.Ordinal))
            {
                errors.Add($"{message.Text} at {message.Location}");
            }
        };
        await page.GotoAsync(new Uri(server.Url, "/console").ToString());
        await page.GetByLabel("Email").FillAsync("analyst@adcc.demo");
        await page.GetByLabel("Password").FillAsync(ConsoleServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();
        foreach (var path in new[] { "/console", "/console/requests", "/console/cases", "/console/import", "/console/operations", "/console/bulletins" })
        {
            await page.GotoAsync(new Uri(server.Url, path).ToString());
        }
        await page.GotoAsync(new Uri(server.Url, "/console/operations").ToString());
        var local = page.Locator("time[data-local]").First;
        if (await local.CountAsync() > 0)
        {
            // Written in UTC by the server, shown by the script in the viewer's zone (Hong Kong), with the zone named.
            await Assertions.Expect(local).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("GMT\\+8|HKT"));
        }
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await context.CloseAsync();
    }

    private async Task<Guid> CaseAsync(string organisation, string country, string tlp, string distribution, string reference, params string[] identifiers)
    {
        using var member = await ClientOfAsync(organisation);
        var created = await ReadAsync(await member.PostAsJsonAsync("/api/v1/cases", new
        {
            category = "investment_scam",
            loss = new { amount = 12_000m, currency = "HKD" },
            victimCountry = country,
            occurredAt = "2026-11-20T09:30:00Z",
            tlp,
            distribution,
            reference,
            identifiers = identifiers.Select(value => new { type = value.StartsWith('+') ? "phone" : "bank_account", value }),
        }));
        return created.GetProperty("id").GetGuid();
    }

    private async Task<Guid> OrganisationIdAsync(string name)
    {
        var organisations = await server.Api.GetFromJsonAsync<JsonElement>("/api/v1/organisations");
        return organisations.EnumerateArray().Single(o => o.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    /// <summary>An API client of a demo organisation, with a new key holding every member role.</summary>
    private async Task<HttpClient> ClientOfAsync(string organisation)
    {
        var id = await OrganisationIdAsync(organisation);
        var key = await ReadAsync(await server.Api.PostAsJsonAsync($"/api/v1/organisations/{id}/keys",
            new { name = "browser test", roles = new[] { "analyst", "responder" } }));
        var client = new HttpClient { BaseAddress = server.Url };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key.GetProperty("key").GetString());
        return client;
    }
}
