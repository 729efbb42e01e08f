using System.CommandLine;
using Cordon.Application.Operations;
using Cordon.Core.Members;
using Cordon.Core.Text;

namespace Cordon.Cli.Commands;

/// <summary><c>cordon operation create|list|show|status|participant|task|result|report</c></summary>
public static class OperationCommands
{
    public static Command Build(CliIo io) => new("operation", "Joint operations: open, follow, add participants, tasks and results, report")
    {
        Create(io), List(io), Show(io), Status(io), Participant(io), AddTask(io), Result(io), Report(io),
    };

    private static Option<Guid?> Organisation() => new("--org") { Description = "Act for this organisation (default: the node operator)" };

    private static Argument<Guid> Id() => new("id") { Description = "The operation's id" };

    private static async Task<Caller> CallerAsync(CliScope scope, Guid? organisation, Role role, CancellationToken cancellationToken) =>
        await CliContext.CallerAsync(scope, organisation is { } id ? await scope.ActorAsync(id, role, cancellationToken) : await scope.OperatorAsync(cancellationToken),
            cancellationToken);

    private static Command Create(CliIo io)
    {
        var organisation = Organisation();
        var name = new Option<string>("--name") { Description = "The operation's name", Required = true };
        var objectives = new Option<string>("--objectives") { Description = "What it sets out to do", Required = true };
        var countries = new Option<string[]>("--country") { Description = "Countries (ISO 3166-1 alpha-2); repeat for several", AllowMultipleArgumentsPerToken = true };
        var starts = new Option<DateTimeOffset?>("--starts") { Description = "When it starts (ISO 8601; default now)" };
        var ends = new Option<DateTimeOffset?>("--ends") { Description = "When it ends (ISO 8601)" };
        var participants = new Option<Guid[]>("--participant") { Description = "A participating organisation's id; repeat for several", AllowMultipleArgumentsPerToken = true };
        var observers = new Option<Guid[]>("--observer") { Description = "An observing organisation's id; repeat for several", AllowMultipleArgumentsPerToken = true };
        var command = new Command("create", "Open an operation led by the organisation") { organisation, name, objectives, countries, starts, ends, participants, observers };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var caller = await CallerAsync(scope, parse.GetValue(organisation), Role.Responder, cancellationToken);
            var members = (parse.GetValue(participants) ?? []).Select(p => new ParticipantInput(p, ParticipantRole.Participant))
                .Concat((parse.GetValue(observers) ?? []).Select(o => new ParticipantInput(o, ParticipantRole.Observer))).ToList();
            var view = await scope.Get<OperationService>().CreateAsync(caller, new OperationInput(parse.GetValue(name), parse.GetValue(objectives),
                parse.GetValue(countries), parse.GetValue(starts), parse.GetValue(ends), members), cancellationToken);
            await context.Output.WriteLineAsync(context.Json ? view.Operation.Id.ToString() : $"Opened operation {view.Operation.Id} (planning).");
            return CordonCli.Ok;
        });
        return command;
    }

    private static Command List(CliIo io)
    {
        var organisation = Organisation();
        var command = new Command("list", "The operations the organisation takes part in") { organisation };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var caller = await CallerAsync(scope, parse.GetValue(organisation), Role.Viewer, cancellationToken);
            var list = await scope.Get<OperationService>().ListAsync(caller, null, 200, cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, list.Select(x => new
                {
                    x.Operation.Id,
                    x.Operation.Name,
                    Status = CordonJson.Name(x.Operation.Status),
                    Lead = x.LeadName,
                    Role = CordonJson.Name(x.Role),
                    x.Operation.ChangedAt,
                }));
                return CordonCli.Ok;
            }
            foreach (var (operation, lead, role) in list)
            {
                await context.Output.WriteLineAsync($"{operation.Id}  {CordonJson.Name(operation.Status),-8}  {operation.Name}  (lead {lead}; {CordonJson.Name(role)})");
            }
            return CordonCli.Ok;
        });
        return command;
    }

    private static Command Show(CliIo io)
    {
        var organisation = Organisation();
        var id = Id();
        var command = new Command("show", "One operation: participants, tasks and the results board") { organisation, id };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var caller = await CallerAsync(scope, parse.GetValue(organisation), Role.Viewer, cancellationToken);
            var view = await scope.Get<OperationService>().GetAsync(caller, parse.GetValue(id), cancellationToken);
            var o = view.Operation;
            await context.Output.WriteLineAsync($"{o.Name} ({CordonJson.Name(o.Status)}), led by {view.LeadName}; countries {o.Countries}; "
                                                + $"from {o.StartsAt:yyyy-MM-dd'T'HH:mm'Z'}{(o.EndsAt is { } end ? $" to {end:yyyy-MM-dd'T'HH:mm'Z'}" : "")}");
            await context.Output.WriteLineAsync(o.Objectives);
            await context.Output.WriteLineAsync("\nParticipants:");
            foreach (var p in view.Participants)
            {
                await context.Output.WriteLineAsync($"  {p.OrganisationId}  {CordonJson.Name(p.Role),-11}  {p.Name} ({p.Country}{(p.Node is null ? "" : ", " + p.Node)})");
            }
            await context.Output.WriteLineAsync($"\nRequests: {view.Requests.Count}; tasks: {view.Tasks.Count} ({view.Tasks.Count(t => t.State == TaskState.Done)} done)");
            await context.Output.WriteLineAsync("\nResults:");
            foreach (var f in view.Board.Totals)
            {
                await context.Output.WriteLineAsync($"  {f.Measure}{(f.Currency is null ? "" : " " + f.Currency)}: {f.Total:0.####} "
                                                    + $"(requests {f.FromRequests:0.####}, reported {f.Reported:0.####})");
            }
            return CordonCli.Ok;
        });
        return command;
    }

    private static Command Status(CliIo io)
    {
        var organisation = Organisation();
        var id = Id();
        var status = EnumOption.Of<OperationStatus>("--to", "active or closed");
        status.Required = true;
        var command = new Command("status", "Move the operation on (its lead): planning → active → closed") { organisation, id, status };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var caller = await CallerAsync(scope, parse.GetValue(organisation), Role.Responder, cancellationToken);
            var view = await scope.Get<OperationService>().ChangeAsync(caller, parse.GetValue(id),
                new OperationChange(null, null, null, null, null, parse.GetValue(status)), cancellationToken);
            await context.Output.WriteLineAsync($"The operation is {CordonJson.Name(view.Operation.Status)}.");
            return CordonCli.Ok;
        });
        return command;
    }

    private static Command Participant(CliIo io)
    {
        var organisation = Organisation();
        var id = Id();
        var member = new Option<Guid>("--member") { Description = "The organisation to add (of this node or of a peer node)", Required = true };
        var role = EnumOption.Of<ParticipantRole>("--role", "participant or observer");
        role.DefaultValueFactory = _ => ParticipantRole.Participant;
        var command = new Command("participant", "Add a participant or observer (the lead)") { organisation, id, member, role };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var caller = await CallerAsync(scope, parse.GetValue(organisation), Role.Responder, cancellationToken);
            await scope.Get<OperationService>().AddParticipantAsync(caller, parse.GetValue(id),
                new ParticipantInput(parse.GetValue(member), parse.GetValue(role)), cancellationToken);
            await context.Output.WriteLineAsync("Added.");
            return CordonCli.Ok;
        });
        return command;
    }

    private static Command AddTask(CliIo io)
    {
        var organisation = Organisation();
        var id = Id();
        var title = new Option<string>("--title") { Description = "What is to be done", Required = true };
        var assignee = new Option<Guid>("--assignee") { Description = "The participant who is to do it", Required = true };
        var due = new Option<DateTimeOffset?>("--due") { Description = "By when (ISO 8601)" };
        var command = new Command("task", "Add a free task for a participant") { organisation, id, title, assignee, due };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var caller = await CallerAsync(scope, parse.GetValue(organisation), Role.Responder, cancellationToken);
            var task = await scope.Get<OperationService>().AddTaskAsync(caller, parse.GetValue(id),
                new TaskInput(parse.GetValue(title), parse.GetValue(assignee), parse.GetValue(due)), cancellationToken);
            await context.Output.WriteLineAsync(context.Json ? task.Id.ToString() : $"Task {task.Id} added.");
            return CordonCli.Ok;
        });
        return command;
    }

    private static Command Result(CliIo io)
    {
        var organisation = Organisation();
        var id = Id();
        var measure = EnumOption.Of<ResultMeasure>("--measure", "arrests, suspects_identified, victims_contacted, amount_returned, devices_seized, …");
        measure.Required = true;
        var quantity = new Option<decimal>("--quantity") { Description = "How many, or how much", Required = true };
        var currency = new Option<string?>("--currency") { Description = "ISO 4217, for amounts" };
        var country = new Option<string?>("--country") { Description = "Where (ISO 3166-1 alpha-2; default the organisation's)" };
        var note = new Option<string?>("--note") { Description = "A note" };
        var command = new Command("result", "Report a result by hand") { organisation, id, measure, quantity, currency, country, note };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var caller = await CallerAsync(scope, parse.GetValue(organisation), Role.Responder, cancellationToken);
            await scope.Get<OperationService>().ReportResultAsync(caller, parse.GetValue(id), new ResultInput(parse.GetValue(measure), parse.GetValue(quantity),
                parse.GetValue(currency), parse.GetValue(country), parse.GetValue(note)), cancellationToken);
            await context.Output.WriteLineAsync("Reported.");
            return CordonCli.Ok;
        });
        return command;
    }

    private static Command Report(CliIo io)
    {
        var organisation = Organisation();
        var id = Id();
        var command = new Command("report", "The results board as CSV (final once the operation is closed); --json for everything") { organisation, id };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var caller = await CallerAsync(scope, parse.GetValue(organisation), Role.Viewer, cancellationToken);
            var view = await scope.Get<OperationService>().GetAsync(caller, parse.GetValue(id), cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, new
                {
                    Report = view.Operation.Status == OperationStatus.Closed ? "final" : "interim",
                    view.Operation.Id,
                    view.Operation.Name,
                    Board = view.Board,
                    view.Participants,
                });
                return CordonCli.Ok;
            }
            await context.Output.WriteAsync(OperationReport.Csv(view));
            return CordonCli.Ok;
        });
        return command;
    }
}
