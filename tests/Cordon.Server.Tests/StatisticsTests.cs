using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cordon.Core.Members;
using Cordon.Testing;

namespace Cordon.Server.Tests;

/// <summary>Interceptions reported from screening, and the statistics that count them, cases and requests.</summary>
public sealed class StatisticsTests : IAsyncLifetime
{
    private readonly FakeClock clock = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    private CordonApp app = null!;

    public async Task InitializeAsync()
    {
        app = new CordonApp { Clock = clock };
        await app.InitializeAsync();
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)app).DisposeAsync();

    [Fact]
    public async Task AScreenedPayment_ReportedStopped_CountsOnce_AndOnlyForItsOrganisation()
    {
        var (_, policeKey) = await app.MemberAsync("Stats Intercept Police", Sector.LawEnforcement, "HK", Role.Analyst);
        var (_, bankKey) = await app.MemberAsync("Stats Intercept Bank", Sector.Bank, "HK", Role.Analyst);
        var (_, otherKey) = await app.MemberAsync("Stats Other Bank", Sector.Bank, "HK", Role.Analyst);
        using var police = app.ClientWithKey(policeKey);
        using var bank = app.ClientWithKey(bankKey);
        using var other = app.ClientWithKey(otherKey);
        (await police.PostAsJsonAsync("/api/v1/indicators", new
        {
            type = "bank_account",
            value = "HK:004:123-456789-010",
            categories = new[] { "investment_scam" },
            confidence = 90,
            tlp = "green",
            distribution = "node",
        })).EnsureSuccessStatusCode();
        await Eventually.UntilAsync(() => ScreenAsync(bank, new { type = "bank_account", value = "HK:004:123-456789-010" }),
            answer => answer.GetProperty("verdict").GetString() != "clear");

        var plain = await ScreenAsync(bank, new { type = "bank_account", value = "HK:004:123-456789-010" });
        Assert.False(plain.TryGetProperty("check", out _));
        var payment = await ScreenAsync(bank, new { type = "bank_account", value = "HK:004:123-456789-010", channel = "payment", amount = 48_000m, currency = "hkd" });
        var check = payment.GetProperty("check").GetString()!;
        var call = await ScreenAsync(bank, new { type = "phone", value = "+852 5123 9876", channel = "call" });

        var first = await Outcomes(bank, new { check, outcome = "stopped" }, new { check = call.GetProperty("check").GetString(), outcome = "allowed" },
            new { check = check[..^4] + "AAAA", outcome = "stopped" });
        Assert.Equal((2, 0), (first.GetProperty("recorded").GetInt32(), first.GetProperty("updated").GetInt32()));
        Assert.Equal(2, first.GetProperty("refused")[0].GetProperty("index").GetInt32());
        // Reported again: the outcome changes, nothing is counted twice; another member cannot report it.
        var again = await Outcomes(bank, new { check, outcome = "stopped" });
        Assert.Equal((0, 1), (again.GetProperty("recorded").GetInt32(), again.GetProperty("updated").GetInt32()));
        var stolen = await Outcomes(other, new { check, outcome = "allowed" });
        Assert.Equal(0, stolen.GetProperty("recorded").GetInt32() + stolen.GetProperty("updated").GetInt32());

        var byOutcome = await StatsAsync(bank, "interceptions?by=outcome&period=month&from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z");
        var stopped = Row(byOutcome, "2026-12", "stopped");
        Assert.Equal(1, stopped.GetProperty("figures").GetProperty("count").GetInt32());
        Assert.Equal(48_000m, stopped.GetProperty("figures").GetProperty("amounts")[0].GetProperty("amount").GetDecimal());
        Assert.Equal(5_664m, stopped.GetProperty("figures").GetProperty("converted").GetDecimal()); // 48,000 HKD at 0.118
        Assert.Equal(1, Row(byOutcome, "2026-12", "allowed").GetProperty("figures").GetProperty("count").GetInt32());
        var othersView = await StatsAsync(other, "interceptions?by=outcome&period=month&from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z");
        Assert.All(othersView.GetProperty("rows").EnumerateArray(), r => Assert.Equal(0, r.GetProperty("figures").GetProperty("count").GetInt32()));

        var refused = await bank.PostAsJsonAsync("/api/v1/screen", new { type = "phone", value = "+852 5123 9876", amount = 10m, currency = "HKD" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task CaseFigures_AddUpToTheVisibleRecords_PerMonthAndCategory_InJsonAndCsv_WithChangeOnThePeriodBefore()
    {
        var (_, policeKey) = await app.MemberAsync("Stats Cases Police", Sector.LawEnforcement, "HK", Role.Analyst);
        var (_, secretKey) = await app.MemberAsync("Stats Cases Secretive", Sector.Bank, "SG", Role.Analyst);
        using var police = app.ClientWithKey(policeKey);
        using var secretive = app.ClientWithKey(secretKey);
        var seeds = new (string Month, string Category, decimal Amount, string Currency)[]
        {
            ("2026-10-03", "investment_scam", 10_000m, "HKD"), ("2026-10-20", "romance", 2_000m, "GBP"),
            ("2026-11-02", "investment_scam", 20_000m, "HKD"), ("2026-11-15", "investment_scam", 500m, "EUR"), ("2026-11-28", "romance", 1_000m, "GBP"),
        };
        foreach (var (day, category, amount, currency) in seeds)
        {
            (await police.PostAsJsonAsync("/api/v1/cases", new
            {
                category,
                loss = new { amount, currency },
                victimCountry = "HK",
                occurredAt = $"{day}T08:00:00Z",
                tlp = "green",
                distribution = "node",
                identifiers = Array.Empty<object>(),
            })).EnsureSuccessStatusCode();
        }
        // Another member's RED case changes no figure the police sees.
        (await secretive.PostAsJsonAsync("/api/v1/cases", new
        {
            category = "investment_scam",
            loss = new { amount = 999_999m, currency = "SGD" },
            victimCountry = "SG",
            occurredAt = "2026-11-10T08:00:00Z",
            tlp = "red",
            distribution = "organisation",
            identifiers = Array.Empty<object>(),
        })).EnsureSuccessStatusCode();

        var answer = await StatsAsync(police, "cases?by=category&period=month&from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z");
        var november = Row(answer, "2026-11", "investment_scam");
        Assert.Equal(2, november.GetProperty("figures").GetProperty("count").GetInt32());
        Assert.Equal(20_000m * 0.118m + 500m, november.GetProperty("figures").GetProperty("converted").GetDecimal());
        Assert.Equal(1, november.GetProperty("previous").GetProperty("count").GetInt32());
        Assert.Equal(1.0, november.GetProperty("change").GetDouble());
        var totals = answer.GetProperty("totals").EnumerateArray().ToDictionary(t => t.GetProperty("period").GetString()!, t => t.GetProperty("figures"));
        Assert.Equal((2, 3), (totals["2026-10"].GetProperty("count").GetInt32(), totals["2026-11"].GetProperty("count").GetInt32()));
        Assert.Equal(10_000m * 0.118m + 2_000m * 1.17m, totals["2026-10"].GetProperty("converted").GetDecimal());
        Assert.DoesNotContain("SGD", answer.ToString(), StringComparison.Ordinal);

        var csv = await police.GetStringAsync("/api/v1/stats/cases?by=category&period=month&from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z&format=csv");
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.StartsWith("period,starts,group,count,converted_eur,unconverted,previous_count,change,year_ago_count,year_on_year", lines[0], StringComparison.Ordinal);
        var line = lines.Single(l => l.StartsWith("2026-11,2026-11-01,investment_scam,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(("2", 2860m, "1", "1", "0"), (line[3], decimal.Parse(line[4], System.Globalization.CultureInfo.InvariantCulture), line[6], line[7], line[8]));
        Assert.Equal(5, lines.Skip(1).Sum(l => int.Parse(l.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.BadRequest, (await police.GetAsync("/api/v1/stats/cases?by=channel")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await police.GetAsync("/api/v1/stats/teleports")).StatusCode);
        // Who reported an indicator is not told to other members, not even as a group of a figure.
        Assert.Equal(HttpStatusCode.BadRequest, (await police.GetAsync("/api/v1/stats/indicators?by=organisation")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await police.GetAsync("/api/v1/stats/indicators?by=sector")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await police.GetAsync("/api/v1/stats/cases?period=day&from=2000-01-01T00:00:00Z")).StatusCode);
    }

    [Fact]
    public async Task ThePublicPage_ShowsOnlyClearAggregates_WithSmallCountsSuppressed_AndTheConsoleDrawsTheSameFigures()
    {
        var (police, policeKey) = await app.MemberAsync("Stats Public Police", Sector.LawEnforcement, "HK", Role.Analyst);
        using var client = app.ClientWithKey(policeKey);
        async Task CaseAsync(string category, decimal amount, string tlp, string distribution = "node") => (await client.PostAsJsonAsync("/api/v1/cases", new
        {
            category,
            loss = new { amount, currency = "EUR" },
            victimCountry = "HK",
            occurredAt = "2026-11-20T08:00:00Z",
            tlp,
            distribution,
            identifiers = Array.Empty<object>(),
        })).EnsureSuccessStatusCode();
        for (var n = 0; n < 12; n++)
        {
            await CaseAsync("investment_scam", 1_000m, "clear");
        }
        for (var n = 0; n < 3; n++)
        {
            await CaseAsync("romance", 777_777m, "clear");
        }
        await CaseAsync("investment_scam", 555_555m, "green");
        await CaseAsync("investment_scam", 555_555m, "clear", "organisation"); // CLEAR but kept to the organisation: not public

        using var anonymous = app.CreateClient();
        var page = await anonymous.GetStringAsync("/public/statistics?culture=en");
        // The month (completed months only): 15 public cases (neither the GREEN one nor the organisation-only one). The kinds: 3 romance cases are too few to show, and
        // the 12 investment scams are hidden with them, or the month's total would give the romance losses away.
        Assert.True(page.Contains("<tr><th scope=\"row\">2026-11</th><td>15</td><td>2,345,331</td>", StringComparison.Ordinal),
            page[Math.Max(0, page.IndexOf("<table id=\"by-month\"", StringComparison.Ordinal))..]);
        Assert.DoesNotContain("<th scope=\"row\">2026-12<", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Investment scam</th><td>*</td><td>—</td>", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Romance scam</th><td>&lt;10</td><td>—</td>", page, StringComparison.Ordinal);
        foreach (var secret in new[] { "555,555", "2,900,886", "3,456,441", "777,777", "2,333,331" })
        {
            Assert.DoesNotContain(secret, page, StringComparison.Ordinal); // the GREEN case, with it, a romance case, the romance total
        }
        // Hidden cells add up to at least twice the threshold, or a total would pin them down.
        Assert.Equal([true, true, false, true], Public.PublicStatisticsPage.Suppressed([4, 30, 40, 12]));
        Assert.Equal([false, false, false], Public.PublicStatisticsPage.Suppressed([10, 50, 0]));
        Assert.Equal([true, true, false], Public.PublicStatisticsPage.Suppressed([4, 17, 30]));
        using var chinese = new HttpRequestMessage(HttpMethod.Get, "/public/statistics");
        chinese.Headers.AcceptLanguage.ParseAdd("zh-CN");
        using var stranger = app.CreateClient(); // no language chosen yet: the browser's
        var zh = await (await stranger.SendAsync(chinese)).Content.ReadAsStringAsync();
        Assert.Contains("lang=\"zh-Hans\"", zh, StringComparison.Ordinal);
        Assert.Contains("联盟公开记录统计", zh, StringComparison.Ordinal);

        // The console's figures page and its download count the police's own GREEN and organisation-only cases too.
        using var console = await app.ConsoleUserAsync(police, "figures@stats.example", "analyst");
        var figures = await console.GetStringAsync("/console/statistics?measure=cases&period=month&by=category&from=2026-11-01&to=2026-12-01");
        Assert.Contains("<svg class=\"trend\" id=\"statistics-chart\"", figures, StringComparison.Ordinal);
        Assert.True(figures.Contains("<td>2026-11</td><td>Investment scam</td><td>14</td>", StringComparison.Ordinal),
            figures[Math.Max(0, figures.IndexOf("<table id=\"statistics\"", StringComparison.Ordinal))..]);
        var csv = await console.GetStringAsync("/console/statistics.csv?measure=cases&period=month&by=category&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z");
        Assert.Contains("2026-11,2026-11-01,investment_scam,14,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperationResults_CountTheirQuantities_ForParticipantsOnly()
    {
        var (_, centreKey) = await app.MemberAsync("Stats Op Centre", Sector.LawEnforcement, "HK", Role.Analyst, Role.Responder);
        var (bankId, bankKey) = await app.MemberAsync("Stats Op Bank", Sector.Bank, "SG", Role.Analyst, Role.Responder);
        var (_, outsiderKey) = await app.MemberAsync("Stats Op Outsider", Sector.Bank, "SG", Role.Analyst);
        using var centre = app.ClientWithKey(centreKey);
        using var bank = app.ClientWithKey(bankKey);
        using var outsider = app.ClientWithKey(outsiderKey);
        var operation = await CordonApp.ReadAsync<JsonElement>(await centre.PostAsJsonAsync("/api/v1/operations", new
        {
            name = "Operation Stats",
            objectives = "Count what was done.",
            countries = new[] { "HK", "SG" },
            startsAt = "2026-12-01T00:00:00Z",
            participants = new[] { new { organisation = bankId } },
        }));
        var id = operation.GetProperty("id").GetGuid();
        (await centre.PostAsJsonAsync($"/api/v1/operations/{id}/results", new { measure = "arrests", quantity = 12 })).EnsureSuccessStatusCode();
        (await centre.PostAsJsonAsync($"/api/v1/operations/{id}/results", new { measure = "arrests", quantity = 3 })).EnsureSuccessStatusCode();
        (await bank.PostAsJsonAsync($"/api/v1/operations/{id}/results", new { measure = "amount_returned", quantity = 10_000m, currency = "SGD" }))
            .EnsureSuccessStatusCode();

        const string Query = "results?period=month&from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z";
        var seen = await StatsAsync(bank, Query);
        Assert.Equal(15, Row(seen, "2026-12", "arrests").GetProperty("figures").GetProperty("count").GetInt32());
        var returned = Row(seen, "2026-12", "amount_returned").GetProperty("figures");
        Assert.Equal((10_000m, 6_900m), (returned.GetProperty("amounts")[0].GetProperty("amount").GetDecimal(), returned.GetProperty("converted").GetDecimal()));
        var unseen = await StatsAsync(outsider, Query);
        Assert.All(unseen.GetProperty("rows").EnumerateArray(), r => Assert.Equal(0, r.GetProperty("figures").GetProperty("count").GetInt32()));
    }

    private static JsonElement Row(JsonElement answer, string period, string group) =>
        answer.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("period").GetString() == period && r.GetProperty("group").GetString() == group);

    private static async Task<JsonElement> ScreenAsync(HttpClient client, object body) =>
        await CordonApp.ReadAsync<JsonElement>(await client.PostAsJsonAsync("/api/v1/screen", body));

    private static async Task<JsonElement> Outcomes(HttpClient client, params object[] outcomes) =>
        await CordonApp.ReadAsync<JsonElement>(await client.PostAsJsonAsync("/api/v1/screen/outcomes", new { outcomes }));

    private static async Task<JsonElement> StatsAsync(HttpClient client, string path) =>
        await CordonApp.ReadAsync<JsonElement>(await client.GetAsync("/api/v1/stats/" + path));
}
