using System.CommandLine;
using System.Globalization;
using Cordon.Application.Figures;
using Cordon.Core.Members;
using Cordon.Core.Text;

namespace Cordon.Cli.Commands;

/// <summary>
/// <c>cordon stats MEASURE --org ID</c>: the figures the API answers at <c>/api/v1/stats/{measure}</c>, from the same
/// service and rate table, as the organisation may see them; a table, <c>--csv</c> or <c>--json</c>.
/// </summary>
public static class StatsCommand
{
    public static Command Build(CliIo io)
    {
        var measure = new Argument<string>("measure") { Description = $"What to count: {CordonJson.Names<StatisticsMeasure>()}" };
        var organisation = new Option<Guid>("--org") { Description = "Count what this organisation may see (id)", Required = true };
        var period = new Option<string?>("--period") { Description = $"{CordonJson.Names<StatisticsPeriod>()} (default month)" };
        var by = new Option<string?>("--by") { Description = $"Split each period by: {CordonJson.Names<StatisticsGroup>()}" };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Start (ISO 8601, e.g. 2026-01-01T00:00:00Z; default a year before --to)" };
        var to = new Option<DateTimeOffset?>("--to") { Description = "End, not included (ISO 8601; default now)" };
        var csv = new Option<bool>("--csv") { Description = "Write CSV, as the API's format=csv" };
        var command = new Command("stats", "Figures by period and group: cases and losses, interceptions, requests and money frozen, indicators")
        {
            measure, organisation, period, by, from, to, csv,
        };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.ActorAsync(parse.GetValue(organisation), Role.Viewer, cancellationToken);
            var query = StatisticsQuery.Read(parse.GetValue(measure), parse.GetValue(period), parse.GetValue(from), parse.GetValue(to), parse.GetValue(by),
                TimeProvider.System);
            var answer = await scope.Get<StatisticsService>().QueryAsync(await CliContext.CallerAsync(scope, actor, cancellationToken), query, cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, answer);
                return CordonCli.Ok;
            }
            if (parse.GetValue(csv))
            {
                await context.Output.WriteAsync(StatisticsCsv.Write(answer));
                return CordonCli.Ok;
            }
            Output.Table(context.Output, ["period", "group", "count", $"amount ({answer.Rates.ReportingCurrency})", "change", "year on year"],
                answer.Rows.Where(r => r.Figures.Count > 0 || r.Previous.Count > 0).Select(r => new[]
                {
                    r.Period, r.Group, r.Figures.Count.ToString("N0", CultureInfo.InvariantCulture),
                    r.Figures.Converted.ToString("N2", CultureInfo.InvariantCulture) + (r.Figures.Unconverted.Count > 0 ? $" (+{string.Join(' ', r.Figures.Unconverted)})" : ""),
                    Percent(r.Change), Percent(r.YearOnYear),
                }));
            await context.Output.WriteLineAsync($"Rates: {answer.Rates.Source}{(answer.Rates.AsOf is { } day ? $", {day:yyyy-MM-dd}" : "")}.");
            return CordonCli.Ok;
        });
        return command;
    }

    private static string Percent(double? change) => change is { } c ? c.ToString("+0.#%;-0.#%;0%", CultureInfo.InvariantCulture) : "";
}
