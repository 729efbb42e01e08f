using System.Text.Json;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Core.Audit;
using Cordon.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Audit;

/// <summary>
/// Runs every write that matters in one transaction with its audit record, and reads and verifies the chain.
/// </summary>
public sealed class AuditLog(CordonDb db, TimeProvider clock)
{
    // Any constant works; it only has to be the same on every instance sharing the PostgreSQL database.
    private const long ChainLockKey = 0x436f72646f6e01;
    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Runs <paramref name="change"/> in a transaction, appends its audit record to the chain and commits both
    /// together. Appends are serialised (an immediate transaction on SQLite, an advisory lock on PostgreSQL) so that the
    /// chain never forks.
    /// </summary>
    public async Task<T> WriteAsync<T>(Actor actor, Func<Task<AuditedChange<T>>> change, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Provider == StoreProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", cancellationToken);
        }
        // Read once, under the lock: no other append can move the head before this transaction commits.
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
        await EnsureIntactTailAsync(head, cancellationToken);
        PendingSequence = (head?.Sequence ?? 0) + 1;
        lastDateAdded = null;
        var done = await change();
        Append(head, actor, done.Action, done.ItemType, done.ItemIds, done.Details);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return done.Result;
    }

    /// <summary>
    /// The head must name the last record, with its hash: a log shortened, or a head removed or edited, outside Cordon
    /// is refused before anything is appended to it (one read of the last record by its key).
    /// </summary>
    private async Task EnsureIntactTailAsync(AuditHead? head, CancellationToken cancellationToken)
    {
        if (await FirstBadRecordAtTailAsync(head, cancellationToken) is { } sequence)
        {
            throw new Core.Errors.AuditLogBrokenException(sequence);
        }
    }

    /// <summary>Where the log's tail stops agreeing with its head, or null when they agree (for the readiness check).</summary>
    public async Task<long?> FirstBadRecordAtTailAsync(CancellationToken cancellationToken) =>
        await FirstBadRecordAtTailAsync(await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, cancellationToken), cancellationToken);

    private async Task<long?> FirstBadRecordAtTailAsync(AuditHead? head, CancellationToken cancellationToken)
    {
        var last = await db.AuditRecords.AsNoTracking().OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        if (last is null && head is null)
        {
            return null;
        }
        return (last, head) switch
        {
            (null, _) => 1, // records gone, head kept
            (_, null) => last.Sequence, // the head that vouched for the last record is gone
            _ when last.Sequence < head.Sequence => last.Sequence + 1, // the tail was cut
            _ when last.Sequence > head.Sequence => head.Sequence + 1, // the head was set back
            _ when last.Hash != head.Hash => head.Sequence, // the last record or the head was edited
            _ => null,
        };
    }

    /// <summary>
    /// During <see cref="WriteAsync"/>: the sequence number the change's audit record will get. Changes stamp it on
    /// what they write, which makes a change feed that commits in order (appends are serialised).
    /// </summary>
    public long PendingSequence { get; private set; }

    private DateTimeOffset? lastDateAdded;

    /// <summary>
    /// During <see cref="WriteAsync"/>: marks an indicator as changed by this write, with the change sequence and a
    /// <see cref="Indicator.DateAdded"/> later than any before it on this node (a microsecond apart within one write,
    /// and never behind the last one even when instances' clocks disagree), so that TAXII readers can page and resume
    /// by <c>added_after</c> without skipping or repeating anything.
    /// </summary>
    public async Task StampAsync(Indicator indicator, CancellationToken cancellationToken)
    {
        lastDateAdded ??= await db.Indicators.MaxAsync(i => (DateTimeOffset?)i.DateAdded, cancellationToken) ?? DateTimeOffset.MinValue;
        var now = Core.Stix.StixTime.ToMicroseconds(clock.GetUtcNow());
        lastDateAdded = now > lastDateAdded ? now : lastDateAdded.Value.AddTicks(10);
        indicator.ChangeSequence = PendingSequence;
        indicator.DateAdded = lastDateAdded.Value;
    }

    private void Append(AuditHead? head, Actor actor, string action, string itemType, IReadOnlyList<Guid> itemIds, object? details)
    {
        // A context that wrote before may still track an older head; the snapshot read under the lock is the truth.
        foreach (var tracked in db.ChangeTracker.Entries<AuditHead>().ToList())
        {
            tracked.State = EntityState.Detached;
        }
        var entry = new AuditEntry(
            Sequence: (head?.Sequence ?? 0) + 1,
            At: AuditChain.Truncate(clock.GetUtcNow()),
            OrganisationId: actor.OrganisationId,
            ActorKind: actor.Kind.ToString().ToLowerInvariant(),
            ActorId: actor.ActorId,
            Action: action,
            ItemType: itemType,
            ItemIds: string.Join(',', itemIds.Select(id => id.ToString("D"))),
            Details: JsonSerializer.Serialize(details ?? new { }, DetailsJson));
        var chained = new ChainedAuditEntry(entry, head?.Hash ?? AuditChain.Genesis,
            AuditChain.Link(head?.Hash ?? AuditChain.Genesis, entry));
        db.AuditRecords.Add(AuditRecord.From(chained));
        var newHead = new AuditHead { Id = 1, Sequence = entry.Sequence, Hash = chained.Hash };
        if (head is null)
        {
            db.AuditHeads.Add(newHead);
        }
        else
        {
            db.AuditHeads.Update(newHead);
        }
    }

    /// <summary>Walks the whole chain in order; streams rows so that a long chain does not fill memory.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
        var walker = new AuditChainWalker();
        await foreach (var record in db.AuditRecords.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
        {
            if (!walker.Accept(record.ToChained()))
            {
                break;
            }
        }
        var broken = walker.Finish(head is null ? null : (head.Sequence, head.Hash));
        return new AuditVerification(broken is null, broken, walker.Accepted, head?.Hash);
    }

    /// <summary>Lists the chain, newest first, optionally only one organisation's records.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAsync(Guid? organisationId, long? before, int limit,
        CancellationToken cancellationToken = default)
    {
        var query = db.AuditRecords.AsNoTracking();
        if (organisationId is { } org)
        {
            query = query.Where(a => a.OrganisationId == org);
        }
        if (before is { } cursor)
        {
            query = query.Where(a => a.Sequence < cursor);
        }
        return await query.OrderByDescending(a => a.Sequence).Take(limit).ToListAsync(cancellationToken);
    }
}

/// <summary>The result of walking the chain: <c>BrokenAt</c> is the first sequence number that does not fit.</summary>
public sealed record AuditVerification(bool Ok, long? BrokenAt, long Records, string? HeadHash);
