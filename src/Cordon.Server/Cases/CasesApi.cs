using Cordon.Application.Cases;
using Cordon.Core.Cases;
using Cordon.Core.Errors;
using Cordon.Core.Members;
using Cordon.Server.Auth;
using Cordon.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cordon.Server.Cases;

/// <summary>Cases from victim reports, their correlations, notes and attachments, bulk import, and the correlation feed.</summary>
public static class CasesApi
{
    private const long MaxImportBytes = 64L * 1024 * 1024;

    public static RouteGroupBuilder MapCases(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/cases").WithTags("Cases").RequireAuthorization(Policies.Read);
        group.MapPost("/", Create).RequireAuthorization(Policies.Contribute).WithName("CreateCase")
            .WithSummary("Report a case; the answer shows what else the network knows about its identifiers");
        group.MapGet("/", List).WithName("ListCases")
            .WithSummary("The cases the caller may see, newest first; filters status, category, country, reference, mine=true; keyset paging (after=next)");
        group.MapGet("/{id:guid}", Get).WithName("GetCase");
        group.MapGet("/{id:guid}/correlations", Correlations).WithName("CaseCorrelations")
            .WithSummary("Every other visible case and indicator that shares an identifier with the case");
        group.MapPost("/{id:guid}/status", SetStatus).RequireAuthorization(Policies.Contribute).WithName("SetCaseStatus");
        group.MapPost("/{id:guid}/notes", AddNote).RequireAuthorization(Policies.Contribute).WithName("AddCaseNote");
        group.MapPost("/{id:guid}/attachments", Attach).RequireAuthorization(Policies.Contribute).WithName("AttachToCase")
            .WithMetadata(new RequestSizeLimitAttribute(Application.Members.AttachedFile.MaxBytes + 1))
            .WithSummary("Attach a file (the body; fileName as a query parameter); it is kept with its SHA-256");
        group.MapGet("/{id:guid}/attachments/{attachmentId:guid}", Attachment).WithName("GetCaseAttachment");
        routes.MapGet("/console/cases/{id:guid}/attachments/{attachmentId:guid}", Attachment)
            .RequireAuthorization(WebConsole.ConsoleAuthentication.Reader())
            .ExcludeFromDescription();
        group.MapPost("/import", Import).RequireAuthorization(Policies.Contribute).WithName("ImportCases")
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .WithSummary("Import cases from a file (the body): format=csv|jsonl; per-row results, good rows committed together");
        routes.MapGet("/api/v1/correlations", Feed).WithTags("Cases").RequireAuthorization(Policies.Read).WithName("CorrelationFeed")
            .WithSummary("New links between a case and other visible reports, oldest first; pass cursor back as after");
        return group;
    }

    private static async Task<Created<CaseResponse>> Create(CaseSubmission body, Caller caller, CaseService cases, GraphService graph,
        CancellationToken cancellationToken)
    {
        var view = await cases.CreateAsync(caller, body, cancellationToken);
        return TypedResults.Created($"/api/v1/cases/{view.Case.Id}", CaseResponse.From(view, graph.RateTable));
    }

    private static async Task<Ok<CasePageResponse>> List(Caller caller, CaseService cases, GraphService graph, string? status, string? category,
        string? country, string? reference, bool? mine, string? after, int? limit, CancellationToken cancellationToken)
    {
        var (page, next) = await cases.ListAsync(caller, new CaseQuery(QueryEnum.Parse<CaseStatus>(status, "status"),
            QueryEnum.Parse<Core.Indicators.Category>(category, "category"), country, reference, mine == true, after, limit ?? 100), cancellationToken);
        return TypedResults.Ok(new CasePageResponse(page.Select(c => CaseSummaryResponse.From(c, graph.RateTable)).ToList(), next));
    }

    private static async Task<Ok<CaseResponse>> Get(Guid id, Caller caller, CaseService cases, GraphService graph, CancellationToken cancellationToken) =>
        TypedResults.Ok(CaseResponse.From(await cases.GetAsync(caller, id, cancellationToken), graph.RateTable));

    private static async Task<Ok<IReadOnlyList<CorrelationResponse>>> Correlations(Guid id, Caller caller, CaseService cases,
        CancellationToken cancellationToken)
    {
        var view = await cases.GetAsync(caller, id, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<CorrelationResponse>>(view.Correlations.Select(CorrelationResponse.From).ToList());
    }

    private static async Task<Ok<CaseResponse>> SetStatus(Guid id, StatusRequest body, Caller caller, CaseService cases, GraphService graph,
        CancellationToken cancellationToken)
    {
        var status = body.Status ?? throw new InvalidInputException("status", $"is required: {Core.Text.CordonJson.Names<CaseStatus>()}.");
        await cases.SetStatusAsync(caller, id, status, cancellationToken);
        return await Get(id, caller, cases, graph, cancellationToken);
    }

    private static async Task<Created<NoteResponse>> AddNote(Guid id, NoteRequest body, Caller caller, CaseService cases,
        CancellationToken cancellationToken)
    {
        var note = await cases.AddNoteAsync(caller, id, body.Text, cancellationToken);
        return TypedResults.Created($"/api/v1/cases/{id}", NoteResponse.From(note));
    }

    private static async Task<Created<AttachmentResponse>> Attach(Guid id, string? fileName, HttpRequest request, Caller caller,
        CaseService cases, CancellationToken cancellationToken)
    {
        var attachment = await cases.AttachAsync(caller, id, fileName, request.ContentType, await AttachmentTransfer.ReadAsync(request, cancellationToken),
            cancellationToken);
        return TypedResults.Created($"/api/v1/cases/{id}/attachments/{attachment.Id}", AttachmentResponse.From(attachment));
    }

    private static async Task<FileContentHttpResult> Attachment(Guid id, Guid attachmentId, Caller caller, CaseService cases,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var attachment = await cases.AttachmentAsync(caller, id, attachmentId, cancellationToken);
        return AttachmentTransfer.Download(response, attachment.FileName, attachment.Sha256, attachment.Content);
    }

    private static async Task<Ok<CaseImportResponse>> Import(HttpRequest request, string? format, Caller caller, CaseService cases,
        CancellationToken cancellationToken)
    {
        var fileFormat = QueryEnum.Parse<CaseFileFormat>(format, "format") ?? throw new InvalidInputException("format", "is required: csv or jsonl.");
        var rows = await CaseRows.ReadAsync(request.Body, fileFormat, cancellationToken);
        var results = await cases.ImportAsync(caller, rows, "api", cancellationToken);
        return TypedResults.Ok(new CaseImportResponse(results.Count, results.Count(r => r.Status == CaseRowStatus.Created),
            results.Count(r => r.Status == CaseRowStatus.Rejected), results));
    }

    private static async Task<Ok<CorrelationFeedResponse>> Feed(long? after, int? limit, Caller caller, CorrelationService correlations,
        CancellationToken cancellationToken)
    {
        var page = await correlations.FeedAsync(caller, after ?? 0, limit ?? 50, cancellationToken);
        return TypedResults.Ok(new CorrelationFeedResponse(
            page.Items.Select(e => new CorrelationEventResponse(e.Sequence, e.CaseId, e.At, CorrelationResponse.From(e.Correlation))).ToList(), page.Cursor));
    }
}
