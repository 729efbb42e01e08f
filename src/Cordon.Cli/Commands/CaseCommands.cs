using System.CommandLine;
using System.Globalization;
using Cordon.Application.Cases;
using Cordon.Core.Members;
using Cordon.Core.Text;

namespace Cordon.Cli.Commands;

/// <summary>
/// <c>cordon case import|list|show</c> and <c>cordon graph rings</c>, directly against the store, acting for the organisation
/// given with <c>--org</c>; what they show is what that organisation may see.
/// </summary>
public static class CaseCommands
{
    public static Command Build(CliIo io) => new("case", "Cases from victim reports") { Import(io), List(io), Show(io) };

    public static Command BuildGraph(CliIo io) => new("graph", "Link analysis over the cases an organisation may see") { Rings(io) };

    private static Option<Guid> Organisation() => new("--org") { Description = "Act for this organisation (id)", Required = true };

    private static Command Import(CliIo io)
    {
        var organisation = Organisation();
        var file = new Argument<FileInfo>("file") { Description = "A CSV (header category,loss_amount,…) or JSON lines file" };
        var format = new Option<string?>("--format") { Description = "csv or jsonl (default: from the file extension)" };
        var command = new Command("import", "Import cases; each bad row is reported with its line, the good rows are committed together")
        {
            file, organisation, format,
        };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var formatName = parse.GetValue(format) ?? (path.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "jsonl");
            if (!CordonJson.TryParse<CaseFileFormat>(formatName, out var fileFormat))
            {
                throw new Core.Errors.InvalidInputException("--format", "must be csv or jsonl.");
            }
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.ActorAsync(parse.GetValue(organisation), Role.Analyst, cancellationToken);
            await using var stream = path.OpenRead();
            var rows = await CaseRows.ReadAsync(stream, fileFormat, cancellationToken);
            var results = await scope.Get<CaseService>().ImportAsync(await CliContext.CallerAsync(scope, actor, cancellationToken), rows, "cli", cancellationToken);
            var rejected = results.Where(r => r.Status == CaseRowStatus.Rejected).ToList();
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, results);
            }
            else
            {
                foreach (var row in rejected)
                {
                    await context.Output.WriteLineAsync($"line {row.Line}: {row.Error}");
                }
                await context.Output.WriteLineAsync($"{results.Count - rejected.Count} cases created, {rejected.Count} rows rejected.");
            }
            return rejected.Count == 0 ? CordonCli.Ok : CordonCli.Failure;
        });
        return command;
    }

    private static Command List(CliIo io)
    {
        var organisation = Organisation();
        var status = EnumOption.Of<Core.Cases.CaseStatus>("--status", "Only cases in this status");
        var category = EnumOption.Of<Core.Indicators.Category>("--category", "Only cases of this category");
        var country = new Option<string?>("--country") { Description = "Only cases whose victim lives in this country (ISO 3166 code)" };
        var reference = new Option<string?>("--reference") { Description = "Only the case with this reference (e.g. a victim's VR-… number)" };
        var mine = new Option<bool>("--mine") { Description = "Only the organisation's own cases" };
        var after = new Option<string?>("--after") { Description = "The next value a previous page printed" };
        var limit = new Option<int>("--limit") { Description = "Cases per page (1-1000)", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "The cases the organisation may see, newest first, a page at a time")
        {
            organisation, status, category, country, reference, mine, after, limit,
        };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.ActorAsync(parse.GetValue(organisation), Role.Viewer, cancellationToken);
            var (cases, next) = await scope.Get<CaseService>().ListAsync(await CliContext.CallerAsync(scope, actor, cancellationToken),
                new CaseQuery(parse.GetValue(status), parse.GetValue(category), parse.GetValue(country), parse.GetValue(reference), parse.GetValue(mine),
                    parse.GetValue(after), parse.GetValue(limit)), cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, new
                {
                    Cases = cases.Select(c => new
                    {
                        c.Id,
                        c.Reference,
                        Category = CordonJson.Name(c.Category),
                        Loss = new { Amount = c.LossAmount, Currency = c.LossCurrency },
                        c.VictimCountry,
                        c.OccurredAt,
                        Status = CordonJson.Name(c.Status),
                        Tlp = CordonJson.Name(c.Tlp),
                    }),
                    Next = next,
                });
                return CordonCli.Ok;
            }
            Output.Table(context.Output, ["id", "reference", "category", "loss", "country", "occurred", "status"], cases.Select(c => new[]
            {
                c.Id.ToString(), c.Reference ?? "", CordonJson.Name(c.Category),
                $"{c.LossAmount.ToString("N2", CultureInfo.InvariantCulture)} {c.LossCurrency}", c.VictimCountry,
                c.OccurredAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CordonJson.Name(c.Status),
            }));
            if (next is not null)
            {
                await context.Output.WriteLineAsync($"More: --after {next}");
            }
            return CordonCli.Ok;
        });
        return command;
    }

    private static Command Show(CliIo io)
    {
        var organisation = Organisation();
        var id = new Argument<Guid>("id") { Description = "Case id" };
        var command = new Command("show", "One case with what the network knows about its identifiers") { id, organisation };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.ActorAsync(parse.GetValue(organisation), Role.Viewer, cancellationToken);
            var view = await scope.Get<CaseService>().GetAsync(await CliContext.CallerAsync(scope, actor, cancellationToken), parse.GetValue(id), cancellationToken);
            var c = view.Case;
            await Output.JsonAsync(context.Output, new
            {
                c.Id,
                Reporter = view.Reporter.Name,
                Category = CordonJson.Name(c.Category),
                Loss = new { Amount = c.LossAmount, Currency = c.LossCurrency },
                c.VictimCountry,
                c.OccurredAt,
                Status = CordonJson.Name(c.Status),
                Tlp = CordonJson.Name(c.Tlp),
                Distribution = CordonJson.Name(c.Distribution),
                c.Reference,
                Identifiers = view.Correlations.Select(k => new
                {
                    Type = CordonJson.Name(k.Identifier.Type),
                    Value = k.Identifier.Display,
                    k.NonCorrelating,
                    k.Reports,
                    k.OtherCases,
                    k.Organisations,
                    k.Countries,
                }),
                Notes = view.Notes.Select(n => new { n.Author, n.Text, n.CreatedAt }),
                Attachments = view.Attachments.Select(a => new { a.FileName, a.Size, a.Sha256 }),
            });
            return CordonCli.Ok;
        });
        return command;
    }

    private static Command Rings(CliIo io)
    {
        var organisation = Organisation();
        var top = new Option<int>("--top") { Description = "How many rings (largest first)", DefaultValueFactory = _ => 20 };
        var command = new Command("rings", "Connected networks of cases joined by shared identifiers") { organisation, top };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.ActorAsync(parse.GetValue(organisation), Role.Viewer, cancellationToken);
            var graph = scope.Get<GraphService>();
            var answer = await graph.RingsAsync(await CliContext.CallerAsync(scope, actor, cancellationToken), parse.GetValue(top), cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, answer.Result);
                return CordonCli.Ok;
            }
            Output.Table(context.Output, ["ring", "cases", "identifiers", "shared", $"loss ({graph.RateTable.ReportingCurrency})", "countries", "members", "top shared identifier"],
                answer.Result.Select(r => new[]
                {
                    r.Id.ToString(), r.Cases.ToString(CultureInfo.InvariantCulture), r.Identifiers.ToString(CultureInfo.InvariantCulture),
                    r.SharedIdentifiers.ToString(CultureInfo.InvariantCulture),
                    r.TotalLoss.ToString("N2", CultureInfo.InvariantCulture) + (r.UnconvertedLosses > 0 ? $" (+{r.UnconvertedLosses} unconverted)" : ""),
                    string.Join(' ', r.Countries), r.Organisations.ToString(CultureInfo.InvariantCulture),
                    r.SharedIdentifierIds.Count > 0 ? $"{CordonJson.Name(answer.Identifiers[r.SharedIdentifierIds[0]].Type)} {answer.Identifiers[r.SharedIdentifierIds[0]].Display}" : "",
                }));
            return CordonCli.Ok;
        });
        return command;
    }

}
