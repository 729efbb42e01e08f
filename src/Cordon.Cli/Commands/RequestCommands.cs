using System.CommandLine;
using System.Globalization;
using Cordon.Application.Response;
using Cordon.Core.Members;
using Cordon.Core.Response;
using Cordon.Core.Text;

namespace Cordon.Cli.Commands;

/// <summary>
/// <c>cordon request list|show|ack|action|decline</c> and <c>cordon webhook test</c>, directly against the store, acting
/// for the organisation given with <c>--org</c> (the local operator is trusted to act for any member).
/// </summary>
public static class RequestCommands
{
    public static Command Build(CliIo io)
    {
        var command = new Command("request", "Response requests (freeze, block, take down, preserve, under attack)")
        {
            List(io), Show(io),
            Transition(io, "ack", "Acknowledge a request you received", RequestAction.Acknowledge),
            Transition(io, "action", "Report a request as actioned, with its outcome", RequestAction.Action),
            Transition(io, "decline", "Decline a request, with the reason", RequestAction.Decline),
        };
        return command;
    }

    public static Command BuildWebhook(CliIo io)
    {
        var organisation = Organisation();
        var test = new Command("test", "Send a webhook.test event to every endpoint of the organisation") { organisation };
        test.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.ActorAsync(parse.GetValue(organisation), Role.Admin, cancellationToken);
            await scope.Get<WebhookService>().TestAsync(actor, cancellationToken);
            await context.Output.WriteLineAsync("Queued a webhook.test event; the server's dispatcher delivers it.");
            return CordonCli.Ok;
        });
        return new Command("webhook", "Webhook endpoints") { test };
    }

    private static Option<Guid> Organisation() => new("--org") { Description = "Act for this organisation (id)", Required = true };

    private static Command List(CliIo io)
    {
        var organisation = Organisation();
        var box = new Option<string?>("--box") { Description = "sent, received or all (default)" };
        var list = new Command("list", "Requests the organisation sent or received") { organisation, box };
        list.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.ActorAsync(parse.GetValue(organisation), Role.Viewer, cancellationToken);
            var requests = await scope.Get<RequestService>().ListAsync(await CliContext.CallerAsync(scope, actor, cancellationToken), parse.GetValue(box), null, null, 1000, cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, requests.Select(Summary));
                return CordonCli.Ok;
            }
            Output.Table(context.Output, ["id", "kind", "priority", "state", "sent", "acknowledge due"], requests.Select(r => new[]
            {
                r.Id.ToString(), CordonJson.Name(r.Kind), CordonJson.Name(r.Priority), CordonJson.Name(r.State),
                r.SentAt.ToString("u", CultureInfo.InvariantCulture), r.AcknowledgeDueAt.ToString("u", CultureInfo.InvariantCulture),
            }));
            return CordonCli.Ok;
        });
        return list;
    }

    private static Command Show(CliIo io)
    {
        var organisation = Organisation();
        var id = new Argument<Guid>("id") { Description = "Request id" };
        var show = new Command("show", "One request with its history") { id, organisation };
        show.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.ActorAsync(parse.GetValue(organisation), Role.Viewer, cancellationToken);
            var view = await scope.Get<RequestService>().GetAsync(await CliContext.CallerAsync(scope, actor, cancellationToken), parse.GetValue(id), cancellationToken);
            await Output.JsonAsync(context.Output, new
            {
                request = Summary(view.Request),
                view.Request.Targets,
                view.Request.LegalBasis,
                view.Request.Outcome,
                view.Request.DeclineReason,
                history = RequestEvent.Timeline(view).Select(e => new { e.At, e.Kind, e.From, e.State, e.By, e.Note, e.Breach, e.Step, e.Notify, e.Told }),
            });
            return CordonCli.Ok;
        });
        return show;
    }

    private static Command Transition(CliIo io, string name, string description, RequestAction action)
    {
        var organisation = Organisation();
        var id = new Argument<Guid>("id") { Description = "Request id" };
        var outcome = new Option<string?>("--outcome") { Description = "What was done (action)" };
        var frozen = new Option<decimal?>("--amount-frozen") { Description = "Amount frozen (action on a freeze request)" };
        var currency = new Option<string?>("--currency") { Description = "Currency of the amount frozen" };
        var reason = new Option<string?>("--reason") { Description = "Why the request is declined (decline)" };
        var command = new Command(name, description) { id, organisation, outcome, frozen, currency, reason };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.ActorAsync(parse.GetValue(organisation), Role.Responder, cancellationToken);
            var request = await scope.Get<RequestService>().TransitionAsync(await CliContext.CallerAsync(scope, actor, cancellationToken), parse.GetValue(id), action,
                new Outcome(parse.GetValue(outcome), parse.GetValue(frozen), parse.GetValue(currency), parse.GetValue(reason)), cancellationToken);
            await context.Output.WriteLineAsync($"Request {request.Id} is now {RequestWorkflow.Name(request.State)}.");
            return CordonCli.Ok;
        });
        return command;
    }

    private static object Summary(ResponseRequest r) => new
    {
        r.Id,
        r.Kind,
        r.Priority,
        r.State,
        r.SenderId,
        r.RecipientId,
        r.CommunityId,
        r.SentAt,
        r.AcknowledgeDueAt,
        r.ActionDueAt,
        r.Amount,
        r.Currency,
        r.AmountFrozen,
    };

}
