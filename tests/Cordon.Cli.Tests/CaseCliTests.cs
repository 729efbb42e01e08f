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
}
