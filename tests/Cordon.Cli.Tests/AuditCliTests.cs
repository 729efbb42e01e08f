using System.Text.Json;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Cli.Tests;

/// <summary>
/// <c>cordon audit head</c> saves a signed head off the machine; <c>cordon audit verify --head</c> then catches a log
/// rewritten in the database however thoroughly, and <c>--content</c> names a case edited there.
/// </summary>
[Collection(CardHashKeyFile.Collection)]
public sealed class AuditCliTests() : CliTestWithFolder("cordon-audit-cli-")
{
    [Fact]
    public async Task ASavedHead_CatchesARewrittenLog()
    {
        await Cli.RunAsync("org", "create", "--name", "Audit CLI One", "--sector", "bank", "--country", "DE");
        await Cli.RunAsync("org", "create", "--name", "Audit CLI Two", "--sector", "bank", "--country", "DE");
        var headFile = Path.Combine(Folder, "head.json");
        var (saved, _, savedError) = await Cli.RunAsync("audit", "head", "--output", headFile);
        Assert.True(saved == 0, savedError);
        await Cli.RunAsync("org", "create", "--name", "Audit CLI Three", "--sector", "bank", "--country", "DE");

        var (ok, okOutput, _) = await Cli.RunAsync("audit", "verify", "--head", headFile);
        Assert.True(ok == 0, okOutput);
        Assert.Contains("extends the saved head of 4 records", okOutput, StringComparison.Ordinal);

        await AuditInsider.RewriteLogAsync(Database, entries => [.. entries.Where(e => !e.Details.Contains("Audit CLI One", StringComparison.Ordinal))]);

        Assert.Equal(0, (await Cli.RunAsync("audit", "verify")).ExitCode); // the store agrees with itself
        var (broken, brokenOutput, _) = await Cli.RunAsync("audit", "verify", "--head", headFile);
        Assert.Equal(CordonCli.Failure, broken);
        Assert.Contains("do not hash to the root of the saved head", brokenOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadHeadFile_IsAUsageError()
    {
        var file = Path.Combine(Folder, "not-a-head.json");
        await File.WriteAllTextAsync(file, "{\"size\": 3}");
        var (exit, _, error) = await Cli.RunAsync("audit", "verify", "--head", file);
        Assert.Equal(CordonCli.Usage, exit);
        Assert.Contains("--head: Not a tree head", error, StringComparison.Ordinal);
        Assert.Equal(CordonCli.Usage, (await Cli.RunAsync("audit", "verify", "--head", Path.Combine(Folder, "missing.json"))).ExitCode);
    }

    [Fact]
    public async Task ContentCheck_NamesACaseEditedInTheStore()
    {
        var (_, created, _) = await Cli.RunAsync("org", "create", "--name", "Audit CLI Police", "--sector", "law_enforcement", "--country", "GB", "--json");
        var police = JsonDocument.Parse(created).RootElement[0].GetProperty("id").GetGuid().ToString();
        var file = Path.Combine(Folder, "cases.csv");
        await File.WriteAllTextAsync(file, """
            category,loss_amount,loss_currency,victim_country,occurred_at,tlp,distribution,identifiers,summary
            romance,5000,EUR,GB,2026-10-01,amber,organisation,phone:020 7946 0555,Lost savings to a fake suitor
            """);
        Assert.Equal(0, (await Cli.RunAsync("case", "import", file, "--org", police)).ExitCode);
        var (clean, cleanOutput, _) = await Cli.RunAsync("audit", "verify", "--content");
        Assert.True(clean == 0, cleanOutput);

        Guid caseId;
        await using (var db = Database.Open())
        {
            caseId = await db.Cases.Select(c => c.Id).SingleAsync();
            await db.Cases.ExecuteUpdateAsync(c => c.SetProperty(x => x.LossAmount, 50m));
        }

        var (altered, output, _) = await Cli.RunAsync("audit", "verify", "--content");
        Assert.Equal(CordonCli.Failure, altered);
        Assert.Contains($"case {caseId}: altered outside Cordon", output, StringComparison.Ordinal);
    }
}

/// <summary><c>cordon evidence export</c> writes a package; <c>cordon evidence verify</c> checks it with no store at all.</summary>
[Collection(CardHashKeyFile.Collection)]
public sealed class EvidenceCliTests() : CliTestWithFolder("cordon-evidence-cli-")
{
    [Fact]
    public async Task ExportedPackage_VerifiesOffline_AndATamperedOneNamesTheFile()
    {
        var (_, created, _) = await Cli.RunAsync("org", "create", "--name", "Evidence CLI Police", "--sector", "law_enforcement", "--country", "GB", "--json");
        var police = JsonDocument.Parse(created).RootElement[0].GetProperty("id").GetGuid().ToString();
        var cases = Path.Combine(Folder, "cases.csv");
        await File.WriteAllTextAsync(cases, """
            category,loss_amount,loss_currency,victim_country,occurred_at,tlp,distribution,identifiers,summary
            romance,5000,EUR,GB,2026-10-01,amber,organisation,phone:020 7946 0555,Lost savings to a fake suitor
            """);
        await Cli.RunAsync("case", "import", cases, "--org", police);
        Guid caseId;
        await using (var db = Database.Open())
        {
            caseId = await db.Cases.Select(c => c.Id).SingleAsync();
        }
        var package = Path.Combine(Folder, "evidence.zip");

        var (exported, _, exportError) = await Cli.RunAsync("evidence", "export", "--case", caseId.ToString(), "--org", police, "--output", package);
        Assert.True(exported == 0, exportError);
        var (ok, okOutput, _) = await Cli.RunAsync("evidence", "verify", package);
        Assert.True(ok == 0, okOutput);
        Assert.StartsWith("OK:", okOutput, StringComparison.Ordinal);

        using (var zip = System.IO.Compression.ZipFile.Open(package, System.IO.Compression.ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("case.json")!;
            string text;
            using (var reader = new StreamReader(entry.Open()))
            {
                text = await reader.ReadToEndAsync();
            }
            entry.Delete();
            await using var writer = new StreamWriter(zip.CreateEntry("case.json").Open());
            await writer.WriteAsync(text.Replace("5000", "50", StringComparison.Ordinal));
        }
        var (failed, failedOutput, _) = await Cli.RunAsync("evidence", "verify", package);
        Assert.Equal(CordonCli.Failure, failed);
        Assert.Contains("altered: case.json", failedOutput, StringComparison.Ordinal);
    }
}
