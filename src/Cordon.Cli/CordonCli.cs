using System.CommandLine;
using Cordon.Cli.Commands;
using Cordon.Core.Errors;

namespace Cordon.Cli;

/// <summary>The <c>cordon</c> command: exit 0 when done, 1 on failure, 2 on a usage error.</summary>
public static class CordonCli
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    public static readonly Option<string?> Provider = new("--provider")
    {
        Description = "Store provider: sqlite or postgres (default: Cordon:Database:Provider, else sqlite)",
        Recursive = true,
    };

    public static readonly Option<string?> Connection = new("--connection")
    {
        Description = "Store connection string (default: Cordon:Database:ConnectionString, else ./data/cordon.db)",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json") { Description = "Write JSON for scripts", Recursive = true };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TextReader input)
    {
        var io = new CliIo(output, error, input);
        var root = new RootCommand("cordon: administer a Cordon node and do bulk work against its store")
        {
            Provider, Connection, Json,
            OrgCommands.Build(io), KeyCommands.Build(io), UserCommands.Build(io), CommunityCommands.Build(io), AuditCommands.Build(io),
            ImportCommand.Build(io), DemoCommand.Build(io), ScreenCommand.Build(io), RequestCommands.Build(io), RequestCommands.BuildWebhook(io),
            CaseCommands.Build(io), CaseCommands.BuildGraph(io), PeerCommands.Build(io), FeedCommands.Build(io), ExportCommand.Build(io),
            EvidenceCommands.Build(io), BulletinCommands.Build(io), OperationCommands.Build(io), StatsCommand.Build(io),
        };
        EnumOption.SpellAsTheApi(root);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync(parseError.Message);
            }
            await error.WriteLineAsync("Run 'cordon --help' (or '<verb> --help') for usage.");
            return Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (InvalidInputException invalid)
        {
            await error.WriteLineAsync($"error: {invalid.Message}");
            return Usage;
        }
        catch (CordonException failure)
        {
            await error.WriteLineAsync($"error: {failure.Message}");
            return Failure;
        }
        catch (InvalidOperationException configuration) when (configuration.Message.StartsWith("Cordon:", StringComparison.Ordinal))
        {
            await error.WriteLineAsync($"error: {configuration.Message}");
            return Usage;
        }
    }

    /// <summary>Runs a verb's action with its store and streams.</summary>
    public static void Handle(this Command command, CliIo io, Func<ParseResult, CliContext, CancellationToken, Task<int>> action) =>
        command.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.Create(parse.GetValue(Provider), parse.GetValue(Connection), io, parse.GetValue(Json));
            return action(parse, context, cancellationToken);
        });
}

/// <summary>The streams a run of the command reads and writes.</summary>
public sealed record CliIo(TextWriter Output, TextWriter Error, TextReader Input);
