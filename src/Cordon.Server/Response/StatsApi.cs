using Cordon.Application.Figures;
using Cordon.Core.Members;
using Cordon.Core.Response;
using Cordon.Server.Auth;
using Cordon.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cordon.Server.Response;

/// <summary><c>/api/v1/response/stats</c>: how fast requests are answered, over the requests the caller may see.</summary>
public static class StatsApi
{
    public static RouteHandlerBuilder MapResponseStats(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/response/stats", Stats).WithTags("Response").RequireAuthorization(Policies.Read).WithName("ResponseStats")
            .WithSummary("Time to acknowledge and to action, breach rate, amounts requested and frozen; by kind, recipient and country");

    private static async Task<Ok<ResponseStats>> Stats(Caller caller, ResponseStatistics statistics, DateTimeOffset? from, DateTimeOffset? to,
        string? kind, CancellationToken cancellationToken) =>
        TypedResults.Ok(await statistics.ForAsync(caller, from, to, QueryEnum.Parse<RequestKind>(kind, "kind"), cancellationToken));
}
