using System.Text;
using Cordon.Application.Operations;
using Cordon.Core.Errors;
using Cordon.Core.Members;
using Cordon.Core.Text;
using Cordon.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cordon.Server.Operations;

public sealed record OperationSummary(Guid Id, string Name, Guid Lead, string LeadName, OperationStatus Status, IReadOnlyList<string> Countries,
    DateTimeOffset StartsAt, DateTimeOffset? EndsAt, DateTimeOffset ChangedAt, ParticipantRole Role, string? OriginNode);

public sealed record TargetResponse(Guid Id, TargetKind Kind, Guid ItemId, IReadOnlyList<Guid>? Cases, DateTimeOffset AddedAt);

public sealed record TaskResponse(Guid Id, string Title, Guid Assignee, DateTimeOffset? DueAt, TaskState State, string? Note, Guid CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt)
{
    public static TaskResponse From(OperationTask t) => new(t.Id, t.Title, t.AssigneeOrganisationId, t.DueAt, t.State, t.Note, t.CreatedByOrganisation,
        t.CreatedAt, t.ClosedAt);
}

public sealed record ResultResponse(Guid Id, Guid Organisation, string Country, ResultMeasure Measure, decimal Quantity, string? Currency, string? Note,
    DateTimeOffset ReportedAt, string? OriginNode)
{
    public static ResultResponse From(OperationResult r) => new(r.Id, r.OrganisationId, r.Country, r.Measure, r.Quantity, r.Currency, r.Note, r.ReportedAt,
        r.OriginNode);
}

public sealed record FigureResponse(string Measure, string? Currency, decimal FromRequests, decimal Reported, decimal Total);

public sealed record BoardRowResponse(string Key, string Name, IReadOnlyList<FigureResponse> Figures);

public sealed record BoardResponse(IReadOnlyList<FigureResponse> Totals, IReadOnlyList<BoardRowResponse> ByParticipant, IReadOnlyList<BoardRowResponse> ByCountry)
{
    public static BoardResponse From(OperationBoard board)
    {
        static List<FigureResponse> Figures(IReadOnlyList<BoardFigure> figures) =>
            figures.Select(f => new FigureResponse(f.Measure, f.Currency, f.FromRequests, f.Reported, f.Total)).ToList();
        return new(Figures(board.Totals), board.ByParticipant.Select(r => new BoardRowResponse(r.Key, r.Name, Figures(r.Figures))).ToList(),
            board.ByCountry.Select(r => new BoardRowResponse(r.Key, r.Name, Figures(r.Figures))).ToList());
    }
}

public sealed record OperationResponse(Guid Id, string Name, Guid Lead, string LeadName, string Objectives, IReadOnlyList<string> Countries,
    DateTimeOffset StartsAt, DateTimeOffset? EndsAt, OperationStatus Status, DateTimeOffset CreatedAt, DateTimeOffset ChangedAt, DateTimeOffset? ClosedAt,
    string? OriginNode, ParticipantRole Role, IReadOnlyList<ParticipantView> Participants, IReadOnlyList<TargetResponse> Targets,
    IReadOnlyList<TaskResponse> Tasks, IReadOnlyList<OperationRequestView> Requests, IReadOnlyList<ResultResponse> Results, BoardResponse Board,
    IReadOnlyList<TimelineEntry> Timeline)
{
    public static OperationResponse From(OperationView view)
    {
        var o = view.Operation;
        return new(o.Id, o.Name, o.LeadOrganisationId, view.LeadName, o.Objectives, Split(o.Countries), o.StartsAt, o.EndsAt, o.Status, o.CreatedAt,
            o.ChangedAt, o.ClosedAt, o.OriginNode, view.CallerRole, view.Participants,
            view.Targets.Select(t => new TargetResponse(t.Id, t.Kind, t.ItemId, t.Kind == TargetKind.Ring ? OperationService.RingCaseIds(t).ToList() : null,
                t.AddedAt)).ToList(),
            view.Tasks.Select(TaskResponse.From).ToList(), view.Requests, view.Results.Select(ResultResponse.From).ToList(), BoardResponse.From(view.Board),
            view.Timeline);
    }

    public static List<string> Split(string text) => text.Length == 0 ? [] : [.. text.Split(' ')];
}

