using System.CommandLine;
using Cordon.Application.Feeds;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Sharing;
using Cordon.Core.Text;

namespace Cordon.Cli.Commands;

/// <summary><c>cordon feed add|list|run</c>: scheduled imports, against the store directly.</summary>
public static class FeedCommands
{
    public static Command Build(CliIo io) => new("feed", "Feeds: MISP feeds, lists and CSV, STIX bundles, remote TAXII collections") { Add(io), List(io), Run(io) };

    private static Command Add(CliIo io)
    {
        var name = new Option<string>("--name") { Description = "A name for the feed", Required = true };
        var kind = EnumOption.Of<FeedKind>("--kind", "misp, list, csv, stix or taxii");
        kind.Required = true;
        var location = new Option<string>("--location")
        {
            Description = "An http(s) URL or an absolute path: a MISP feed's folder (holding manifest.json), the list, CSV or bundle file, or a TAXII API root",
            Required = true,
        };
        var type = EnumOption.Of<IdentifierType>("--type", "For a plain list: the identifier type of its values");
        var tlp = EnumOption.Of<Tlp>("--tlp", "TLP for what the feed does not mark (default green)");
        var distribution = EnumOption.Of<Distribution>("--distribution", "organisation, node (default) or federation");
        var categories = new Option<Category[]>("--category")
        {
            Description = "Category for what the feed does not categorise (default other); repeat for several",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result => result.Tokens.Select(t => EnumOption.Parse<Category>(t.Value, result)).ToArray(),
        };
        var confidence = new Option<int?>("--confidence") { Description = "Confidence 0-100 (default 50)" };
        var collection = new Option<string?>("--collection") { Description = "For TAXII: the collection id" };
        var username = new Option<string?>("--username") { Description = "For TAXII: the HTTP Basic user name (bearer when left out)" };
        var secretStdin = new Option<bool>("--secret-stdin") { Description = "For TAXII: read the secret from the first line of standard input" };
        var interval = new Option<int?>("--interval") { Description = "Minutes between runs (default 60; 0: only when asked)" };
        var command = new Command("add", "Add a feed; the scheduler runs it every --interval minutes")
        {
            name, kind, location, type, tlp, distribution, categories, confidence, collection, username, secretStdin, interval,
        };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            var secret = parse.GetValue(secretStdin) ? (await context.Input.ReadLineAsync(cancellationToken))?.TrimEnd('\r') : null;
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.OperatorAsync(cancellationToken);
            var feed = await scope.Get<FeedDirectory>().AddAsync(actor, new FeedSpec(parse.GetValue(name),
                parse.GetValue(kind), parse.GetValue(location), parse.GetValue(type), parse.GetValue(tlp),
                parse.GetValue(categories) is { Length: > 0 } c ? c : null, parse.GetValue(confidence), parse.GetValue(distribution),
                parse.GetValue(collection), parse.GetValue(username), secret, parse.GetValue(interval)), cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, new { feed.Id, feed.Name, kind = CordonJson.Name(feed.Kind), feed.OrganisationId });
            }
            else
            {
                await context.Output.WriteLineAsync($"Feed {feed.Name} added ({feed.Id}); its reports are filed by the organisation {feed.OrganisationId:D}.");
            }
            return CordonCli.Ok;
        });
        return command;
    }

    private static Command List(CliIo io)
    {
        var command = new Command("list", "Feeds with their last run, counts and errors");
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var feeds = await scope.Get<FeedDirectory>().ListAsync(cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, feeds.Select(f => new
                {
                    f.Id,
                    f.Name,
                    kind = CordonJson.Name(f.Kind),
                    location = FeedSource.Redacted(f.Location),
                    f.IntervalMinutes,
                    f.LastRunAt,
                    f.LastSuccessAt,
                    f.LastError,
                    f.LastRows,
                    f.LastCreated,
                    f.LastUpdated,
                    f.LastRejected,
                    lastRowErrors = f.LastRowErrors?.Split('\n') ?? [],
                    f.RetryAfter,
                }));
                return CordonCli.Ok;
            }
            if (feeds.Count == 0)
            {
                await context.Output.WriteLineAsync("No feeds.");
            }
            foreach (var f in feeds)
            {
                await context.Output.WriteLineAsync($"{f.Name}  {CordonJson.Name(f.Kind)}  {FeedSource.Redacted(f.Location)}  last run {f.LastRunAt?.ToString("u") ?? "never"}: "
                                                    + $"{f.LastRows} rows, {f.LastCreated} created, {f.LastUpdated} updated, {f.LastRejected} refused"
                                                    + (f.LastError is null ? "" : $"  error: {f.LastError}"));
            }
            return CordonCli.Ok;
        });
        return command;
    }

    private static Command Run(CliIo io)
    {
        var feedName = new Argument<string>("feed") { Description = "The feed's name or id" };
        var command = new Command("run", "Run a feed now") { feedName };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var feed = await scope.Get<FeedDirectory>().FindAsync(parse.GetValue(feedName)!, cancellationToken);
            var report = await scope.Get<FeedRunner>().RunAsync(feed.Id, cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, report);
            }
            else
            {
                await context.Output.WriteLineAsync($"{report.Feed}: {report.Rows} rows, {report.Created} created, {report.Updated} updated, {report.Rejected} refused.");
                foreach (var error in report.RowErrors)
                {
                    await context.Output.WriteLineAsync($"  {error}");
                }
                if (report.Error is not null)
                {
                    await context.Error.WriteLineAsync($"error: {report.Error}");
                }
            }
            return report.Error is null ? CordonCli.Ok : CordonCli.Failure;
        });
        return command;
    }
}
