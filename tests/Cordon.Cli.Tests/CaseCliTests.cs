using System.Text.Json;
using Cordon.Testing;

namespace Cordon.Cli.Tests;

public sealed class CaseCliTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private CliRunner cli = null!;
    private string file = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        cli = new CliRunner(database);
        file = Path.Combine(Path.GetTempPath(), $"cordon-cases-{Guid.NewGuid():N}.csv");
    }

    public async Task DisposeAsync()
    {
        File.Delete(file);
        await database.DisposeAsync();
    }

    [Fact]
    public async Task ImportShowAndRings_FromTheCommandLine()
    {
        var (_, created, _) = await cli.RunAsync("org", "create", "--name", "CLI Case Police", "--sector", "law_enforcement", "--country", "GB", "--json");
        var police = JsonDocument.Parse(created).RootElement[0].GetProperty("id").GetGuid().ToString();
        await File.WriteAllTextAsync(file, """
            category,loss_amount,loss_currency,victim_country,occurred_at,tlp,distribution,identifiers
            romance,5000,EUR,GB,2026-10-01,green,node,phone:020 7946 0555;bank_account:GB29 NWBK 6016 1331 9268 19
            romance,800,EUR,FR,2026-10-03,green,node,bank_account:gb29nwbk60161331926819
            romance,nope,EUR,FR,2026-10-03,green,node,
            phishing,10,EUR,DE,2026-10-04,green,node,email:alone@cli-case.example
            """);

        var (exit, output, _) = await cli.RunAsync("case", "import", file, "--org", police);
        Assert.Equal(CordonCli.Failure, exit);
        Assert.Contains("line 4: loss_amount", output, StringComparison.Ordinal);
        Assert.Contains("3 cases created, 1 rows rejected.", output, StringComparison.Ordinal);

        var (ringsExit, rings, ringsError) = await cli.RunAsync("graph", "rings", "--org", police, "--top", "5", "--json");
        Assert.True(ringsExit == 0, ringsError);
        var ring = Assert.Single(JsonDocument.Parse(rings).RootElement.EnumerateArray());
        Assert.Equal(2, ring.GetProperty("cases").GetInt32());
        Assert.Equal(5800m, ring.GetProperty("totalLoss").GetDecimal());

        var caseId = ring.GetProperty("caseIds")[0].GetString()!;
        var (showExit, shown, _) = await cli.RunAsync("case", "show", caseId, "--org", police);
        Assert.Equal(0, showExit);
        var account = JsonDocument.Parse(shown).RootElement.GetProperty("identifiers").EnumerateArray()
            .Single(i => i.GetProperty("type").GetString() == "bank_account");
        Assert.Equal(1, account.GetProperty("otherCases").GetInt32());
    }

    [Fact]
    public async Task List_FiltersAndPages_AndItsTableKeepsEveryIdWholeWithin80Columns()
    {
        var (_, created, _) = await cli.RunAsync("org", "create", "--name", "CLI List Police", "--sector", "law_enforcement", "--country", "GB", "--json");
        var police = JsonDocument.Parse(created).RootElement[0].GetProperty("id").GetGuid().ToString();
        await File.WriteAllTextAsync(file, """
            category,loss_amount,loss_currency,victim_country,occurred_at,tlp,distribution,identifiers,reference
            romance,5000,EUR,GB,2026-10-01,green,node,phone:020 7946 0556,CLI-LIST-1
            romance,800,EUR,GB,2026-10-03,green,node,phone:020 7946 0557,CLI-LIST-2
            phishing,10,EUR,FR,2026-10-04,green,node,email:list@cli-case.example,VR-20261004-0A0B0C0D
            """);
        Assert.Equal(0, (await cli.RunAsync("case", "import", file, "--org", police)).ExitCode);

        var (exit, table, error) = await cli.RunAsync("case", "list", "--org", police, "--limit", "2");
        Assert.True(exit == 0, error);
        Assert.All(table.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, $"{line.Length} columns: {line}"));
        var (_, all, _) = await cli.RunAsync("case", "list", "--org", police, "--json");
        var cases = JsonDocument.Parse(all).RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(3, cases.Count);
        Assert.All(cases.Take(2), c => Assert.Contains(c.GetProperty("id").GetString()!, table, StringComparison.Ordinal));
        var next = System.Text.RegularExpressions.Regex.Match(table, "More: --after (\\S+)").Groups[1].Value;
        var (_, rest, _) = await cli.RunAsync("case", "list", "--org", police, "--after", next, "--json");
        var last = Assert.Single(JsonDocument.Parse(rest).RootElement.GetProperty("cases").EnumerateArray());
        Assert.Equal(cases[2].GetProperty("id").GetString(), last.GetProperty("id").GetString());

        async Task<int> CountAsync(params string[] filter)
        {
            var (code, json, problem) = await cli.RunAsync(["case", "list", "--org", police, "--json", .. filter]);
            Assert.True(code == 0, problem);
            return JsonDocument.Parse(json).RootElement.GetProperty("cases").GetArrayLength();
        }
        Assert.Equal(1, await CountAsync("--country", "fr"));
        Assert.Equal(2, await CountAsync("--category", "romance"));
        Assert.Equal(1, await CountAsync("--reference", "VR-20261004-0A0B0C0D"));
        Assert.Equal(0, await CountAsync("--status", "closed"));
        Assert.NotEqual(0, (await cli.RunAsync("case", "list", "--org", police, "--status", "Closed-ish")).ExitCode);
    }

    [Fact]
    public async Task Rings_ConvertLossesWithTheServersRateTable()
    {
        var (_, created, _) = await cli.RunAsync("org", "create", "--name", "CLI Rates Police", "--sector", "law_enforcement", "--country", "HK", "--json");
        var police = JsonDocument.Parse(created).RootElement[0].GetProperty("id").GetGuid().ToString();
        await File.WriteAllTextAsync(file, """
            category,loss_amount,loss_currency,victim_country,occurred_at,tlp,distribution,identifiers
            investment_scam,1000,GBP,GB,2026-10-01,green,node,bank_account:GB82 WEST 1234 5698 7654 32
            investment_scam,1000,HKD,HK,2026-10-02,green,node,bank_account:GB82WEST12345698765432
            investment_scam,1000,EUR,DE,2026-10-03,green,node,bank_account:GB82WEST12345698765432
            """);
        Assert.Equal(0, (await cli.RunAsync("case", "import", file, "--org", police)).ExitCode);
        var (exit, rings, error) = await cli.RunAsync("graph", "rings", "--org", police, "--json");
        Assert.True(exit == 0, error);
        var ring = Assert.Single(JsonDocument.Parse(rings).RootElement.EnumerateArray());
        // The built-in table the server uses too: 1,000 GBP at 1.17 and 1,000 HKD at 0.118 in euros; nothing left unconverted.
        Assert.Equal(1_170m + 118m + 1_000m, ring.GetProperty("totalLoss").GetDecimal());
        Assert.Equal(0, ring.GetProperty("unconvertedLosses").GetInt32());
    }

    [Fact]
    public async Task Stats_CountTheCasesByMonthAndCategory_AsTheApiDoes()
    {
        var (_, created, _) = await cli.RunAsync("org", "create", "--name", "CLI Stats Police", "--sector", "law_enforcement", "--country", "HK", "--json");
        var police = JsonDocument.Parse(created).RootElement[0].GetProperty("id").GetGuid().ToString();
        await File.WriteAllTextAsync(file, """
            category,loss_amount,loss_currency,victim_country,occurred_at,tlp,distribution,identifiers
            romance,1000,GBP,GB,2026-10-05,green,node,
            romance,1000,HKD,HK,2026-11-02,green,node,
            phishing,50,EUR,DE,2026-11-03,green,node,
            """);
        Assert.Equal(0, (await cli.RunAsync("case", "import", file, "--org", police)).ExitCode);
        var range = new[] { "--from", "2026-10-01T00:00:00Z", "--to", "2026-12-01T00:00:00Z" };
        var (exit, json, error) = await cli.RunAsync(["stats", "cases", "--org", police, "--by", "category", "--period", "month", "--json", .. range]);
        Assert.True(exit == 0, error);
        var rows = JsonDocument.Parse(json).RootElement.GetProperty("rows").EnumerateArray()
            .ToDictionary(r => (r.GetProperty("period").GetString(), r.GetProperty("group").GetString()), r => r.GetProperty("figures"));
        Assert.Equal((1, 1_170m), (rows[("2026-10", "romance")].GetProperty("count").GetInt32(), rows[("2026-10", "romance")].GetProperty("converted").GetDecimal()));
        Assert.Equal((1, 118m), (rows[("2026-11", "romance")].GetProperty("count").GetInt32(), rows[("2026-11", "romance")].GetProperty("converted").GetDecimal()));
        Assert.Equal(1, rows[("2026-11", "phishing")].GetProperty("count").GetInt32());

        var (csvExit, csv, _) = await cli.RunAsync(["stats", "cases", "--org", police, "--by", "category", "--csv", .. range]);
        Assert.Equal(0, csvExit);
        Assert.StartsWith("period,starts,group,count,converted_eur", csv, StringComparison.Ordinal);
        var (tableExit, table, _) = await cli.RunAsync(["stats", "cases", "--org", police, "--by", "category", .. range]);
        Assert.Equal(0, tableExit);
        Assert.Contains("romance", table, StringComparison.Ordinal);
        Assert.Contains("Rates: Cordon's built-in table", table, StringComparison.Ordinal);
        Assert.NotEqual(0, (await cli.RunAsync(["stats", "teapots", "--org", police])).ExitCode);
    }
}
