using System.CommandLine;
using Cordon.Application.Audit;

namespace Cordon.Cli.Commands;

/// <summary><c>cordon audit verify</c></summary>
public static class AuditCommands
{
    public static Command Build(CliIo io)
    {
        var verify = new Command("verify", "Walk the hash chain; exit 1 and name the first broken record if it was altered");
        verify.Handle(io, async (_, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var result = await scope.Get<AuditLog>().VerifyAsync(cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, result);
            }
            else if (result.Ok)
            {
                await context.Output.WriteLineAsync($"OK: {result.Records} audit records, chain intact, head {result.HeadHash}");
            }
            else
            {
                await context.Output.WriteLineAsync(
                    $"BROKEN: audit record {result.BrokenAt} does not match the chain ({result.Records} records before it are intact)");
            }
            return result.Ok ? CordonCli.Ok : CordonCli.Failure;
        });
        return new Command("audit", "The audit chain") { verify };
    }
}
