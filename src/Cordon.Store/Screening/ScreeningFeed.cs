using Cordon.Core.Identifiers;
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
    /// <summary>The changes after a position, one page (the feed between two polls is small).</summary>
    public static async Task<(List<IndexEntry> Entries, FeedPosition Position)> ReadAsync(CordonDb db, FeedPosition after, int max,
        CancellationToken cancellationToken)
    {
        var rows = await Rows(db.Indicators.AsNoTracking()
                .Where(i => i.ChangeSequence > after.Sequence || (i.ChangeSequence == after.Sequence && i.Id.CompareTo(after.IndicatorId) > 0)))
            .Take(max).ToListAsync(cancellationToken);
        return rows.Count == 0 ? ([], after) : (await EntriesAsync(db, rows, cancellationToken), new FeedPosition(rows[^1].ChangeSequence, rows[^1].Id));
    }

    /// <summary>
    /// Everything, for a full build: one ordered scan streamed in chunks (paging with a keyset condition would make the
    /// database re-scan the index for every page). The last chunk's position is where the feed goes on from.
    /// <paramref name="lookups"/> is a second context for the community lists, since the scan keeps its connection busy.
    /// </summary>
    public static async IAsyncEnumerable<(List<IndexEntry> Entries, FeedPosition Position)> ReadAllAsync(CordonDb db, CordonDb lookups,
        int chunk,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = new List<Row>(chunk);
        await foreach (var row in Rows(db.Indicators.AsNoTracking()).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            rows.Add(row);
            if (rows.Count == chunk)
            {
                yield return (await EntriesAsync(lookups, rows, cancellationToken), new FeedPosition(rows[^1].ChangeSequence, rows[^1].Id));
                rows.Clear();
            }
        }
        if (rows.Count > 0)
        {
            yield return (await EntriesAsync(lookups, rows, cancellationToken), new FeedPosition(rows[^1].ChangeSequence, rows[^1].Id));
        }
    }

    private sealed record Row(Guid Id, IdentifierType Type, string Value, Guid OrganisationId, Tlp Tlp, Distribution Distribution,
        int CategoryFlags, int Confidence, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, DateTimeOffset? ValidUntil, bool Revoked,
        long ChangeSequence);

    private static IQueryable<Row> Rows(IQueryable<Entities.Indicator> indicators) =>
        indicators.OrderBy(i => i.ChangeSequence).ThenBy(i => i.Id)
            .Select(i => new Row(i.Id, i.Observable.Type, i.Observable.Value, i.OrganisationId, i.Tlp, i.Distribution, i.CategoryFlags,
                i.Confidence, i.FirstSeen, i.LastSeen, i.ValidUntil, i.RevokedAt != null, i.ChangeSequence));

    private static async Task<List<IndexEntry>> EntriesAsync(CordonDb db, List<Row> rows, CancellationToken cancellationToken)
    {
        var shared = rows.Where(r => r.Distribution == Distribution.Communities).Select(r => r.Id).ToList();
        var communities = shared.Count == 0
            ? []
            : (await db.IndicatorCommunities.AsNoTracking().Where(c => shared.Contains(c.IndicatorId)).ToListAsync(cancellationToken))
                .GroupBy(c => c.IndicatorId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<Guid>)g.Select(c => c.CommunityId).ToList());
        return rows.Select(r => new IndexEntry(r.Id, r.Type, r.Value, r.OrganisationId, r.Tlp, r.Distribution,
            communities.GetValueOrDefault(r.Id, []), r.CategoryFlags, r.Confidence, r.FirstSeen, r.LastSeen, r.ValidUntil, r.Revoked)).ToList();
    }

    /// <param name="auditHead">The audit head read just before: the facts are current up to it (or later).</param>
    public static async Task<MemberFacts> MemberFactsAsync(CordonDb db, long auditHead, CancellationToken cancellationToken)
    {
        var countries = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Country, cancellationToken);
        var memberships = (await db.CommunityMembers.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(m => m.OrganisationId)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<Guid>)g.Select(m => m.CommunityId).ToHashSet());
        return new MemberFacts(countries, memberships, auditHead);
    }

    public static Task<long> AuditHeadAsync(CordonDb db, CancellationToken cancellationToken) =>
        db.AuditHeads.AsNoTracking().Select(h => h.Sequence).FirstOrDefaultAsync(cancellationToken);
}
