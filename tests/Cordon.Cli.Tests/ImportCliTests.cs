using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Cli.Tests;

[Collection(CardHashKeyFile.Collection)]
public sealed class ImportCliTests() : CliTestWithFolder("cordon-import-test-")
{
    private string Write(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public async Task Csv_GoodRowsCommitted_BadRowsReportedWithLineNumbers_AndRerunIsIdempotent()
    {
        var path = Write("mixed.csv", """
            type,value,categories,tlp
            phone,+44 20 7946 0018,impersonation_of_officials,green
            phone,not a number,romance,green
            bank_account,gb82 west 1234 5698 7654 32,money_mule;romance,amber
            domain,"scam-shop.example.com",shopping,clear
            spaceship,x,other,green
            phone,0044-20-7946-0018,romance,green
            """);
        var (exitCode, output, error) = await Cli.RunAsync("import", path, "--format", "csv", "--distribution", "node", "--json");
        Assert.True(exitCode == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(6, report.GetProperty("rows").GetInt64());
        Assert.Equal(3, report.GetProperty("created").GetInt64());
        Assert.Equal(1, report.GetProperty("updated").GetInt64());
        Assert.Equal(2, report.GetProperty("rejected").GetInt64());
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt64(), e.GetProperty("reason").GetString()!)).ToList();
        Assert.Equal(3, errors[0].Item1);
        Assert.StartsWith("value:", errors[0].Item2, StringComparison.Ordinal);
        Assert.Equal(6, errors[1].Item1);
        Assert.StartsWith("type:", errors[1].Item2, StringComparison.Ordinal);

        var (again, againOutput, _) = await Cli.RunAsync("import", path, "--format", "csv", "--distribution", "node", "--json");
        Assert.Equal(0, again);
        var second = JsonDocument.Parse(againOutput).RootElement;
        Assert.Equal(0, second.GetProperty("created").GetInt64());
        Assert.Equal(4, second.GetProperty("updated").GetInt64());
        await using var db = Database.Open();
        Assert.Equal(3, await db.Indicators.CountAsync());
        Assert.Equal(2, await db.AuditRecords.CountAsync(a => a.Action == "indicator.import"));
    }

    [Fact]
    public async Task Jsonl_WithInvalidUtf8AndGarbageLines_ReportsThemAndImportsTheRest()
    {
        var path = Path.Combine(Folder, "hostile.jsonl");
        await using (var file = File.Create(path))
        {
            void Line(byte[] bytes) { file.Write(bytes); file.WriteByte((byte)'\n'); }
            Line(Encoding.UTF8.GetBytes("""{"type":"ip","value":"198.51.100.7","categories":["malware"],"tlp":"green","distribution":"node"}"""));
            Line([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D]);
            Line(Encoding.UTF8.GetBytes("this is not json"));
            Line(Encoding.UTF8.GetBytes("""{"type":"ip","value":"198.51.100.8","surprise":1}"""));
            Line(Encoding.UTF8.GetBytes(new string('x', 70_000)));
            Line(Encoding.UTF8.GetBytes("""{"type":"email","value":"Boss@ＥＸＡＭＰＬＥ.com","categories":["phishing"],"tlp":"amber","distribution":"node"}"""));
        }
        var (exitCode, output, error) = await Cli.RunAsync("import", path, "--format", "jsonl", "--json");
        Assert.True(exitCode == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, report.GetProperty("created").GetInt64());
        Assert.Equal(4, report.GetProperty("rejected").GetInt64());
        var lines = report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt64()).ToList();
        Assert.Equal([2L, 3L, 4L, 5L], lines);
        Assert.Contains("UTF-8", report.GetProperty("errors")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaymentCards_NeverReachTheStoreInClear()
    {
        var path = Write("cards.csv", "value\n4111 1111 1111 1111\n5500-0000-0000-0004\n");
        var (exitCode, output, error) = await Cli.RunAsync("import", path, "--format", "csv", "--type", "payment_card",
            "--category", "account_takeover", "--tlp", "amber", "--distribution", "node");
        Assert.True(exitCode == 0, error);
        Assert.Contains("2 created", output, StringComparison.Ordinal);
        await using var db = Database.Open();
        var stored = string.Join("|", await db.Indicators.Select(i => i.OriginalValue + i.Observable.Value + i.Observable.Display).ToListAsync());
        Assert.DoesNotContain("4111111111111111", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("4111 1111 1111 1111", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("5500000000000004", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingHeaderOrFile_IsAUsageError()
    {
        var path = Write("noheader.csv", "+442079460018,phone\n");
        var (exitCode, _, error) = await Cli.RunAsync("import", path, "--format", "csv");
        Assert.Equal(CordonCli.Usage, exitCode);
        Assert.Contains("header", error, StringComparison.Ordinal);
        Assert.Equal(CordonCli.Usage, (await Cli.RunAsync("import", Path.Combine(Folder, "missing.csv"), "--format", "csv")).ExitCode);
        Assert.Equal(CordonCli.Usage, (await Cli.RunAsync("import", path, "--format", "xml")).ExitCode);
    }

    [Fact]
    public async Task EthPhishingDetect_RealList_ImportsItsBlacklist()
    {
        var config = Environment.GetEnvironmentVariable("CORDON_TEST_ETH_PHISHING_CONFIG");
        Assert.True(config is not null && File.Exists(config),
            "CORDON_TEST_ETH_PHISHING_CONFIG must name eth-phishing-detect's src/config.json (test.sh fetches it with npm pack)");
        var blacklist = JsonDocument.Parse(await File.ReadAllTextAsync(config)).RootElement.GetProperty("blacklist").GetArrayLength();
        var (exitCode, output, error) = await Cli.RunAsync("import", config, "--format", "eth_phishing_detect", "--json");
        Assert.True(exitCode == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(blacklist, report.GetProperty("rows").GetInt64());
        var imported = report.GetProperty("created").GetInt64() + report.GetProperty("updated").GetInt64();
        Assert.True(imported > blacklist * 0.95, $"{imported} of {blacklist} imported");
        await using var db = Database.Open();
        Assert.True(await db.Observables.CountAsync(o => o.Value == "myetherwallet.com") == 0, "a whitelisted/fuzzy name was imported as bad");
    }

    [Fact]
    public async Task Demo_SeedsAFiveMemberNetwork_Once()
    {
        var (exitCode, output, error) = await Cli.RunAsync("demo", "--no-npm", "--json");
        Assert.True(exitCode == 0, error);
        var result = JsonDocument.Parse(output).RootElement;
        var members = result.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(5, members.Count);
        Assert.True(members.Select(m => m.GetProperty("country").GetString()).Distinct().Count() >= 3);
        Assert.All(members, m => Assert.StartsWith("cdn_", m.GetProperty("key").GetString(), StringComparison.Ordinal));
        Assert.True(result.GetProperty("indicators").GetInt64() >= 3000);
        await using (var db = Database.Open())
        {
            var types = await db.Observables.Select(o => o.Type).Distinct().CountAsync();
            Assert.Equal(Enum.GetValues<Core.Identifiers.IdentifierType>().Length, types);
        }
        var (again, _, againError) = await Cli.RunAsync("demo", "--no-npm");
        Assert.Equal(CordonCli.Failure, again);
        Assert.Contains("already", againError, StringComparison.Ordinal);
    }
}
