using System.CommandLine;
using System.Globalization;
using Cordon.Application.Indicators.Import;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Spectre.Console;

namespace Cordon.Cli.Commands;

/// <summary><c>cordon import FILE</c>: bulk import with a progress bar; the whole file is committed or nothing is.</summary>
public static class ImportCommand
{
    public static Command Build(CliIo io)
    {
        var file = new Argument<FileInfo>("file") { Description = "The file to import" };
        var format = EnumOption.Of<ImportFormat>("--format", "csv, jsonl or eth_phishing_detect (eth-phishing-detect's src/config.json)");
        format.Required = true;
        var type = EnumOption.Of<IdentifierType>("--type", "Identifier type for rows without a type column");
        var tlp = EnumOption.Of<Tlp>("--tlp", "TLP for rows without one: clear, green, amber, amber+strict, red");
        var distribution = EnumOption.Of<Distribution>("--distribution", "Distribution for rows without one: organisation, communities, node, federation");
        var categories = new Option<Category[]>("--category")
        {
            Description = "Category for rows without categories; repeat for several",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result => result.Tokens.Select(t => EnumOption.Parse<Category>(t.Value, result)).ToArray(),
        };
        var confidence = new Option<int?>("--confidence") { Description = "Confidence 0-100 for rows without one" };
        var communities = new Option<Guid[]>("--community") { Description = "Community to share with (distribution communities); repeat for several" };
        var organisation = new Option<Guid?>("--org") { Description = "Submit on behalf of this organisation (default: the node operator)" };
        var command = new Command("import", "Import indicators from a file; bad rows are reported with their line numbers")
        {
            file, format, type, tlp, distribution, categories, confidence, communities, organisation,
        };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await context.Error.WriteLineAsync($"error: {path.FullName} does not exist.");
                return CordonCli.Usage;
            }
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = parse.GetValue(organisation) is { } id
                ? await scope.ActorAsync(id, Role.Admin, cancellationToken)
                : await scope.OperatorAsync(cancellationToken);
            var defaults = new ImportDefaults(parse.GetValue(type), parse.GetValue(categories) is { Length: > 0 } c ? c : null,
                parse.GetValue(confidence), parse.GetValue(tlp), parse.GetValue(distribution),
                parse.GetValue(communities) is { Length: > 0 } g ? g : null);
            var importer = scope.Get<IndicatorImporter>();
            await using var stream = path.OpenRead();
            var report = await RunWithProgressAsync(context, path, progress =>
                importer.ImportAsync(actor, stream, parse.GetValue(format)!.Value, defaults, $"cli:{path.Name}", progress, cancellationToken));
            await WriteAsync(context, report);
            return report.Rows > 0 && report.Rejected == report.Rows ? CordonCli.Failure : CordonCli.Ok;
        });
        return command;
    }


    private static async Task<ImportReport> RunWithProgressAsync(CliContext context, FileInfo path,
        Func<IProgress<ImportProgress>, Task<ImportReport>> run)
    {
        var console = Output.Console(context.Output);
        if (context.Json || !console.Profile.Capabilities.Interactive)
        {
            return await run(new Progress<ImportProgress>());
        }
        ImportReport? report = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progressContext =>
            {
                var task = progressContext.AddTask($"importing {Markup.Escape(path.Name)}", maxValue: Math.Max(1, path.Length));
                report = await run(new InlineProgress(p =>
                {
                    task.Value = p.Bytes;
                    task.Description = $"importing {Markup.Escape(path.Name)}: {p.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows";
                }));
                task.Value = task.MaxValue;
            });
        return report!;
    }

    /// <summary>Reports synchronously on the importing thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class InlineProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    private static async Task WriteAsync(CliContext context, ImportReport report)
    {
        if (context.Json)
        {
            await Output.JsonAsync(context.Output, new
            {
                report.Sha256,
                report.Rows,
                report.Created,
                report.Updated,
                report.Rejected,
                report.Errors,
                Seconds = Math.Round(report.Elapsed.TotalSeconds, 3),
                RowsPerSecond = Math.Round(report.RowsPerSecond),
            });
            return;
        }
        var inv = CultureInfo.InvariantCulture;
        await context.Output.WriteLineAsync(string.Create(inv,
            $"Imported {report.Rows:N0} rows: {report.Created:N0} created, {report.Updated:N0} updated, {report.Rejected:N0} rejected " +
            $"in {report.Elapsed.TotalSeconds:F1} s ({report.RowsPerSecond:N0} rows/s). File SHA-256 {report.Sha256}."));
        foreach (var error in report.Errors.Take(20))
        {
            await context.Output.WriteLineAsync(string.Create(inv, $"  line {error.Line}: {error.Reason}"));
        }
        if (report.Rejected > 20)
        {
            await context.Output.WriteLineAsync(string.Create(inv, $"  … and {report.Rejected - 20:N0} more rejected rows (--json lists up to {ImportReport.MaxErrors})."));
        }
    }
}
