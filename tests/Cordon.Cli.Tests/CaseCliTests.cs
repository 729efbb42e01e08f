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
}
