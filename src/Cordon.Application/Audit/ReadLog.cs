using System.Collections.Concurrent;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Application.Audit;

/// <summary>
/// Reads of restricted data, noted by the services that answer them (an indicator or case that is not CLEAR/GREEN to
/// the whole node, any case's details, attachments, requests, exports, TAXII pages), for the audit log: who, what,
/// which route, when. Noting is in memory; <see cref="ReadAuditQueue"/> writes them in batches.
/// </summary>
public sealed class ReadLog(ReadAuditQueue queue, TimeProvider clock)
{
    /// <summary>How the read came: the HTTP method and path (set by the server per request), or the CLI verb.</summary>
    public string Route { get; set; } = "cli";

    /// <summary>Restricted to someone: not CLEAR or GREEN shared with the whole node (or further).</summary>
    public static bool IsRestricted(Tlp tlp, Distribution distribution) =>
        tlp is not (Tlp.Clear or Tlp.Green) || distribution is not (Distribution.Node or Distribution.Federation);

    public void Items(Actor actor, string itemType, IEnumerable<Guid> ids)
    {
        var list = ids.Distinct().ToList();
        if (list.Count > 0)
        {
            queue.Add(new ReadNote(actor, Route, itemType, list, list.Count, null, clock.GetUtcNow()));
        }
    }

    /// <summary>A bulk read (an export, a TAXII page): how many restricted items, and what was asked.</summary>
    public void Bulk(Actor actor, string itemType, long count, string what)
    {
        if (count > 0)
        {
            queue.Add(new ReadNote(actor, Route, itemType, [], count, what, clock.GetUtcNow()));
        }
    }
}

public sealed record ReadNote(Actor Actor, string Route, string ItemType, IReadOnlyList<Guid> ItemIds, long Count, string? What, DateTimeOffset At);

/// <summary>
/// Noted reads waiting to be written: one audit transaction per flush (the server flushes every second and at stop;
/// the CLI when a verb ends), one record per caller, route and item type, never one per item.
/// </summary>
public sealed class ReadAuditQueue(IServiceScopeFactory scopes)
{
    private const int MaxIdsPerRecord = 1000;
    private const int MaxWaiting = 1_000_000;
    private readonly ConcurrentQueue<ReadNote> notes = new();

    public void Add(ReadNote note) => notes.Enqueue(note);

    public bool IsEmpty => notes.IsEmpty;

    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var drained = new List<ReadNote>();
        while (drained.Count < 100_000 && notes.TryDequeue(out var note))
        {
            drained.Add(note);
        }
        if (drained.Count == 0)
        {
            return 0;
        }
        var records = drained.GroupBy(n => (n.Actor, n.Route, n.ItemType)).Select(group =>
        {
            var ids = group.SelectMany(n => n.ItemIds).Distinct().ToList();
            return new AuditFact(group.Key.Actor, "read.restricted", group.Key.ItemType, ids.Count <= MaxIdsPerRecord ? ids : [], new
            {
                group.Key.Route,
                Reads = group.Count(),
                Items = group.Sum(n => n.Count),
                First = group.Min(n => n.At),
                Last = group.Max(n => n.At),
                What = group.Select(n => n.What).OfType<string>().Distinct().Take(20).ToList(),
                MoreIds = ids.Count > MaxIdsPerRecord ? ids.Count : 0,
            });
        }).ToList();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(records, cancellationToken);
        }
        catch
        {
            // Not written (the store away, the log refusing writes): kept for the next flush rather than lost, up to a bound.
            foreach (var note in drained.Take(Math.Max(0, MaxWaiting - notes.Count)))
            {
                notes.Enqueue(note);
            }
            throw;
        }
        return records.Count;
    }
}
