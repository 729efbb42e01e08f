using Cordon.Application.Cases;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Application.Response;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Response;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.WebConsole.Dashboard;

/// <summary>The dashboard's figures, all counted over what the signed-in organisation may see.</summary>
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

    public static async Task<DashboardFigures> LoadAsync(CordonDb db, Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (actor, viewer) = caller;
        var visible = db.Indicators.AsNoTracking().VisibleTo(viewer).Where(i => i.RevokedAt == null);
        var since = now.AddDays(-TrendDays);
        // Small projections, counted in memory: the same code on SQLite and PostgreSQL.
        var facts = await visible.Select(i => new { i.CreatedAt, i.CategoryFlags, i.OrganisationId }).ToListAsync(cancellationToken);
        var countries = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Country, cancellationToken);
        var perDay = facts.Where(f => f.CreatedAt >= since).GroupBy(f => DateOnly.FromDateTime(f.CreatedAt.UtcDateTime))
            .ToDictionary(g => g.Key, g => g.Count());
        var days = Enumerable.Range(0, TrendDays).Select(d => DateOnly.FromDateTime(now.UtcDateTime).AddDays(d - TrendDays + 1))
            .Select(day => (day, perDay.GetValueOrDefault(day))).ToList();
        var byCategory = Enum.GetValues<Category>().Select(c => (c, facts.Count(f => (f.CategoryFlags & CategorySet.Flag(c)) != 0)))
            .Where(x => x.Item2 > 0).OrderByDescending(x => x.Item2).ToList();
        var byCountry = facts.GroupBy(f => countries.GetValueOrDefault(f.OrganisationId, "ZZ")).Select(g => (g.Key, g.Count()))
            .OrderByDescending(x => x.Item2).Take(12).ToList();
        var open = db.Requests.AsNoTracking().Where(r => (r.SenderId == actor.OrganisationId || r.RecipientId == actor.OrganisationId)
                                                         && r.State != RequestState.Actioned && r.State != RequestState.Declined
                                                         && r.State != RequestState.Expired && r.State != RequestState.Withdrawn);
        var openList = await open.ToListAsync(cancellationToken);
        return new DashboardFigures(facts.Count, facts.Count(f => f.OrganisationId == actor.OrganisationId),
            await db.Cases.AsNoTracking().VisibleTo(viewer).CountAsync(cancellationToken), openList.Count, days, byCategory, byCountry,
            openList.OrderBy(r => r.NextDueAt).Take(10).ToList());
    }
}
