using Cordon.Application.Cases;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Application.Response;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Response;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Figures;

/// <summary>The dashboard's figures, all counted over what the caller's organisation may see.</summary>
public sealed record DashboardFigures(
    int Indicators,
    int OwnIndicators,
    int Cases,
    int OpenRequests,
    IReadOnlyList<(DateOnly Day, int Count)> NewPerDay,
    IReadOnlyList<(Category Category, int Count)> ByCategory,
    IReadOnlyList<(string Country, int Count)> ByCountry,
    IReadOnlyList<ResponseRequest> NearDeadline)
{
    public const int TrendDays = 30;
}

/// <summary>Counts for the console's dashboard, made by the store: nothing is loaded row by row but the last days' dates.</summary>
public sealed class FiguresService(CordonDb db, TimeProvider clock)
{
    private static readonly RequestState[] Closed = [.. Enum.GetValues<RequestState>().Where(RequestWorkflow.IsTerminal)];

    public async Task<DashboardFigures> DashboardAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        var (actor, viewer) = caller;
        var now = clock.GetUtcNow();
        var visible = db.Indicators.AsNoTracking().VisibleTo(viewer).Where(i => i.RevokedAt == null);
        var since = now.AddDays(-DashboardFigures.TrendDays);

        var perOrganisation = await visible.GroupBy(i => i.OrganisationId).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var perFlags = await visible.GroupBy(i => i.CategoryFlags).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var recent = await visible.Where(i => i.CreatedAt >= since).Select(i => i.CreatedAt).ToListAsync(cancellationToken);
        var countries = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Country, cancellationToken);

        var perDay = recent.GroupBy(at => DateOnly.FromDateTime(at.UtcDateTime)).ToDictionary(g => g.Key, g => g.Count());
        var days = Enumerable.Range(0, DashboardFigures.TrendDays)
            .Select(d => DateOnly.FromDateTime(now.UtcDateTime).AddDays(d - DashboardFigures.TrendDays + 1))
            .Select(day => (day, perDay.GetValueOrDefault(day))).ToList();
        var byCategory = Enum.GetValues<Category>()
            .Select(c => (c, perFlags.Where(f => (f.Key & CategorySet.Flag(c)) != 0).Sum(f => f.Count)))
            .Where(x => x.Item2 > 0).OrderByDescending(x => x.Item2).ToList();
        var byCountry = perOrganisation.GroupBy(o => countries.GetValueOrDefault(o.Key, "ZZ")).Select(g => (g.Key, g.Sum(o => o.Count)))
            .OrderByDescending(x => x.Item2).Take(12).ToList();

        var open = db.Requests.AsNoTracking().Where(RequestService.VisibleTo(actor.OrganisationId, viewer.CommunityIds.ToList()))
            .Where(r => !Closed.Contains(r.State));
        return new DashboardFigures(perOrganisation.Sum(o => o.Count),
            perOrganisation.Where(o => o.Key == actor.OrganisationId).Sum(o => o.Count),
            await db.Cases.AsNoTracking().VisibleTo(viewer).CountAsync(cancellationToken),
            await open.CountAsync(cancellationToken), days, byCategory, byCountry,
            await open.OrderBy(r => r.AcknowledgedAt == null ? r.AcknowledgeDueAt : r.ActionDueAt).Take(10).ToListAsync(cancellationToken));
    }
}
