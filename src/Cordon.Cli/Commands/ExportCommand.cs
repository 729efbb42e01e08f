using System.CommandLine;
using Cordon.Application.Indicators;
using Cordon.Core.Members;

namespace Cordon.Cli.Commands;

/// <summary><c>cordon export --format stix|misp|csv</c>: what an organisation may see, read through the access policy.</summary>
public static class ExportCommand
{
    public static Command Build(CliIo io)
    {
        var format = new Option<ExportFormat?>("--format")
        {
            Description = "stix (a STIX 2.1 bundle), misp (a MISP event) or csv (Cordon's import CSV)",
            Required = true,
            CustomParser = result => EnumOption.Parse<ExportFormat>(result.Tokens.Single().Value, result),
        };
        var output = new Option<FileInfo?>("--output") { Description = "The file to write (default: standard output)" };
        var organisation = new Option<Guid?>("--org") { Description = "Export what this organisation may see (default: the node operator)" };
        var command = new Command("export", "Export the active indicators an organisation may see (payment cards never leave the node)")
        {
            format, output, organisation,
        };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = parse.GetValue(organisation) is { } id
                ? await scope.ActorAsync(id, Role.Admin, cancellationToken)
                : await scope.OperatorAsync(cancellationToken);
            var node = context.Configuration["Cordon:Node:Name"] ?? "cordon";
            var export = scope.Get<IndicatorExport>();
            if (parse.GetValue(output) is { } file)
            {
                await using var stream = file.Create();
                var count = await export.WriteAsync(await CliContext.CallerAsync(scope, actor, cancellationToken), parse.GetValue(format)!.Value, stream, node, cancellationToken);
                await context.Error.WriteLineAsync($"{count} indicators written to {file.FullName}.");
            }
            else
            {
                await context.Output.FlushAsync(cancellationToken);
                await using var stream = new MemoryStream();
                await export.WriteAsync(await CliContext.CallerAsync(scope, actor, cancellationToken), parse.GetValue(format)!.Value, stream, node, cancellationToken);
                await context.Output.WriteAsync(System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
            }
            return CordonCli.Ok;
        });
        return command;
    }
}
