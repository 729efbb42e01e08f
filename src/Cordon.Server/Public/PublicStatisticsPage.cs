using System.Globalization;
using System.Text;
using Cordon.Application.Figures;
using Cordon.Core.Indicators;
using Cordon.Core.Text;
using Cordon.Server.WebConsole;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Cordon.Server.Public;

/// <summary>
/// <c>/public/statistics</c>: what the alliance's TLP:CLEAR records add up to over the last twelve months — victims'
/// cases and their losses by month and by category, new public indicators — in English or Chinese. A count under
/// <see cref="Threshold"/> is shown as "&lt;10" and its amount left out, so that no small group can be picked out.
/// </summary>
public static class PublicStatisticsPage
{
    public const int Threshold = 10;

    public static void MapPublicStatistics(this RouteGroupBuilder publicPages) =>
        publicPages.MapGet("/statistics", Page).ExcludeFromDescription();

    private static async Task<ContentHttpResult> Page(HttpContext http, StatisticsService statistics, TimeProvider clock, IStringLocalizer<Text> T,
        CancellationToken cancellationToken)
    {
        // Completed months only: a table redrawn every day would tell, by its daily differences, each new case.
        var thisMonth = StatisticsService.Start(clock.GetUtcNow(), StatisticsPeriod.Month);
        var to = new DateTimeOffset(thisMonth.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var from = to.AddYears(-1);
        var byMonth = await statistics.PublicAsync(new StatisticsQuery(StatisticsMeasure.Cases, StatisticsPeriod.Month, from, to, StatisticsGroup.None),
            cancellationToken);
        var byCategory = await statistics.PublicAsync(new StatisticsQuery(StatisticsMeasure.Cases, StatisticsPeriod.Month, from, to, StatisticsGroup.Category),
            cancellationToken);
        var indicators = await statistics.PublicAsync(new StatisticsQuery(StatisticsMeasure.Indicators, StatisticsPeriod.Month, from, to,
            StatisticsGroup.None), cancellationToken);
        var currency = byMonth.Rates.ReportingCurrency;
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>{Encode(T["What the alliance's public records add up to"])}</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p>{Encode(T["Victims' cases and public indicators shared as TLP:CLEAR, over the last twelve completed months. A count under {0} is shown as <{0}, without its amount.", Threshold])}</p>");
        body.Append(CultureInfo.InvariantCulture, $"<h2>{Encode(T["Cases by month"])}</h2><table id=\"by-month\"><thead><tr><th scope=\"col\">{Encode(T["Month"])}</th><th scope=\"col\">{Encode(T["Cases"])}</th><th scope=\"col\">{Encode(T["Losses ({0})", currency])}</th><th scope=\"col\">{Encode(T["New public indicators"])}</th></tr></thead><tbody>");
        var months = byMonth.Totals;
        var published = months.Select(m => indicators.Totals.FirstOrDefault(t => t.Period == m.Period)?.Figures.Count ?? 0).ToList();
        var hiddenMonths = Suppressed([.. months.Select(m => m.Figures.Count)]);
        var hiddenPublished = Suppressed(published);
        for (var k = 0; k < months.Count; k++)
        {
            body.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{months[k].Period}</th><td>{Count(months[k].Figures.Count, hiddenMonths[k])}</td><td>{Amount(months[k].Figures, hiddenMonths[k])}</td><td>{Count(published[k], hiddenPublished[k])}</td></tr>");
        }
        body.Append("</tbody></table>");
        body.Append(CultureInfo.InvariantCulture, $"<h2>{Encode(T["Cases by kind of scam"])}</h2><table id=\"by-category\"><thead><tr><th scope=\"col\">{Encode(T["Kind of scam"])}</th><th scope=\"col\">{Encode(T["Cases"])}</th><th scope=\"col\">{Encode(T["Losses ({0})", currency])}</th></tr></thead><tbody>");
        // Each category over the twelve months.
        var categories = byCategory.Rows.GroupBy(r => r.Group).Select(g => (Group: g.Key, Figures: Sum(g.Select(r => r.Figures))))
            .Where(c => c.Figures.Count > 0).OrderByDescending(c => c.Figures.Count).ToList();
        var hiddenCategories = Suppressed([.. categories.Select(c => c.Figures.Count)]);
        for (var k = 0; k < categories.Count; k++)
        {
            var name = CordonJson.TryParse<Category>(categories[k].Group, out var known) ? T[ConsoleNames.Of(known)].Value : categories[k].Group;
            body.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{Encode(name)}</th><td>{Count(categories[k].Figures.Count, hiddenCategories[k])}</td><td>{Amount(categories[k].Figures, hiddenCategories[k])}</td></tr>");
        }
        body.Append("</tbody></table>");
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"hint\">{Encode(T["Amounts converted with the rates of {0} ({1}).", byMonth.Rates.AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—", byMonth.Rates.Source])}</p>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"hint\">{Encode(T["* hidden too, so that the small groups cannot be worked out from the others."])}</p>")
            .Append(CultureInfo.InvariantCulture, $"<p><a href=\"/public/\">{Encode(T["Check a number, account or website"])}</a> · <a href=\"/public/report\">{Encode(T["Were you the victim of a scam? Report it"])}</a></p>");
        return PublicPage.Html(http, T, T["What the alliance's public records add up to"], body.ToString());

        string Count(long count, bool hidden) => !hidden ? count.ToString("N0", CultureInfo.CurrentCulture) : count < Threshold ? $"&lt;{Threshold}" : "*";
        string Amount(StatisticsFigures figures, bool hidden) => hidden ? "—" : figures.Converted.ToString("N0", CultureInfo.CurrentCulture);
    }

    /// <summary>
    /// Which cells of one table to hide: every count under the threshold and, when those hidden add up to less than twice
    /// the threshold, the smallest shown ones too (marked "*"), until they do — so that subtracting what is shown from a
    /// total never pins down a small group.
    /// </summary>
    public static bool[] Suppressed(IReadOnlyList<long> counts)
    {
        var hidden = counts.Select(c => c > 0 && c < Threshold).ToArray();
        while (hidden.Any(h => h) && counts.Where((_, k) => hidden[k]).Sum() < 2 * Threshold)
        {
            var next = Enumerable.Range(0, counts.Count).Where(k => !hidden[k] && counts[k] > 0).OrderBy(k => counts[k]).FirstOrDefault(-1);
            if (next < 0)
            {
                break;
            }
            hidden[next] = true;
        }
        return hidden;
    }

    private static StatisticsFigures Sum(IEnumerable<StatisticsFigures> figures)
    {
        var list = figures.ToList();
        return new StatisticsFigures(list.Sum(f => f.Count), [], list.Sum(f => f.Converted), [.. list.SelectMany(f => f.Unconverted).Distinct()]);
    }

    private static string Encode(string text) => PublicPage.Encode(text);
}
