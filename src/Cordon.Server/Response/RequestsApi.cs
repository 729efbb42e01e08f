using Cordon.Application.Response;
using Cordon.Core.Members;
using Cordon.Core.Response;
using Cordon.Server.Auth;
using Cordon.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cordon.Server.Response;

/// <summary>Rapid response: send a request, see sent and received ones, and move them through the workflow.</summary>
public static class RequestsApi
{
    public static RouteGroupBuilder MapRequests(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/requests").WithTags("Response");
        group.MapPost("/", Send).RequireAuthorization(Policies.Respond).WithName("SendRequest")
            .WithSummary("Ask another member to act: freeze_funds, block_number, takedown, preserve_data, or alert a community (under_attack)");
        group.MapGet("/", List).RequireAuthorization(Policies.Read).WithName("ListRequests")
            .WithSummary("Requests the caller sent or received (box=sent|received|all, state, kind, limit)");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.Read).WithName("GetRequest").WithSummary("One request with its history");
        foreach (var action in Enum.GetValues<RequestAction>().Where(a => a != RequestAction.Expire))
        {
            var name = action.ToString().ToLowerInvariant();
            group.MapPost($"/{{id:guid}}/{name}", (Guid id, OutcomeBody? body, Caller caller, RequestService requests, CancellationToken ct) =>
                    Transition(id, action, body, caller, requests, ct))
                .RequireAuthorization(Policies.Respond).WithName($"{action}Request").WithSummary($"{action} the request");
        }
        return group;
    }

    private static async Task<Created<RequestResponse>> Send(CreateRequestBody body, Caller caller, RequestService requests,
        CancellationToken cancellationToken)
    {
        var request = await requests.SendAsync(caller, body.ToInput(), cancellationToken);
        return TypedResults.Created($"/api/v1/requests/{request.Id}", RequestResponse.From(request));
    }

    private static async Task<Ok<List<RequestResponse>>> List(Caller caller, RequestService requests, string? box, string? state,
        string? kind, int? limit, CancellationToken cancellationToken) =>
        TypedResults.Ok((await requests.ListAsync(caller, box, QueryEnum.Parse<RequestState>(state, "state"),
            QueryEnum.Parse<RequestKind>(kind, "kind"), limit ?? 100, cancellationToken)).Select(r => RequestResponse.From(r)).ToList());

    private static async Task<Ok<RequestResponse>> Get(Guid id, Caller caller, RequestService requests, CancellationToken cancellationToken)
    {
        var view = await requests.GetAsync(caller, id, cancellationToken);
        return TypedResults.Ok(RequestResponse.From(view));
    }

    private static async Task<Ok<RequestResponse>> Transition(Guid id, RequestAction action, OutcomeBody? body, Caller caller,
        RequestService requests, CancellationToken cancellationToken)
    {
        var outcome = body is null ? null : new Outcome(body.Outcome, body.AmountFrozen, body.Currency, body.Reason);
        var request = await requests.TransitionAsync(caller, id, action, outcome, cancellationToken);
        return TypedResults.Ok(RequestResponse.From(request));
    }
}
