using System.CommandLine;
using Cordon.Application.Audit;
using Cordon.Core.Audit;
using Cordon.Core.Errors;

namespace Cordon.Cli.Commands;

/// <summary><c>cordon audit verify [--head FILE] [--content]</c>, <c>cordon audit head [--output FILE]</c></summary>
public static class AuditCommands
{
    public static Command Build(CliIo io) => new("audit", "The audit log: verify it, and save its signed head off the machine")
    {
        Verify(io), Head(io),
    };

    private static Command Verify(CliIo io)
    {
        var headFile = new Option<FileInfo?>("--head")
        {
            Description = "A signed tree head saved earlier (cordon audit head, or GET /api/v1/audit/head): the log must still begin with it",
        };
        var content = new Option<bool>("--content")
        {
            Description = "Also recompute every case and request against the content hash of its last audit record",
        };
        var verify = new Command("verify", "Walk the hash chain and Merkle tree; exit 1 and say what does not hold if the log was altered")
        {
            headFile, content,
        };
        verify.Handle(io, async (parse, context, cancellationToken) =>
        {
            var saved = parse.GetValue(headFile) is { } file ? ReadHead(file) : null;
            await using var scope = await context.OpenAsync(cancellationToken);
            var result = await scope.Get<AuditLog>().VerifyAsync(saved, cancellationToken);
            var contents = parse.GetValue(content) ? await scope.Get<AuditContentCheck>().VerifyAsync(cancellationToken) : null;
            var ok = result.Ok && contents?.Ok != false;
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, new
                {
                    Ok = ok,
                    result.BrokenAt,
                    result.Records,
                    result.HeadHash,
                    result.TreeRoot,
                    result.Findings,
                    Content = contents,
                });
                return ok ? CordonCli.Ok : CordonCli.Failure;
            }
            if (result.Ok)
            {
                var against = saved is null ? "" : $", extends the saved head of {saved.Size} records ({saved.Time:O})";
                await context.Output.WriteLineAsync($"OK: {result.Records} audit records, chain and tree intact, root {result.TreeRoot}{against}");
            }
            else
            {
                await context.Output.WriteLineAsync(result.BrokenAt is { } at
                    ? $"BROKEN: audit record {at} does not match ({result.Records} records before any break are intact)"
                    : "BROKEN: the audit log does not match");
            }
            foreach (var finding in result.Findings)
            {
                await context.Output.WriteLineAsync($"  {finding}");
            }
            if (contents is not null)
            {
                await context.Output.WriteLineAsync(contents.Ok
                    ? $"OK: {contents.ItemsChecked} items match their last audit record ({contents.RecordsChecked} records with content checked)"
                    : $"ALTERED: {contents.Findings.Count} finding(s) in {contents.ItemsChecked} items");
                foreach (var finding in contents.Findings)
                {
                    await context.Output.WriteLineAsync($"  {finding}");
                }
            }
            return ok ? CordonCli.Ok : CordonCli.Failure;
        });
        return verify;
    }

    private static Command Head(CliIo io)
    {
        var output = new Option<FileInfo?>("--output") { Description = "Write the head to this file (default: standard output)" };
        var head = new Command("head", "Sign and print the audit log's tree head (size, root, time), to keep off the machine") { output };
        head.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var log = scope.Get<TransparencyLog>();
            var signed = PublishedTreeHead.From(await log.HeadAsync(cancellationToken), await log.PublicKeyAsync(cancellationToken)).ToJson();
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, signed + "\n", cancellationToken);
                await context.Error.WriteLineAsync($"Tree head written to {file.FullName}.");
            }
            else
            {
                await context.Output.WriteLineAsync(signed);
            }
            return CordonCli.Ok;
        });
        return head;
    }

    private static PublishedTreeHead ReadHead(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new InvalidInputException("--head", $"{file.FullName} does not exist.");
        }
        try
        {
            return PublishedTreeHead.Parse(File.ReadAllText(file.FullName));
        }
        catch (FormatException invalid)
        {
            throw new InvalidInputException("--head", invalid.Message);
        }
    }
}
