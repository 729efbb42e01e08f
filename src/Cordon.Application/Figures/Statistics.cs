using System.Globalization;
using System.Text;
using Cordon.Application.Cases;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Application.Response;
using Cordon.Core.Cases;
using Cordon.Core.Errors;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Figures;

/// <summary>What is counted.</summary>
public enum StatisticsMeasure
{
    /// <summary>Victims' cases by the day they happened, with their losses.</summary>
    Cases,

    /// <summary>The organisation's screenings with a channel, by outcome, with the amounts they carried.</summary>
    Interceptions,

    /// <summary>Response requests by the day they were sent, with the amounts frozen.</summary>
    Requests,

    /// <summary>New indicators by the day they were reported.</summary>
    Indicators,

    /// <summary>
    /// Results of joint operations reported by their participants (arrests, suspects identified, amounts seized and
    /// returned…) by the day reported: a count is the quantity reported, an amount its money; seen by participants only.
    /// </summary>
    Results,
}

public enum StatisticsPeriod
{
    Day,
    Week,
    Month,
    Year,
}

/// <summary>How rows are split within a period.</summary>
public enum StatisticsGroup
{
    None,
    Category,
    Country,
    Sector,
    Organisation,
    Channel,
    Outcome,
    Kind,
    Operation,
    Type,
}

public sealed record StatisticsQuery(StatisticsMeasure Measure, StatisticsPeriod Period, DateTimeOffset From, DateTimeOffset To, StatisticsGroup By)
{
    /// <summary>The query as the API and the CLI read it: names as the API spells them, the last twelve months unless given.</summary>
    public static StatisticsQuery Read(string? measure, string? period, DateTimeOffset? from, DateTimeOffset? to, string? by, TimeProvider clock)
    {
        var end = to ?? clock.GetUtcNow();
        return new StatisticsQuery(Parse<StatisticsMeasure>(measure, "measure") ?? throw new InvalidInputException("measure",
                $"is one of {CordonJson.Names<StatisticsMeasure>()}."),
            Parse<StatisticsPeriod>(period, "period") ?? StatisticsPeriod.Month, from ?? end.AddYears(-1), end,
            Parse<StatisticsGroup>(by, "by") ?? StatisticsGroup.None);
    }

    private static T? Parse<T>(string? text, string field) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(text) ? null
        : CordonJson.TryParse<T>(text.Trim(), out var value) ? value
        : throw new InvalidInputException(field, $"is one of {CordonJson.Names<T>()}.");
}

public sealed record MoneyAmount(string Currency, decimal Amount);

/// <summary>A count and its amounts, each in its own currency and all converted with the one rate table.</summary>
public sealed record StatisticsFigures(long Count, IReadOnlyList<MoneyAmount> Amounts, decimal Converted, IReadOnlyList<string> Unconverted);

/// <summary>
/// One period of one group, with the period before and the same period a year before (their figures and the relative
/// change of the count: 0.25 is a quarter more; null when there was nothing to compare with).
/// </summary>
public sealed record StatisticsRow(string Period, DateOnly Starts, string Group, StatisticsFigures Figures, StatisticsFigures Previous,
    StatisticsFigures YearAgo, double? Change, double? YearOnYear);

public sealed record StatisticsAnswer(StatisticsQuery Query, RatesUsed Rates, IReadOnlyList<StatisticsRow> Rows, IReadOnlyList<StatisticsRow> Totals);

/// <summary>
/// The one statistics service: every figure counted from the records the caller may see (the same rules as every other
/// read), split by period and group, compared with the period before and the year before, amounts in their currency and
/// converted with the node's one rate table (<see cref="RateTable"/>).
/// </summary>
public sealed class StatisticsService(CordonDb db, RateTable rates)
{
    /// <summary>At most this many periods in one answer (about three years of days).</summary>
    public const int MaxPeriods = 1200;

    /// <summary>One record as counted: <paramref name="Quantity"/> is 1 but for an operation's result (12 arrests count 12).</summary>
    private sealed record Fact(DateTimeOffset At, string Group, decimal? Amount, string? Currency, long Quantity = 1);

