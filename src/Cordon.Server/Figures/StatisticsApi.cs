using Cordon.Application.Figures;
using Cordon.Core.Errors;
using Cordon.Core.Members;
using Cordon.Server.Auth;

namespace Cordon.Server.Figures;

/// <summary>
/// <c>GET /api/v1/stats/{measure}</c>: figures over what the caller may see, by period and group, with the change on the
/// period before and on the year before; JSON, or CSV with <c>format=csv</c>.
/// </summary>
public static class StatisticsApi
{
    public static void MapStatistics(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/stats/{measure}", Statistics).WithTags("Figures").RequireAuthorization(Policies.Read).WithName("Statistics")
            .WithSummary("cases|interceptions|requests|indicators by period (day|week|month|year) and group (by=…), from/to (default: the last 12 months); format=csv");
        // The console's download: the same figures for the signed-in user.
        routes.MapGet("/console/statistics.csv", async (Caller caller, StatisticsService statistics, TimeProvider clock, string? measure, string? period,
                DateTimeOffset? from, DateTimeOffset? to, string? by, CancellationToken cancellationToken) =>
            TypedResults.File(System.Text.Encoding.UTF8.GetBytes(StatisticsCsv.Write(await statistics.QueryAsync(caller,
                StatisticsQuery.Read(measure, period, from, to, by, clock), cancellationToken))), "text/csv; charset=utf-8", $"cordon-{measure}.csv"))
            .RequireAuthorization(WebConsole.ConsoleAuthentication.Reader()).ExcludeFromDescription();
    }

    private static async Task<IResult> Statistics(string measure, Caller caller, StatisticsService statistics, TimeProvider clock, string? period,
        DateTimeOffset? from, DateTimeOffset? to, string? by, string? format, CancellationToken cancellationToken)
    {
        var answer = await statistics.QueryAsync(caller, StatisticsQuery.Read(measure, period, from, to, by, clock), cancellationToken);
        return format switch
        {
            null or "" or "json" => TypedResults.Ok(answer),
            "csv" => TypedResults.Text(StatisticsCsv.Write(answer), "text/csv; charset=utf-8"),
            _ => throw new InvalidInputException("format", "must be json or csv."),
        };
    }
}