/// <summary>Joint operations: open, list, read, change, participants, targets, tasks, results, board, timeline and report.</summary>
public static class OperationsApi
{
    public static void MapOperations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/operations").WithTags("Operations").RequireAuthorization(Policies.Read);
        group.MapPost("/", Create).RequireAuthorization(Policies.Respond).WithName("CreateOperation")
            .WithSummary("Open a joint operation led by your organisation, with its participants (of this node and of peer nodes)");
        group.MapGet("/", List).WithName("ListOperations").WithSummary("The operations your organisation takes part in; ?status=planning|active|closed");
        group.MapGet("/{id:guid}", Get).WithName("GetOperation")
            .WithSummary("One operation: participants, targets, tasks, requests filed under it, results, board and timeline (participants only)");
        group.MapPatch("/{id:guid}", Change).RequireAuthorization(Policies.Respond).WithName("ChangeOperation")
            .WithSummary("The lead changes name, objectives, countries, period or status (planning → active → closed)");
        group.MapPost("/{id:guid}/participants", AddParticipant).RequireAuthorization(Policies.Respond).WithName("AddOperationParticipant")
            .WithSummary("The lead adds a participant or observer (or changes its role)");
        group.MapDelete("/{id:guid}/participants/{organisationId:guid}", RemoveParticipant).RequireAuthorization(Policies.Respond)
            .WithName("RemoveOperationParticipant").WithSummary("The lead removes a participant");
        group.MapPost("/{id:guid}/targets", AddTarget).RequireAuthorization(Policies.Respond).WithName("AddOperationTarget")
            .WithSummary("Add a case, ring or indicator your organisation may see to the operation's targets");
        group.MapDelete("/{id:guid}/targets/{targetId:guid}", RemoveTarget).RequireAuthorization(Policies.Respond).WithName("RemoveOperationTarget")
            .WithSummary("Remove a target");
        group.MapPost("/{id:guid}/tasks", AddTask).RequireAuthorization(Policies.Respond).WithName("AddOperationTask")
            .WithSummary("A free task for a participant, with an optional deadline (requests are sent with \"operation\" in POST /api/v1/requests)");
        group.MapPatch("/{id:guid}/tasks/{taskId:guid}", ChangeTask).RequireAuthorization(Policies.Respond).WithName("ChangeOperationTask")
            .WithSummary("Mark a task done or cancelled, with a note (its assignee, its author or the lead)");
        group.MapPost("/{id:guid}/results", ReportResult).RequireAuthorization(Policies.Respond).WithName("ReportOperationResult")
            .WithSummary("Report a result by hand: arrests, suspects identified, victims contacted, amounts returned, devices seized…");
        group.MapGet("/{id:guid}/report", Report).WithName("OperationReport")
            .WithSummary("The operation's report (final once closed): ?format=json (default) or csv; the console prints it in English or Chinese");
        // The console's download links: the same report for the signed-in user.
        var console = WebConsole.ConsoleAuthentication.Reader();
        routes.MapGet("/console/operations/{id:guid}/report.csv", (Guid id, Caller caller, OperationService operations, CancellationToken cancellationToken) =>
            Report(id, caller, operations, "csv", cancellationToken)).RequireAuthorization(console).ExcludeFromDescription();
        routes.MapGet("/console/operations/{id:guid}/report.json", (Guid id, Caller caller, OperationService operations, CancellationToken cancellationToken) =>
            Report(id, caller, operations, "json", cancellationToken)).RequireAuthorization(console).ExcludeFromDescription();
    }

    private static async Task<Created<OperationResponse>> Create(OperationInput body, Caller caller, OperationService operations,
        CancellationToken cancellationToken)
    {
        var view = await operations.CreateAsync(caller, body, cancellationToken);
        return TypedResults.Created($"/api/v1/operations/{view.Operation.Id}", OperationResponse.From(view));
    }

    private static async Task<Ok<IReadOnlyList<OperationSummary>>> List(Caller caller, OperationService operations, string? status, int? limit,
        CancellationToken cancellationToken)
    {
        OperationStatus? wanted = status is null ? null
            : CordonJson.TryParse<OperationStatus>(status, out var s) ? s
            : throw new InvalidInputException("status", $"must be one of {CordonJson.Names<OperationStatus>()}.");
        var list = await operations.ListAsync(caller, wanted, limit ?? 100, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<OperationSummary>>(list.Select(x => new OperationSummary(x.Operation.Id, x.Operation.Name,
            x.Operation.LeadOrganisationId, x.LeadName, x.Operation.Status, OperationResponse.Split(x.Operation.Countries), x.Operation.StartsAt,
            x.Operation.EndsAt, x.Operation.ChangedAt, x.Role, x.Operation.OriginNode)).ToList());
    }

    private static async Task<Ok<OperationResponse>> Get(Guid id, Caller caller, OperationService operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(OperationResponse.From(await operations.GetAsync(caller, id, cancellationToken)));

    private static async Task<Ok<OperationResponse>> Change(Guid id, OperationChange body, Caller caller, OperationService operations,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(OperationResponse.From(await operations.ChangeAsync(caller, id, body, cancellationToken)));

    private static async Task<Ok<OperationResponse>> AddParticipant(Guid id, ParticipantInput body, Caller caller, OperationService operations,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(OperationResponse.From(await operations.AddParticipantAsync(caller, id, body, cancellationToken)));

    private static async Task<Ok<OperationResponse>> RemoveParticipant(Guid id, Guid organisationId, Caller caller, OperationService operations,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(OperationResponse.From(await operations.RemoveParticipantAsync(caller, id, organisationId, cancellationToken)));

    private static async Task<Ok<OperationResponse>> AddTarget(Guid id, TargetInput body, Caller caller, OperationService operations,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(OperationResponse.From(await operations.AddTargetAsync(caller, id, body, cancellationToken)));

    private static async Task<Ok<OperationResponse>> RemoveTarget(Guid id, Guid targetId, Caller caller, OperationService operations,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(OperationResponse.From(await operations.RemoveTargetAsync(caller, id, targetId, cancellationToken)));

    private static async Task<Created<TaskResponse>> AddTask(Guid id, TaskInput body, Caller caller, OperationService operations,
        CancellationToken cancellationToken)
    {
        var task = await operations.AddTaskAsync(caller, id, body, cancellationToken);
        return TypedResults.Created($"/api/v1/operations/{id}", TaskResponse.From(task));
    }

    private static async Task<Ok<TaskResponse>> ChangeTask(Guid id, Guid taskId, TaskChange body, Caller caller, OperationService operations,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(TaskResponse.From(await operations.ChangeTaskAsync(caller, id, taskId, body, cancellationToken)));

    private static async Task<Created<ResultResponse>> ReportResult(Guid id, ResultInput body, Caller caller, OperationService operations,
        CancellationToken cancellationToken)
    {
        var result = await operations.ReportResultAsync(caller, id, body, cancellationToken);
        return TypedResults.Created($"/api/v1/operations/{id}", ResultResponse.From(result));
    }

    private static async Task<IResult> Report(Guid id, Caller caller, OperationService operations, string? format, CancellationToken cancellationToken)
    {
        if (format is not (null or "json" or "csv"))
        {
            throw new InvalidInputException("format", "must be json or csv.");
        }
        var view = await operations.GetAsync(caller, id, cancellationToken);
        var name = $"operation-{id:N}-{(view.Operation.Status == OperationStatus.Closed ? "final" : "interim")}";
        return format == "csv"
            ? TypedResults.File(Encoding.UTF8.GetBytes(OperationReport.Csv(view)), "text/csv; charset=utf-8", name + ".csv")
            : TypedResults.Json(new { report = view.Operation.Status == OperationStatus.Closed ? "final" : "interim", operation = OperationResponse.From(view) },
                CordonJson.Options);
    }
}
