using Cordon.Application.Data;
using Cordon.Application.Response;
using Cordon.Core.Cases;
using Cordon.Core.Members;
using Cordon.Core.Response;
using Cordon.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Figures;

/// <summary>Amounts in one currency: asked to be frozen (in the request's currency) and frozen (in the outcome's currency).</summary>
public sealed record AmountFigures(string Currency, decimal Requested, decimal Frozen);

/// <summary>The same amounts in the reporting currency; currencies without a rate are named apart, never guessed.</summary>
public sealed record ConvertedFigures(string Currency, decimal Requested, decimal Frozen, IReadOnlyList<string> Unconverted);

public sealed record ResponseFigures(string Group, int Requests, int Acknowledged, int Actioned, int Declined, int Expired,
    double? MedianMinutesToAcknowledge, double? MedianMinutesToAction, double BreachRate, IReadOnlyList<AmountFigures> Amounts,
    ConvertedFigures Converted);

/// <summary>The rate table that converted the amounts: its reporting currency, its day and where it comes from.</summary>
public sealed record RatesUsed(string ReportingCurrency, DateOnly? AsOf, string Source)
{
    public static RatesUsed Of(RateTable rates) => new(rates.ReportingCurrency, rates.AsOf, rates.Source);
}

public sealed record ResponseStats(DateTimeOffset? From, DateTimeOffset? To, ResponseFigures Total, IReadOnlyList<ResponseFigures> ByKind,
    IReadOnlyList<ResponseFigures> ByRecipient, IReadOnlyList<ResponseFigures> ByRecipientCountry, RatesUsed Rates);

/// <summary>How fast requests are answered, over the requests the caller may see (sent, received or broadcast to it).</summary>
public sealed class ResponseStatistics(CordonDb db, RateTable rates)
{
    public async Task<ResponseStats> ForAsync(Caller caller, DateTimeOffset? from, DateTimeOffset? to, RequestKind? kind,
        CancellationToken cancellationToken = default)
    {
        var query = db.Requests.AsNoTracking().Where(RequestService.VisibleTo(caller.OrganisationId, caller.Viewer.CommunityIds.ToList()));
        if (from is { } start)
        {
            query = query.Where(r => r.SentAt >= start);
        }
        if (to is { } end)
        {
            query = query.Where(r => r.SentAt < end);
        }
        if (kind is { } k)
        {
            query = query.Where(r => r.Kind == k);
        }
        // Decimals cannot be summed in SQLite's SQL, so the figures are computed here over the visible rows.
        var requests = await query.ToListAsync(cancellationToken);
        var countries = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Country, cancellationToken);
        return new ResponseStats(from, to, Figures("total", requests, rates),
            requests.GroupBy(r => CordonJson.Name(r.Kind)).Select(g => Figures(g.Key, g, rates)).ToList(),
            requests.Where(r => r.RecipientId is not null).GroupBy(r => r.RecipientId!.Value.ToString()).Select(g => Figures(g.Key, g, rates)).ToList(),
            requests.Where(r => r.RecipientId is not null).GroupBy(r => countries.GetValueOrDefault(r.RecipientId!.Value, "ZZ"))
                .Select(g => Figures(g.Key, g, rates)).ToList(), RatesUsed.Of(rates));
    }

    public static ResponseFigures Figures(string group, IEnumerable<ResponseRequest> requests, RateTable rates)
    {
        var list = requests.ToList();
        return new ResponseFigures(group, list.Count,
            list.Count(r => r.AcknowledgedAt is not null), list.Count(r => r.State == RequestState.Actioned),
            list.Count(r => r.State == RequestState.Declined), list.Count(r => r.State == RequestState.Expired),
            Median(list.Where(r => r.AcknowledgedAt is not null).Select(r => (r.AcknowledgedAt!.Value - r.SentAt).TotalMinutes)),
            Median(list.Where(r => r.ActionedAt is not null).Select(r => (r.ActionedAt!.Value - r.SentAt).TotalMinutes)),
            list.Count == 0 ? 0 : Math.Round(list.Count(r => r.AcknowledgeBreachedAt is not null || r.ActionBreachedAt is not null) / (double)list.Count, 4),
            Amounts(list), Convert(Amounts(list), rates));
    }

    /// <summary>Per currency: what was asked in it and what was frozen in it, whatever the other side's currency.</summary>
    private static List<AmountFigures> Amounts(List<ResponseRequest> requests)
    {
        var asked = requests.Where(r => r.Currency is not null && r.Amount is not null).Select(r => (Currency: r.Currency!, Asked: r.Amount!.Value, Frozen: 0m));
        var frozen = requests.Where(r => r.OutcomeCurrency is not null && r.AmountFrozen is not null)
            .Select(r => (Currency: r.OutcomeCurrency!, Asked: 0m, Frozen: r.AmountFrozen!.Value));
        return [.. asked.Concat(frozen).GroupBy(a => a.Currency, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AmountFigures(g.Key, g.Sum(a => a.Asked), g.Sum(a => a.Frozen)))];
    }

    private static ConvertedFigures Convert(List<AmountFigures> amounts, RateTable rates) => new(rates.ReportingCurrency,
        amounts.Sum(a => rates.Convert(a.Requested, a.Currency) ?? 0), amounts.Sum(a => rates.Convert(a.Frozen, a.Currency) ?? 0),
        [.. amounts.Where(a => rates.Convert(1, a.Currency) is null).Select(a => a.Currency)]);

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null
            : Math.Round(sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2, 2);
    }
}