    /// <summary>Figures from TLP:CLEAR records only, for the public page: cases and indicators.</summary>
    public Task<StatisticsAnswer> PublicAsync(StatisticsQuery query, CancellationToken cancellationToken = default) =>
        query.Measure is StatisticsMeasure.Cases or StatisticsMeasure.Indicators
            ? AnswerAsync(null, query, cancellationToken)
            : throw new InvalidInputException("measure", "only cases and indicators are published.");

    public Task<StatisticsAnswer> QueryAsync(Caller caller, StatisticsQuery query, CancellationToken cancellationToken = default) =>
        AnswerAsync(caller, query, cancellationToken);

    /// <summary>Over what <paramref name="caller"/> may see; with no caller, over TLP:CLEAR records only.</summary>
    private async Task<StatisticsAnswer> AnswerAsync(Caller? caller, StatisticsQuery query, CancellationToken cancellationToken)
    {
        if (query is { Measure: StatisticsMeasure.Results, By: StatisticsGroup.None })
        {
            query = query with { By = StatisticsGroup.Kind }; // arrests and amounts seized do not add up to one figure
        }
        if (query.To <= query.From)
        {
            throw new InvalidInputException("to", "must be after from.");
        }
        if (query.From.Year < 2000 || query.To.Year > 2100 || query.To - query.From > TimeSpan.FromDays(3660))
        {
            throw new InvalidInputException("from", "figures cover at most ten years, between 2000 and 2100.");
        }
        var first = Start(query.From, query.Period);
        var periods = new List<DateOnly>();
        for (var p = first; p.ToDateTime(TimeOnly.MinValue) < query.To.UtcDateTime; p = Next(p, query.Period))
        {
            if (periods.Count == MaxPeriods)
            {
                throw new InvalidInputException("from", $"the range holds more than {MaxPeriods} periods: choose a longer period or a shorter range.");
            }
            periods.Add(p);
        }
        // A year more than asked, so that every period has its period before and its year before.
        var since = new DateTimeOffset(first.AddYears(-1).AddDays(-7).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var until = new DateTimeOffset(Next(periods[^1], query.Period).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var facts = await FactsAsync(caller, query.Measure, query.By, since, until, cancellationToken);
        var buckets = facts.GroupBy(f => (Start(f.At, query.Period), f.Group)).ToDictionary(g => g.Key, g => g.ToList());
        var groups = facts.Where(f => f.At >= new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) && f.At < until)
            .Select(f => f.Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (groups.Count == 0)
        {
            groups.Add(query.By == StatisticsGroup.None ? "all" : "none");
        }
        var rows = new List<StatisticsRow>();
        foreach (var period in periods)
        {
            foreach (var group in groups)
            {
                rows.Add(Row(period, group, query.Period, p => buckets.GetValueOrDefault((p, group)) ?? []));
            }
        }
        var totals = periods.Select(period => Row(period, "total", query.Period,
            p => [.. buckets.Where(b => b.Key.Item1 == p).SelectMany(b => b.Value)])).ToList();
        return new StatisticsAnswer(query, RatesUsed.Of(rates), rows, totals);
    }

    private StatisticsRow Row(DateOnly period, string group, StatisticsPeriod length, Func<DateOnly, List<Fact>> facts)
    {
        var now = Figures(facts(period));
        var previous = Figures(facts(Previous(period, length)));
        var yearAgo = Figures(facts(YearBefore(period, length)));
        return new StatisticsRow(Name(period, length), period, group, now, previous, yearAgo, Change(now.Count, previous.Count),
            Change(now.Count, yearAgo.Count));
    }

    private StatisticsFigures Figures(List<Fact> facts)
    {
        var amounts = facts.Where(f => f.Amount is not null && f.Currency is not null).GroupBy(f => f.Currency!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new MoneyAmount(g.Key, g.Sum(f => f.Amount!.Value))).ToList();
        return new StatisticsFigures(facts.Sum(f => f.Quantity), amounts, amounts.Sum(a => rates.Convert(a.Amount, a.Currency) ?? 0),
            [.. amounts.Where(a => rates.Convert(1, a.Currency) is null).Select(a => a.Currency)]);
    }

    private static double? Change(long now, long before) => before == 0 ? null : Math.Round((now - before) / (double)before, 4);

    /// <summary>The records the caller may see, as (time, group, amount, currency), read column by column, never whole rows.</summary>
    private async Task<List<Fact>> FactsAsync(Caller? caller, StatisticsMeasure measure, StatisticsGroup by, DateTimeOffset since, DateTimeOffset until,
        CancellationToken cancellationToken)
    {
        var organisations = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name, o.Country, o.Sector })
            .ToDictionaryAsync(o => o.Id, cancellationToken);
        string Of(Guid organisation, Func<Guid, string> pick) => organisations.ContainsKey(organisation) ? pick(organisation) : "unknown";
        string OrganisationGroup(Guid id) => by switch
        {
            StatisticsGroup.Country => Of(id, o => organisations[o].Country),
            StatisticsGroup.Sector => Of(id, o => CordonJson.Name(organisations[o].Sector)),
            _ => Of(id, o => organisations[o].Name),
        };
        switch (measure)
        {
            case StatisticsMeasure.Cases:
                Allow(by, StatisticsGroup.None, StatisticsGroup.Category, StatisticsGroup.Country, StatisticsGroup.Sector, StatisticsGroup.Organisation);
                var visibleCases = caller is null
                    ? db.Cases.AsNoTracking().Where(c => c.Tlp == Core.Sharing.Tlp.Clear
                                                         && (c.Distribution == Core.Sharing.Distribution.Node || c.Distribution == Core.Sharing.Distribution.Federation))
                    : db.Cases.AsNoTracking().VisibleTo(caller.Viewer);
                var cases = await visibleCases.Where(c => c.OccurredAt >= since && c.OccurredAt < until)
                    .Select(c => new { c.OccurredAt, c.Category, c.VictimCountry, c.OrganisationId, c.LossAmount, c.LossCurrency })
                    .ToListAsync(cancellationToken);
                return [.. cases.Select(c => new Fact(c.OccurredAt, by switch
                {
                    StatisticsGroup.Category => CordonJson.Name(c.Category),
                    StatisticsGroup.Country => c.VictimCountry,
                    StatisticsGroup.Sector or StatisticsGroup.Organisation => OrganisationGroup(c.OrganisationId),
                    _ => "all",
                }, c.LossAmount, c.LossCurrency))];
            case StatisticsMeasure.Interceptions:
                Allow(by, StatisticsGroup.None, StatisticsGroup.Channel, StatisticsGroup.Outcome, StatisticsGroup.Category, StatisticsGroup.Type,
                    StatisticsGroup.Organisation);
                // An organisation's own operational records: the node's administrators see every member's.
                ArgumentNullException.ThrowIfNull(caller);
                var own = caller.OrganisationId;
                var everyone = caller.Actor.Grants(Permission.OperateNode);
                var interceptions = await db.Interceptions.AsNoTracking().Where(i => everyone || i.OrganisationId == own)
                    .Where(i => i.ScreenedAt >= since && i.ScreenedAt < until)
                    .Select(i => new { i.ScreenedAt, i.Channel, i.Outcome, i.CategoryFlags, i.IdentifierType, i.OrganisationId, i.Amount, i.Currency })
                    .ToListAsync(cancellationToken);
                return [.. interceptions.Select(i => new Fact(i.ScreenedAt, by switch
                {
                    StatisticsGroup.Channel => CordonJson.Name(i.Channel),
                    StatisticsGroup.Outcome => CordonJson.Name(i.Outcome),
                    StatisticsGroup.Category => CategorySet.FromFlags(i.CategoryFlags) is { Count: > 0 } categories ? CordonJson.Name(categories[0]) : "none",
                    StatisticsGroup.Type => CordonJson.Name(i.IdentifierType),
                    StatisticsGroup.Organisation => OrganisationGroup(i.OrganisationId),
                    _ => "all",
                }, i.Amount, i.Currency))];
            case StatisticsMeasure.Requests:
                Allow(by, StatisticsGroup.None, StatisticsGroup.Kind, StatisticsGroup.Country, StatisticsGroup.Operation, StatisticsGroup.Outcome);
                ArgumentNullException.ThrowIfNull(caller);
                var requests = await db.Requests.AsNoTracking().Where(RequestService.VisibleTo(caller.OrganisationId, caller.Viewer.CommunityIds.ToList()))
                    .Where(r => r.SentAt >= since && r.SentAt < until)
                    .Select(r => new { r.SentAt, r.Kind, r.State, r.RecipientId, r.OperationId, r.AmountFrozen, r.OutcomeCurrency })
                    .ToListAsync(cancellationToken);
                return [.. requests.Select(r => new Fact(r.SentAt, by switch
                {
                    StatisticsGroup.Kind => CordonJson.Name(r.Kind),
                    StatisticsGroup.Country => r.RecipientId is { } recipient ? OrganisationGroup(recipient) : "community",
                    StatisticsGroup.Operation => r.OperationId?.ToString("D") ?? "none",
                    StatisticsGroup.Outcome => CordonJson.Name(r.State),
                    _ => "all",
                }, r.AmountFrozen, r.OutcomeCurrency))];
            case StatisticsMeasure.Results:
                Allow(by, StatisticsGroup.None, StatisticsGroup.Kind, StatisticsGroup.Operation, StatisticsGroup.Country, StatisticsGroup.Organisation);
                ArgumentNullException.ThrowIfNull(caller);
                var participantOf = Operations.OperationService.VisibleTo(db.Operations.AsNoTracking(), caller.OrganisationId).Select(o => o.Id);
                var results = await db.OperationResults.AsNoTracking().Where(r => participantOf.Contains(r.OperationId))
                    .Where(r => r.ReportedAt >= since && r.ReportedAt < until)
                    .Select(r => new { r.ReportedAt, r.Measure, r.OperationId, r.Country, r.OrganisationId, r.Quantity, r.Currency })
                    .ToListAsync(cancellationToken);
                return [.. results.Select(r =>
                {
                    var group = by switch
                    {
                        StatisticsGroup.Kind => CordonJson.Name(r.Measure),
                        StatisticsGroup.Operation => r.OperationId.ToString("D"),
                        StatisticsGroup.Country => r.Country,
                        StatisticsGroup.Organisation => OrganisationGroup(r.OrganisationId),
                        _ => "all",
                    };
                    return r.Currency is null
                        ? new Fact(r.ReportedAt, group, null, null, (long)r.Quantity)
                        : new Fact(r.ReportedAt, group, r.Quantity, r.Currency);
                })];
            default:
                // Never by reporting organisation or sector: who reported an indicator is not told to other members.
                Allow(by, StatisticsGroup.None, StatisticsGroup.Category, StatisticsGroup.Country, StatisticsGroup.Type);
                var visibleIndicators = caller is null
                    ? db.Indicators.AsNoTracking().Where(i => i.Tlp == Core.Sharing.Tlp.Clear && i.RevokedAt == null
                                                              && (i.Distribution == Core.Sharing.Distribution.Node || i.Distribution == Core.Sharing.Distribution.Federation))
                    : db.Indicators.AsNoTracking().VisibleTo(caller.Viewer);
                var indicators = await visibleIndicators.Where(i => i.CreatedAt >= since && i.CreatedAt < until)
                    .Select(i => new { i.CreatedAt, i.CategoryFlags, i.OrganisationId, i.Observable.Type })
                    .ToListAsync(cancellationToken);
                return [.. indicators.SelectMany(i => by == StatisticsGroup.Category
                    ? CategorySet.FromFlags(i.CategoryFlags).Select(c => new Fact(i.CreatedAt, CordonJson.Name(c), null, null))
                    : [new Fact(i.CreatedAt, by switch
                    {
                        StatisticsGroup.Type => CordonJson.Name(i.Type),
                        StatisticsGroup.Country => OrganisationGroup(i.OrganisationId),
                        _ => "all",
                    }, null, null)])];
        }
    }

