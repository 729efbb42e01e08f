using Cordon.Application.Cases;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Members;
using Cordon.Core.Text;
using Cordon.Server.Auth;
using Cordon.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cordon.Server.Cases;

/// <summary>Link analysis over the cases the caller may see: rings, mules, hubs, paths, neighbourhoods; non-correlating values.</summary>
public static class GraphApi
{
    public static RouteGroupBuilder MapGraph(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/graph").WithTags("Graph").RequireAuthorization(Policies.Read);
        group.MapGet("/rings", Rings).WithName("GraphRings").WithSummary("Connected networks of cases, largest first");
        group.MapGet("/mules", Mules).WithName("GraphMules").WithSummary("Accounts and wallets by money-mule score");
        group.MapGet("/hubs", Hubs).WithName("GraphHubs").WithSummary("Identifiers linking the most cases");
        group.MapGet("/path", Path).WithName("GraphPath").WithSummary("Shortest path between two identifiers: from=type:value&to=type:value");
        group.MapGet("/around", Around).WithName("GraphAround").WithSummary("Cases and identifiers around one identifier: type, value, depth, limit");
        group.MapGet("/non-correlating", NonCorrelating).RequireAuthorization(Policies.OperateNode).WithName("ListNonCorrelating");
        group.MapPost("/non-correlating", Mark).RequireAuthorization(Policies.OperateNode).WithName("MarkNonCorrelating")
            .WithSummary("Node administrators: mark a value too common to link cases");
        group.MapDelete("/non-correlating/{observableId:guid}", Unmark).RequireAuthorization(Policies.OperateNode).WithName("UnmarkNonCorrelating");
        return group;
    }

    private static async Task<Ok<RingsResponse>> Rings(int? top, Caller caller, GraphService graph, CancellationToken cancellationToken)
    {
        var answer = await graph.RingsAsync(caller, top ?? 20, cancellationToken);
        return TypedResults.Ok(new RingsResponse(graph.RateTable.ReportingCurrency, answer.Result.Select(r => new RingResponse(r.Id, r.Cases, r.Identifiers,
            r.SharedIdentifiers, r.TotalLoss, r.UnconvertedLosses, r.Countries, r.Organisations, r.CaseIds,
            r.SharedIdentifierIds.Select(i => IdentifierRef.From(answer.Identifiers[i])).ToList())).ToList()));
    }

    private static async Task<Ok<MulesResponse>> Mules(int? top, Caller caller, GraphService graph, CancellationToken cancellationToken)
    {
        var answer = await graph.MulesAsync(caller, top ?? 20, cancellationToken);
        return TypedResults.Ok(new MulesResponse(graph.RateTable.ReportingCurrency, answer.Result.Select(m => new MuleResponse(
            IdentifierRef.From(answer.Identifiers[m.IdentifierId]), m.Score, m.Victims, m.Countries, m.Loss, m.UnconvertedLosses, m.LastOccurredAt)).ToList()));
    }

    private static async Task<Ok<IReadOnlyList<HubResponse>>> Hubs(int? top, Caller caller, GraphService graph, CancellationToken cancellationToken)
    {
        var answer = await graph.HubsAsync(caller, top ?? 20, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<HubResponse>>(answer.Result
            .Select(h => new HubResponse(IdentifierRef.From(answer.Identifiers[h.IdentifierId]), h.Cases, h.Countries)).ToList());
    }

    private static async Task<Ok<PathResponse>> Path(string? from, string? to, Caller caller, GraphService graph, CancellationToken cancellationToken)
    {
        var answer = await graph.PathAsync(caller, Typed(from, "from"), Typed(to, "to"), cancellationToken);
        var nodes = answer.Result.Select(n => NodeResponse.From(n, answer)).ToList();
        return TypedResults.Ok(new PathResponse(nodes.Count > 0, Math.Max(0, nodes.Count - 1), nodes));
    }

    private static async Task<Ok<AroundResponse>> Around(string? type, string? value, int? depth, int? limit, Caller caller, GraphService graph,
        CancellationToken cancellationToken)
    {
        var answer = await graph.AroundAsync(caller, (QueryEnum.Parse<IdentifierType>(type, "type"), value), depth ?? 2, limit ?? 200,
            cancellationToken);
        return TypedResults.Ok(new AroundResponse(answer.Result.Nodes.Select(n => NodeResponse.From(n, answer)).ToList(),
            answer.Result.Links.Select(l => new LinkResponse(l.Case, l.Identifier)).ToList(), answer.Result.Truncated));
    }

    private static async Task<Ok<IReadOnlyList<NonCorrelatingResponse>>> NonCorrelating(Caller caller, CorrelationService correlations,
        CancellationToken cancellationToken)
    {
        var marked = await correlations.NonCorrelatingAsync(caller, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<NonCorrelatingResponse>>(marked
            .Select(m => new NonCorrelatingResponse(IdentifierRef.From(m.Observable), m.Marked.Reason, m.Marked.MarkedBy, m.Marked.CreatedAt)).ToList());
    }

    private static async Task<Created> Mark(NonCorrelatingRequest body, Caller caller, CorrelationService correlations,
        CancellationToken cancellationToken)
    {
        await correlations.MarkNonCorrelatingAsync(caller, body.Type, body.Value, body.Reason, cancellationToken);
        return TypedResults.Created("/api/v1/graph/non-correlating");
    }

    private static async Task<NoContent> Unmark(Guid observableId, Caller caller, CorrelationService correlations, CancellationToken cancellationToken)
    {
        await correlations.UnmarkNonCorrelatingAsync(caller, observableId, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary><c>type:value</c>, e.g. <c>bank_account:GB82 WEST 1234 5698 7654 32</c>.</summary>
    private static (IdentifierType?, string?) Typed(string? text, string field)
    {
        if (text?.Split(':', 2) is not [var type, var value] || !CordonJson.TryParse<IdentifierType>(type, out var parsed))
        {
            throw new InvalidInputException(field, $"write it as type:value, where type is one of: {CordonJson.Names<IdentifierType>()}.");
        }
        return (parsed, value);
    }
}
