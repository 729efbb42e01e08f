using Cordon.Application.Data;
using Cordon.Application.Response;
using Cordon.Core.Members;
using Cordon.Core.Response;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Figures;

public sealed record AmountFigures(string Currency, decimal Requested, decimal Frozen);

public sealed record ResponseFigures(string Group, int Requests, int Acknowledged, int Actioned, int Declined, int Expired,
    double? MedianMinutesToAcknowledge, double? MedianMinutesToAction, double BreachRate, IReadOnlyList<AmountFigures> Amounts);

public sealed record ResponseStats(DateTimeOffset? From, DateTimeOffset? To, ResponseFigures Total, IReadOnlyList<ResponseFigures> ByKind,
    IReadOnlyList<ResponseFigures> ByRecipient, IReadOnlyList<ResponseFigures> ByRecipientCountry);

/// <summary>How fast requests are answered, over the requests the caller may see (sent, received or broadcast to it).</summary>
public sealed class ResponseStatistics(CordonDb db)
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
        return new ResponseStats(from, to, Figures("total", requests),
            requests.GroupBy(r => r.Kind.ToString()).Select(g => Figures(g.Key, g)).ToList(),
            requests.Where(r => r.RecipientId is not null).GroupBy(r => r.RecipientId!.Value.ToString()).Select(g => Figures(g.Key, g)).ToList(),
            requests.Where(r => r.RecipientId is not null).GroupBy(r => countries.GetValueOrDefault(r.RecipientId!.Value, "ZZ"))
                .Select(g => Figures(g.Key, g)).ToList());
    }

    public static ResponseFigures Figures(string group, IEnumerable<ResponseRequest> requests)
    {
        var list = requests.ToList();
        return new ResponseFigures(group, list.Count,
            list.Count(r => r.AcknowledgedAt is not null), list.Count(r => r.State == RequestState.Actioned),
            list.Count(r => r.State == RequestState.Declined), list.Count(r => r.State == RequestState.Expired),
            Median(list.Where(r => r.AcknowledgedAt is not null).Select(r => (r.AcknowledgedAt!.Value - r.SentAt).TotalMinutes)),
            Median(list.Where(r => r.ActionedAt is not null).Select(r => (r.ActionedAt!.Value - r.SentAt).TotalMinutes)),
            list.Count == 0 ? 0 : Math.Round(list.Count(r => r.AcknowledgeBreachedAt is not null || r.ActionBreachedAt is not null) / (double)list.Count, 4),
            list.Where(r => r.Currency is not null).GroupBy(r => r.Currency!)
                .Select(g => new AmountFigures(g.Key, g.Sum(r => r.Amount ?? 0), g.Where(r => r.OutcomeCurrency == g.Key).Sum(r => r.AmountFrozen ?? 0)))
                .ToList());
    }

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null
            : Math.Round(sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2, 2);
    }
}
