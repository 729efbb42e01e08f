using System.Text;
using System.Text.Json;
using Cordon.Testing;

namespace Cordon.Cli.Tests;

/// <summary><c>cordon feed add|list|run</c> on a plain list file, and <c>cordon export</c> of what it brought.</summary>
[Collection(CardHashKeyFile.Collection)]
public sealed class FeedAndExportCliTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private CliRunner cli = null!;
    private readonly string folder = Directory.CreateTempSubdirectory("cordon-feed-cli-").FullName;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        cli = new CliRunner(database);
        Environment.SetEnvironmentVariable("Cordon__Cards__HashKeyFile", Path.Combine(folder, "card-hash.key"));
    }

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task AListFeed_Runs_ShowsItsCounts_AndWhatItBroughtExports()
    {
        var list = Path.Combine(folder, "phones.txt");
        await File.WriteAllTextAsync(list, "# safe-account scam numbers\n+44 20 7946 0500\n+44-20-7946-0501\nnot a phone\n", new UTF8Encoding(false));

        var (added, _, addError) = await cli.RunAsync("feed", "add", "--name", "uk-scam-phones", "--kind", "list", "--type", "phone",
            "--location", list, "--tlp", "clear", "--category", "impersonation_of_officials");
        Assert.True(added == 0, addError);
        var (missingType, _, missingTypeError) = await cli.RunAsync("feed", "add", "--name", "untyped", "--kind", "list", "--location", list);
        Assert.NotEqual(0, missingType);
        Assert.Contains("type", missingTypeError, StringComparison.Ordinal);

        var (ran, runOutput, runError) = await cli.RunAsync("feed", "run", "uk-scam-phones", "--json");
        Assert.True(ran == 0, runError);
        var report = JsonDocument.Parse(runOutput).RootElement;
        Assert.Equal((3L, 2L, 1L), (report.GetProperty("rows").GetInt64(), report.GetProperty("created").GetInt64(),
            report.GetProperty("rejected").GetInt64()));
        const long created = 2;

        var (_, listed, _) = await cli.RunAsync("feed", "list", "--json");
        var feed = JsonDocument.Parse(listed).RootElement.EnumerateArray().Single();
        Assert.Equal(created, feed.GetProperty("lastCreated").GetInt64());
        Assert.Contains(feed.GetProperty("lastRowErrors").EnumerateArray(), e => e.GetString()!.StartsWith("line 4:", StringComparison.Ordinal));

        var file = Path.Combine(folder, "export.csv");
        var (exported, _, exportError) = await cli.RunAsync("export", "--format", "csv", "--output", file);
        Assert.True(exported == 0, exportError);
        var rows = (await File.ReadAllLinesAsync(file)).Skip(1).ToList();
        Assert.Contains("phone,+442079460500,impersonation_of_officials,50,clear,node,", rows);
        Assert.Equal(created, rows.Count);
        var (badFormat, _, _) = await cli.RunAsync("export", "--format", "xlsx");
        Assert.NotEqual(0, badFormat);
    }
}
