using System.Text.Json;

namespace Cordon.Cli.Tests;

/// <summary><c>cordon operation …</c>: the lead opens an operation with a bank, starts it, adds a task; the bank reports; the report adds up.</summary>
[Collection(CardHashKeyFile.Collection)]
public sealed class OperationCliTests() : CliTestWithFolder("cordon-operation-cli-")
{
    [Fact]
    public async Task OpenStartReportAndClose_FromTheCommandLine()
    {
        var (_, created, _) = await Cli.RunAsync("org", "create", "--name", "Operation CLI Bank", "--sector", "bank", "--country", "SG", "--json");
        var bank = JsonDocument.Parse(created).RootElement[0].GetProperty("id").GetGuid().ToString();
        var (_, outsiderCreated, _) = await Cli.RunAsync("org", "create", "--name", "Operation CLI Outsider", "--sector", "bank", "--country", "GB", "--json");
        var outsider = JsonDocument.Parse(outsiderCreated).RootElement[0].GetProperty("id").GetGuid().ToString();

        var (opened, output, error) = await Cli.RunAsync("operation", "create", "--name", "Operation Harbour", "--objectives", "Dismantle the call centre",
            "--country", "SG", "--country", "HK", "--participant", bank, "--ends", "2027-01-31T00:00:00+08:00", "--json");
        Assert.True(opened == 0, error);
        var id = output.Trim();
        Assert.Equal(0, (await Cli.RunAsync("operation", "status", id, "--to", "active")).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("operation", "task", id, "--title", "Freeze the mule accounts", "--assignee", bank)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("operation", "result", id, "--org", bank, "--measure", "amount_returned", "--quantity", "1500.25",
            "--currency", "sgd")).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("operation", "result", id, "--measure", "arrests", "--quantity", "7", "--country", "hk")).ExitCode);

        var (_, listed, _) = await Cli.RunAsync("operation", "list", "--org", bank);
        Assert.Contains("Operation Harbour", listed, StringComparison.Ordinal);
        var (_, shown, _) = await Cli.RunAsync("operation", "show", id, "--org", bank);
        Assert.Contains("arrests: 7", shown, StringComparison.Ordinal);
        Assert.Contains("amount_returned SGD: 1500.25", shown, StringComparison.Ordinal);
        Assert.Equal(0, (await Cli.RunAsync("operation", "status", id, "--to", "closed")).ExitCode);
        var (_, csv, _) = await Cli.RunAsync("operation", "report", id);
        Assert.Contains("country,HK,HK,arrests,,0,7,7", csv, StringComparison.Ordinal);
        var (_, json, _) = await Cli.RunAsync("operation", "report", id, "--json");
        Assert.Equal("final", JsonDocument.Parse(json).RootElement.GetProperty("report").GetString());

        var (refused, _, why) = await Cli.RunAsync("operation", "show", id, "--org", outsider);
        Assert.NotEqual(0, refused);
        Assert.Contains("operation", why, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(CordonCli.Usage, (await Cli.RunAsync("operation", "result", id, "--measure", "parking_tickets", "--quantity", "1")).ExitCode);
    }
}
