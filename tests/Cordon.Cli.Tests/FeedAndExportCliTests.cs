using System.Text;
using System.Text.Json;

namespace Cordon.Cli.Tests;

/// <summary><c>cordon feed add|list|run</c> on a plain list file, and <c>cordon export</c> of what it brought.</summary>
[Collection(CardHashKeyFile.Collection)]
public sealed class FeedAndExportCliTests() : CliTestWithFolder("cordon-feed-cli-")
{
    [Fact]
    public async Task AListFeed_Runs_ShowsItsCounts_AndWhatItBroughtExports()
    {
        var list = Path.Combine(Folder, "phones.txt");
        await File.WriteAllTextAsync(list, "# safe-account scam numbers\n+44 20 7946 0500\n+44-20-7946-0501\nnot a phone\n", new UTF8Encoding(false));

        var (added, _, addError) = await Cli.RunAsync("feed", "add", "--name", "uk-scam-phones", "--kind", "list", "--type", "phone",
            "--location", list, "--tlp", "clear", "--category", "impersonation_of_officials");
        Assert.True(added == 0, addError);
        var (missingType, _, missingTypeError) = await Cli.RunAsync("feed", "add", "--name", "untyped", "--kind", "list", "--location", list);
        Assert.NotEqual(0, missingType);
        Assert.Contains("type", missingTypeError, StringComparison.Ordinal);

        var (ran, runOutput, runError) = await Cli.RunAsync("feed", "run", "uk-scam-phones", "--json");
        Assert.True(ran == 0, runError);
        var report = JsonDocument.Parse(runOutput).RootElement;
        Assert.Equal((3L, 2L, 1L), (report.GetProperty("rows").GetInt64(), report.GetProperty("created").GetInt64(),
            report.GetProperty("rejected").GetInt64()));
        const long created = 2;

        var (_, listed, _) = await Cli.RunAsync("feed", "list", "--json");
        var feed = JsonDocument.Parse(listed).RootElement.EnumerateArray().Single();
        Assert.Equal(created, feed.GetProperty("lastCreated").GetInt64());
        Assert.Contains(feed.GetProperty("lastRowErrors").EnumerateArray(), e => e.GetString()!.StartsWith("line 4:", StringComparison.Ordinal));

        var file = Path.Combine(Folder, "export.csv");
        var (exported, _, exportError) = await Cli.RunAsync("export", "--format", "csv", "--output", file);
        Assert.True(exported == 0, exportError);
        var rows = (await File.ReadAllLinesAsync(file)).Skip(1).ToList();
        // A phone number's leading + is one a spreadsheet would run: the cell is neutralised (and imports back unchanged).
        Assert.Contains("phone,\"'+442079460500\",impersonation_of_officials,50,clear,node,", rows);
        Assert.Equal(created, rows.Count);
        var (badFormat, _, _) = await Cli.RunAsync("export", "--format", "xlsx");
        Assert.NotEqual(0, badFormat);
    }
}