    private static void Allow(StatisticsGroup by, params StatisticsGroup[] allowed)
    {
        if (!allowed.Contains(by))
        {
            throw new InvalidInputException("by", $"this figure is split by {string.Join(", ", allowed.Select(CordonJson.Name))}.");
        }
    }

    /// <summary>The first day of the period holding <paramref name="at"/> (UTC; weeks start on Monday, as ISO 8601 has it).</summary>
    public static DateOnly Start(DateTimeOffset at, StatisticsPeriod period) => Start(DateOnly.FromDateTime(at.UtcDateTime), period);

    public static DateOnly Start(DateOnly day, StatisticsPeriod period) => period switch
    {
        StatisticsPeriod.Day => day,
        StatisticsPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        StatisticsPeriod.Month => new DateOnly(day.Year, day.Month, 1),
        _ => new DateOnly(day.Year, 1, 1),
    };

    private static DateOnly Next(DateOnly start, StatisticsPeriod period) => period switch
    {
        StatisticsPeriod.Day => start.AddDays(1),
        StatisticsPeriod.Week => start.AddDays(7),
        StatisticsPeriod.Month => start.AddMonths(1),
        _ => start.AddYears(1),
    };

    /// <summary>The same period a year before: for a week, the same ISO week number of the ISO year before (or its last).</summary>
    private static DateOnly YearBefore(DateOnly start, StatisticsPeriod period)
    {
        if (period != StatisticsPeriod.Week)
        {
            return Start(start.AddYears(-1), period);
        }
        var day = start.ToDateTime(TimeOnly.MinValue);
        var year = ISOWeek.GetYear(day) - 1;
        return DateOnly.FromDateTime(ISOWeek.ToDateTime(year, Math.Min(ISOWeek.GetWeekOfYear(day), ISOWeek.GetWeeksInYear(year)), DayOfWeek.Monday));
    }

