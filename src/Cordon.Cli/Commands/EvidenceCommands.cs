using System.CommandLine;
using System.Security.Cryptography;
using Cordon.Application.Evidence;
using Cordon.Core.Errors;
using Cordon.Core.Evidence;
using Cordon.Core.Members;

namespace Cordon.Cli.Commands;

/// <summary><c>cordon evidence export --case ID | --request ID --output FILE</c>, <c>cordon evidence verify FILE [--key PEM]</c></summary>
public static class EvidenceCommands
{
    public static Command Build(CliIo io) => new("evidence", "Evidence packages: export one, or verify one offline")
    {
        Export(io), Verify(io),
    };

    private static Command Export(CliIo io)
    {
        var caseId = new Option<Guid?>("--case") { Description = "The case to package" };
        var requestId = new Option<Guid?>("--request") { Description = "The request to package" };
        var output = new Option<FileInfo>("--output") { Description = "The ZIP file to write", Required = true };
        var organisation = new Option<Guid?>("--org") { Description = "Package what this organisation may see (default: the node operator)" };
        var export = new Command("export", "Write an evidence package (ZIP) of a case or a request, with audit proofs, signed by the node")
        {
            caseId, requestId, output, organisation,
        };
        export.Handle(io, async (parse, context, cancellationToken) =>
        {
            if (parse.GetValue(caseId) is null == parse.GetValue(requestId) is null)
            {
                throw new InvalidInputException("--case/--request", "name exactly one of them.");
            }
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = parse.GetValue(organisation) is { } id
                ? await scope.ActorAsync(id, Role.Analyst, cancellationToken)
                : await scope.OperatorAsync(cancellationToken);
            var caller = await CliContext.CallerAsync(scope, actor, cancellationToken);
            var file = parse.GetValue(output)!;
            var packages = scope.Get<EvidencePackages>();
            await using (var stream = new MemoryStream())
            {
                if (parse.GetValue(caseId) is { } packagedCase)
                {
                    await packages.ForCaseAsync(caller, packagedCase, stream, cancellationToken);
                }
                else
                {
                    await packages.ForRequestAsync(caller, parse.GetValue(requestId)!.Value, stream, cancellationToken);
                }
                await File.WriteAllBytesAsync(file.FullName, stream.ToArray(), cancellationToken);
            }
            await context.Output.WriteLineAsync($"Evidence package written to {file.FullName}.");
            return CordonCli.Ok;
        });
        return export;
    }

    private static Command Verify(CliIo io)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The evidence package (ZIP)" };
        var key = new Option<FileInfo?>("--key") { Description = "The node's public key (PEM), obtained separately, that must have signed it" };
        var verify = new Command("verify", "Check an evidence package offline (no server, no database): exit 1 naming every altered, missing or added file")
        {
            file, key,
        };
        verify.Handle(io, async (parse, context, cancellationToken) =>
        {
            var package = parse.GetValue(file)!;
            if (!package.Exists)
            {
                throw new InvalidInputException("FILE", $"{package.FullName} does not exist.");
            }
            var trusted = parse.GetValue(key) is { } pem ? ReadKey(pem) : null;
            await using var stream = package.OpenRead();
            var result = EvidenceVerifier.Verify(stream, trusted);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, result);
            }
            else
            {
                await context.Output.WriteLineAsync(result.Ok
                    ? $"OK: {result.FilesChecked} files match the manifest signed by key {result.SignedByKeyId}; {result.RecordsChecked} audit records are in the signed log"
                      + (parse.GetValue(key) is null ? " (no --key given: compare that key id with the node's, obtained separately)" : "")
                    : $"FAILED: {result.Problems.Count} problem(s)");
                foreach (var problem in result.Problems)
                {
                    await context.Output.WriteLineAsync($"  {problem}");
                }
            }
            return result.Ok ? CordonCli.Ok : CordonCli.Failure;
        });
        return verify;
    }

    private static byte[] ReadKey(FileInfo pem)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(pem.FullName));
            return key.ExportSubjectPublicKeyInfo();
        }
        catch (Exception invalid) when (invalid is ArgumentException or CryptographicException or IOException)
        {
            throw new InvalidInputException("--key", "must be a PEM public key file.");
        }
    }
}
