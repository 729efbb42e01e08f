using Cordon.Core.Screening;
using Cordon.Core.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Store.Screening;

/// <summary>Where the feed has got to: the change sequence and, within it, the last indicator id read.</summary>
public readonly record struct FeedPosition(long Sequence, Guid IndicatorId)
{
    public static readonly FeedPosition Start = new(0, Guid.Empty);
}

/// <summary>Organisation facts the index and the screening path need: country and community memberships.</summary>
public sealed record MemberFacts(IReadOnlyDictionary<Guid, string> Countries, IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> Communities, long AuditHead);

/// <summary>
/// Reads indicators in change-sequence order (the store's monotonic change feed) as index entries, in pages, from
/// the start (a full build) or from a position (the changes since).
/// </summary>
public static class ScreeningFeed
{
    public static async Task<(List<IndexEntry> Entries, FeedPosition Position)> ReadAsync(CordonDb db, FeedPosition after, int max,
        CancellationToken cancellationToken)
    {
        var rows = await db.Indicators.AsNoTracking()
            .Where(i => i.ChangeSequence > after.Sequence || (i.ChangeSequence == after.Sequence && i.Id.CompareTo(after.IndicatorId) > 0))
            .OrderBy(i => i.ChangeSequence).ThenBy(i => i.Id)
            .Take(max)
            .Select(i => new
            {
                i.Id,
                i.Observable.Type,
                i.Observable.Value,
                i.OrganisationId,
                i.Tlp,
                i.Distribution,
                i.CategoryFlags,
                i.Confidence,
                i.FirstSeen,
                i.LastSeen,
                i.ValidUntil,
                Revoked = i.RevokedAt != null,
                i.ChangeSequence,
            })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return ([], after);
        }
        var shared = rows.Where(r => r.Distribution == Distribution.Communities).Select(r => r.Id).ToList();
        var communities = shared.Count == 0
            ? []
            : (await db.IndicatorCommunities.AsNoTracking().Where(c => shared.Contains(c.IndicatorId)).ToListAsync(cancellationToken))
                .GroupBy(c => c.IndicatorId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<Guid>)g.Select(c => c.CommunityId).ToList());
        var entries = rows.Select(r => new IndexEntry(r.Id, r.Type, r.Value, r.OrganisationId, r.Tlp, r.Distribution,
            communities.GetValueOrDefault(r.Id, []), r.CategoryFlags, r.Confidence, r.FirstSeen, r.LastSeen, r.ValidUntil, r.Revoked)).ToList();
        return (entries, new FeedPosition(rows[^1].ChangeSequence, rows[^1].Id));
    }

    public static async Task<MemberFacts> MemberFactsAsync(CordonDb db, CancellationToken cancellationToken)
    {
        var head = await db.AuditHeads.AsNoTracking().Select(h => h.Sequence).FirstOrDefaultAsync(cancellationToken);
        var countries = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Country, cancellationToken);
        var memberships = (await db.CommunityMembers.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(m => m.OrganisationId)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<Guid>)g.Select(m => m.CommunityId).ToHashSet());
        return new MemberFacts(countries, memberships, head);
    }

    public static Task<long> AuditHeadAsync(CordonDb db, CancellationToken cancellationToken) =>
        db.AuditHeads.AsNoTracking().Select(h => h.Sequence).FirstOrDefaultAsync(cancellationToken);
}
