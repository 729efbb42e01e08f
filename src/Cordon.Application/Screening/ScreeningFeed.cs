using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Core.Identifiers;
using Cordon.Core.Screening;
using Cordon.Core.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Screening;

/// <summary>Where the feed has got to: the change sequence and, within it, the last indicator id read.</summary>
public readonly record struct FeedPosition(long Sequence, Guid IndicatorId)
{
    public static readonly FeedPosition Start = new(0, Guid.Empty);

    /// <summary>
    /// As <see cref="IndicatorId"/>: every indicator of the sequence has been read. The all-ones uuid sorts last in
    /// every store's order (bytes, or upper-case hex text).
    /// </summary>
    public static readonly Guid WholeSequence = new("ffffffff-ffff-ffff-ffff-ffffffffffff");
}

/// <summary>Organisation facts the index and the screening path need: each organisation's country.</summary>
public sealed record MemberFacts(IReadOnlyDictionary<Guid, string> Countries, long AuditHead);

/// <summary>
/// Reads indicators as index entries: all active ones in one unordered scan (a full build), or those after a position
/// in change-sequence order (the store's monotonic change feed), a page at a time.
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
    /// Where the feed goes on from after a full build that starts now: past every change so far. Read before the scan:
    /// appends are serialised, so every indicator changed up to this sequence is in the scan that follows, and one
    /// changed since has a later sequence and is read (again, harmlessly) by the feed.
    /// </summary>
    public static async Task<FeedPosition> LatestAsync(CordonDb db, CancellationToken cancellationToken) =>
        new(await db.Indicators.MaxAsync(i => (long?)i.ChangeSequence, cancellationToken) ?? 0, FeedPosition.WholeSequence);

    /// <summary>
    /// Every active indicator, for a full build: one scan in no particular order, in chunks (the index does not depend
    /// on the order, and asking for one would make the database sort or walk an index for millions of rows). It blocks
    /// while it reads: a synchronous reader costs a third less per row than an asynchronous one, which counts at
    /// ten million rows, so run it on a thread of its own. <paramref name="lookups"/> is a second context for the
    /// community lists, since the scan keeps its connection busy.
    /// </summary>
    public static IEnumerable<List<IndexEntry>> ReadAll(CordonDb db, CordonDb lookups, int chunk)
    {
        var entries = new List<IndexEntry>(chunk);
        foreach (var entry in ActiveIndicatorScan.Read(db))
        {
            entries.Add(entry);
            if (entries.Count == chunk)
            {
                yield return WithCommunities(lookups, entries);
                entries = new List<IndexEntry>(chunk);
            }
        }
        if (entries.Count > 0)
        {
            yield return WithCommunities(lookups, entries);
        }
    }

    /// <summary>The community lists of the entries shared with communities, filled in place.</summary>
    private static List<IndexEntry> WithCommunities(CordonDb db, List<IndexEntry> entries)
    {
        var shared = entries.Where(e => e.Distribution == Distribution.Communities).Select(e => e.IndicatorId).ToList();
        if (shared.Count == 0)
        {
            return entries;
        }
        var communities = ByIndicator(CommunitiesOf(db, shared).AsEnumerable());
        for (var i = 0; i < entries.Count; i++)
        {
            if (communities.TryGetValue(entries[i].IndicatorId, out var list))
            {
                entries[i] = entries[i] with { Communities = list };
            }
        }
        return entries;
    }

    private sealed record Row(Guid Id, IdentifierType Type, string Value, Guid OrganisationId, Tlp Tlp, Distribution Distribution,
        int CategoryFlags, int Confidence, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, DateTimeOffset? ValidUntil, bool Revoked,
        long ChangeSequence);

    private static IQueryable<Row> Rows(IQueryable<Indicator> indicators) =>
        indicators.OrderBy(i => i.ChangeSequence).ThenBy(i => i.Id)
            .Select(i => new Row(i.Id, i.Observable.Type, i.Observable.Value, i.OrganisationId, i.Tlp, i.Distribution, i.CategoryFlags,
                i.Confidence, i.FirstSeen, i.LastSeen, i.ValidUntil, i.RevokedAt != null, i.ChangeSequence));

    private static async Task<List<IndexEntry>> EntriesAsync(CordonDb db, List<Row> rows, CancellationToken cancellationToken)
    {
        var shared = rows.Where(r => r.Distribution == Distribution.Communities).Select(r => r.Id).ToList();
        var communities = shared.Count == 0 ? [] : ByIndicator(await CommunitiesOf(db, shared).ToListAsync(cancellationToken));
        return rows.Select(r => new IndexEntry(r.Id, r.Type, r.Value, r.OrganisationId, r.Tlp, r.Distribution,
            communities.GetValueOrDefault(r.Id, []), r.CategoryFlags, r.Confidence, r.FirstSeen, r.LastSeen, r.ValidUntil, r.Revoked)).ToList();
    }

    private static IQueryable<IndicatorCommunity> CommunitiesOf(CordonDb db, List<Guid> indicators) =>
        db.IndicatorCommunities.AsNoTracking().Where(c => indicators.Contains(c.IndicatorId));

    private static Dictionary<Guid, IReadOnlyCollection<Guid>> ByIndicator(IEnumerable<IndicatorCommunity> rows) =>
        rows.GroupBy(c => c.IndicatorId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<Guid>)g.Select(c => c.CommunityId).ToList());

    /// <param name="auditHead">The audit head read just before: the facts are current up to it (or later).</param>
    public static async Task<MemberFacts> MemberFactsAsync(CordonDb db, long auditHead, CancellationToken cancellationToken)
    {
        var countries = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Country, cancellationToken);
        return new MemberFacts(countries, auditHead);
    }

    public static Task<long> AuditHeadAsync(CordonDb db, CancellationToken cancellationToken) =>
        db.AuditHeads.AsNoTracking().Select(h => h.Sequence).FirstOrDefaultAsync(cancellationToken);
}