    private static DateOnly Previous(DateOnly start, StatisticsPeriod period) => period switch
    {
        StatisticsPeriod.Day => start.AddDays(-1),
        StatisticsPeriod.Week => start.AddDays(-7),
        StatisticsPeriod.Month => start.AddMonths(-1),
        _ => start.AddYears(-1),
    };

    /// <summary>ISO 8601 names: 2026-12-08, 2026-W50, 2026-12, 2026.</summary>
    public static string Name(DateOnly start, StatisticsPeriod period) => period switch
    {
        StatisticsPeriod.Day => start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        StatisticsPeriod.Week => $"{ISOWeek.GetYear(start.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(start.ToDateTime(TimeOnly.MinValue)):D2}",
        StatisticsPeriod.Month => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => start.ToString("yyyy", CultureInfo.InvariantCulture),
    };
}

/// <summary>Statistics as CSV, for the API and the CLI alike.</summary>
public static class StatisticsCsv
{
    /// <summary>One line per period and group: counts, converted amounts, and each currency's amount in its own column.</summary>
    public static string Write(StatisticsAnswer answer)
    {
        var currencies = answer.Rows.SelectMany(r => r.Figures.Amounts).Select(a => a.Currency).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var csv = new StringBuilder();
        csv.Append("period,starts,group,count,").Append(CultureInfo.InvariantCulture, $"converted_{answer.Rates.ReportingCurrency.ToLowerInvariant()}")
            .Append(",unconverted,previous_count,change,year_ago_count,year_on_year");
        foreach (var currency in currencies)
        {
            csv.Append(",amount_").Append(currency.ToLowerInvariant());
        }
        csv.Append('\n');
        foreach (var row in answer.Rows)
        {
            csv.Append(row.Period).Append(',').Append(row.Starts.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                .Append(Field(row.Group)).Append(',').Append(row.Figures.Count.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.Figures.Converted.ToString(CultureInfo.InvariantCulture)).Append(',').Append(string.Join(' ', row.Figures.Unconverted)).Append(',')
                .Append(row.Previous.Count.ToString(CultureInfo.InvariantCulture)).Append(',').Append(row.Change?.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(row.YearAgo.Count.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.YearOnYear?.ToString(CultureInfo.InvariantCulture));
            foreach (var currency in currencies)
            {
                csv.Append(',').Append(row.Figures.Amounts.FirstOrDefault(a => a.Currency == currency)?.Amount.ToString(CultureInfo.InvariantCulture));
            }
            csv.Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>A group is a name the caller may see (an organisation's, a category's): quoted when it must be, never a formula.</summary>
    private static string Field(string value)
    {
        var safe = value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
