using System.CommandLine;
using Cordon.Application.Bulletins;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Cordon.Core.Text;

namespace Cordon.Cli.Commands;

/// <summary><c>cordon bulletin publish|list|show|ack</c></summary>
public static class BulletinCommands
{
    public static Command Build(CliIo io) => new("bulletin", "Modus-operandi bulletins: publish, list, show, acknowledge")
    {
        Publish(io), List(io), Show(io), Acknowledge(io),
    };

    private static Option<Guid?> Organisation() => new("--org") { Description = "Act for this organisation (default: the node operator)" };

    private static Option<T[]> Many<T>(string name, string description) where T : struct, Enum => new(name)
    {
        Description = description + "; repeat for several",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result => result.Tokens.Select(t => EnumOption.Parse<T>(t.Value, result)).ToArray(),
    };

    private static async Task<Caller> CallerAsync(CliScope scope, Guid? organisation, Role role, CancellationToken cancellationToken) =>
        await CliContext.CallerAsync(scope, organisation is { } id ? await scope.ActorAsync(id, role, cancellationToken) : await scope.OperatorAsync(cancellationToken),
            cancellationToken);

    private static Command Publish(CliIo io)
    {
        var organisation = Organisation();
        var language = new Option<string>("--language") { Description = "The text's language: en, zh-Hans, …", DefaultValueFactory = _ => "en" };
        var title = new Option<string>("--title") { Description = "Title", Required = true };
        var summary = new Option<string>("--summary") { Description = "One or two sentences", Required = true };
        var body = new Option<FileInfo>("--body-file") { Description = "The body, Markdown, from a file (UTF-8)", Required = true };
        var actions = new Option<string?>("--actions") { Description = "Recommended actions, one line per sector, e.g. 'bank: hold transfers to …'" };
        var severity = EnumOption.Of<Severity>("--severity", "low, medium, high or critical");
        severity.Required = true;
        var categories = Many<Category>("--category", "What kind of fraud");
        var sectors = Many<Sector>("--sector", "Sectors it affects");
        var countries = new Option<string[]>("--country") { Description = "Affected countries (ISO 3166-1 alpha-2); repeat for several", AllowMultipleArgumentsPerToken = true };
        var tlp = EnumOption.Of<Tlp>("--tlp", "clear, green, amber, amber+strict or red");
        tlp.Required = true;
        var distribution = EnumOption.Of<Distribution>("--distribution", "organisation, communities, node or federation");
        distribution.Required = true;
        var communities = new Option<Guid[]>("--community") { Description = "Communities (with --distribution communities)", AllowMultipleArgumentsPerToken = true };
        var indicators = new Option<Guid[]>("--indicator") { Description = "Linked indicators", AllowMultipleArgumentsPerToken = true };
        var cases = new Option<Guid[]>("--case") { Description = "Linked cases", AllowMultipleArgumentsPerToken = true };
        var publicAdvice = new Option<bool>("--public-advice") { Description = "Show it on the public check page (TLP:CLEAR, node or federation only)" };
        var command = new Command("publish", "Publish a bulletin; every member its marking lets see it is notified (bulletin.published)")
        {
            organisation, language, title, summary, body, actions, severity, categories, sectors, countries, tlp, distribution, communities, indicators, cases,
            publicAdvice,
        };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            var text = await File.ReadAllTextAsync(parse.GetValue(body)!.FullName, cancellationToken);
            await using var scope = await context.OpenAsync(cancellationToken);
            var caller = await CallerAsync(scope, parse.GetValue(organisation), Role.Analyst, cancellationToken);
            var view = await scope.Get<BulletinService>().PublishAsync(caller, new BulletinInput(parse.GetValue(language), parse.GetValue(title),
                parse.GetValue(summary), text, parse.GetValue(actions), parse.GetValue(severity), parse.GetValue(categories), parse.GetValue(countries),
                parse.GetValue(sectors), parse.GetValue(tlp), parse.GetValue(distribution), parse.GetValue(communities), parse.GetValue(indicators),
                parse.GetValue(cases), parse.GetValue(publicAdvice)), cancellationToken);
            await context.Output.WriteLineAsync(context.Json ? view.Bulletin.Id.ToString() : $"Published bulletin {view.Bulletin.Id}.");
            return CordonCli.Ok;
        });
        return command;
    }

    private static Command List(CliIo io)
    {
        var organisation = Organisation();
        var unread = new Option<bool>("--unread") { Description = "Only those the organisation has not acknowledged" };
        var command = new Command("list", "The newest bulletins the organisation may see") { organisation, unread };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var caller = await CallerAsync(scope, parse.GetValue(organisation), Role.Viewer, cancellationToken);
            var views = await scope.Get<BulletinService>().ListAsync(caller, parse.GetValue(unread), 100, cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, views.Select(v => new
                {
                    v.Bulletin.Id,
                    Severity = CordonJson.Name(v.Bulletin.Severity),
                    v.Bulletin.PublishedAt,
                    Author = v.Author.Name,
                    Title = v.Bulletin.Texts.OrderBy(t => t.AddedAt).First().Title,
                    Languages = v.Bulletin.Texts.Select(t => t.Language),
                    Acknowledged = v.Acknowledged.Select(CordonJson.Name),
                }));
                return CordonCli.Ok;
            }
            foreach (var view in views)
            {
                var first = view.Bulletin.Texts.OrderBy(t => t.AddedAt).First();
                await context.Output.WriteLineAsync($"{view.Bulletin.Id}  {view.Bulletin.PublishedAt:yyyy-MM-dd'T'HH:mm'Z'}  "
                                                    + $"{CordonJson.Name(view.Bulletin.Severity),-8}  {first.Title}  ({view.Author.Name})"
                                                    + (view.Acknowledged.Count == 0 ? "  [unread]" : ""));
            }
            return CordonCli.Ok;
        });
        return command;
    }

    private static Command Show(CliIo io)
    {
        var organisation = Organisation();
        var id = new Argument<Guid>("id") { Description = "The bulletin's id" };
        var command = new Command("show", "One bulletin in every language it has") { organisation, id };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var caller = await CallerAsync(scope, parse.GetValue(organisation), Role.Viewer, cancellationToken);
            var view = await scope.Get<BulletinService>().GetAsync(caller, parse.GetValue(id), cancellationToken);
            var b = view.Bulletin;
            await context.Output.WriteLineAsync($"Bulletin {b.Id} by {view.Author.Name}, {b.PublishedAt:yyyy-MM-dd'T'HH:mm'Z'}; severity "
                                                + $"{CordonJson.Name(b.Severity)}; TLP:{CordonJson.Name(b.Tlp).ToUpperInvariant()}; countries {b.Countries}; sectors {b.Sectors}");
            foreach (var text in b.Texts.OrderBy(t => t.AddedAt))
            {
                await context.Output.WriteLineAsync($"\n[{text.Language}] {text.Title}\n{text.Summary}\n\n{text.Body}");
                if (text.Actions is not null)
                {
                    await context.Output.WriteLineAsync($"\n{text.Actions}");
                }
            }
            return CordonCli.Ok;
        });
        return command;
    }

    private static Command Acknowledge(CliIo io)
    {
        var organisation = Organisation();
        var id = new Argument<Guid>("id") { Description = "The bulletin's id" };
        var kind = EnumOption.Of<AcknowledgementKind>("--kind", "read or acted");
        kind.DefaultValueFactory = _ => AcknowledgementKind.Read;
        var note = new Option<string?>("--note") { Description = "What was done" };
        var command = new Command("ack", "Acknowledge a bulletin for the organisation") { organisation, id, kind, note };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var caller = await CallerAsync(scope, parse.GetValue(organisation), Role.Viewer, cancellationToken);
            await scope.Get<BulletinService>().AcknowledgeAsync(caller, parse.GetValue(id), parse.GetValue(kind), parse.GetValue(note), cancellationToken);
            await context.Output.WriteLineAsync("Acknowledged.");
            return CordonCli.Ok;
        });
        return command;
    }
}
