using Cordon.Testing;

namespace Cordon.Cli.Tests;

/// <summary>Runs the <c>cordon</c> command in process against a throwaway store.</summary>
public sealed class CliRunner(TestDatabase database)
{
    public async Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        string[] store = ["--provider", database.Options.Provider.ToString(), "--connection", database.Options.ConnectionString];
        var exitCode = await CordonCli.RunAsync([.. args, .. store], output, error, input);
        return (exitCode, output.ToString(), error.ToString());
    }

    public Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunWithInputAsync("", args);
}
