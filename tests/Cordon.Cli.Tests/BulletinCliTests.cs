using System.Text.Json;

namespace Cordon.Cli.Tests;

/// <summary><c>cordon bulletin publish|list|show|ack</c>: the author publishes, a member sees it unread, acknowledges it.</summary>
[Collection(CardHashKeyFile.Collection)]
public sealed class BulletinCliTests() : CliTestWithFolder("cordon-bulletin-cli-")
{
    [Fact]
    public async Task PublishListShowAndAcknowledge_FromTheCommandLine()
    {
        var (_, created, _) = await Cli.RunAsync("org", "create", "--name", "Bulletin CLI Bank", "--sector", "bank", "--country", "HK", "--json");
        var bank = JsonDocument.Parse(created).RootElement[0].GetProperty("id").GetGuid().ToString();
        var body = Path.Combine(Folder, "body.md");
        await File.WriteAllTextAsync(body, "## 手法\n冒充客服，诱导下载远程控制应用。");

        var (published, id, error) = await Cli.RunAsync("bulletin", "publish", "--language", "zh-Hans", "--title", "冒充客服诈骗",
            "--summary", "诱导下载远程控制应用。", "--body-file", body, "--severity", "critical", "--category", "impersonation_of_officials",
            "--country", "HK", "--sector", "bank", "--tlp", "green", "--distribution", "node", "--json");
        Assert.True(published == 0, error);

        var (_, unread, _) = await Cli.RunAsync("bulletin", "list", "--org", bank, "--unread");
        Assert.Contains("冒充客服诈骗", unread, StringComparison.Ordinal);
        Assert.Contains("[unread]", unread, StringComparison.Ordinal);
        var (_, shown, _) = await Cli.RunAsync("bulletin", "show", id.Trim(), "--org", bank);
        Assert.Contains("远程控制应用", shown, StringComparison.Ordinal);
        Assert.Equal(0, (await Cli.RunAsync("bulletin", "ack", id.Trim(), "--org", bank, "--kind", "acted", "--note", "Warned customers")).ExitCode);
        var (_, after, _) = await Cli.RunAsync("bulletin", "list", "--org", bank, "--unread");
        Assert.DoesNotContain("冒充客服诈骗", after, StringComparison.Ordinal);
        Assert.Equal(CordonCli.Usage, (await Cli.RunAsync("bulletin", "publish", "--title", "x", "--summary", "y", "--body-file", body,
            "--severity", "dire", "--tlp", "green", "--distribution", "node")).ExitCode);
    }

    [Fact]
    public async Task HelpAndJson_SpellValuesAsTheApiDoes()
    {
        var (_, help, _) = await Cli.RunAsync("import", "--help");
        Assert.Contains("bank_account", help, StringComparison.Ordinal);
        Assert.Contains("amber+strict", help, StringComparison.Ordinal);
        Assert.DoesNotContain("BankAccount", help, StringComparison.Ordinal);
        Assert.DoesNotContain("AmberStrict", help, StringComparison.Ordinal);

        var body = Path.Combine(Folder, "plus.md");
        await File.WriteAllTextAsync(body, "Calls from +44 20 7946 0000.");
        Assert.Equal(0, (await Cli.RunAsync("bulletin", "publish", "--title", "Calls from +44 20 numbers", "--summary", "s", "--body-file", body,
            "--severity", "low", "--category", "phishing", "--tlp", "amber+strict", "--distribution", "organisation")).ExitCode);
        var (_, json, _) = await Cli.RunAsync("bulletin", "list", "--json");
        Assert.Contains("Calls from +44 20 numbers", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002B", json, StringComparison.Ordinal);
    }
}
