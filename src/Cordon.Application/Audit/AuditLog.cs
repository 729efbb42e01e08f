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
public sealed class AuditLog(CordonDb db, TimeProvider clock, IEnumerable<IAuditedContent> contents, AuditState state)
{
    // Any constant works; it only has to be the same on every instance sharing the PostgreSQL database.
    private const long ChainLockKey = 0x436f72646f6e01;
    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Runs <paramref name="change"/> in a transaction, appends its audit record to the chain and the Merkle tree (with
    /// the content hashes of the items it names, when their type keeps them) and commits all together. Appends are
    /// serialised (an immediate transaction on SQLite, an advisory lock on PostgreSQL) so that the log never forks.
    /// </summary>
    public async Task<T> WriteAsync<T>(Actor actor, Func<Task<AuditedChange<T>>> change, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(cancellationToken);
        // Read once, under the lock: no other append can move the head before this transaction commits.
        var head = await IntactHeadAsync(cancellationToken);
        PendingSequence = (head?.Sequence ?? 0) + 1;
        lastDateAdded = null;
        var done = await change();
        var itemContents = await ContentHashesAsync(done.ItemType, done.ItemIds, cancellationToken);
        StoreHead(head, Append(head, actor, done.Action, done.ItemType, done.ItemIds, done.Details, itemContents));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return done.Result;
    }

    /// <summary>Appends several records that go with no change (reads noted after the fact) in one transaction.</summary>
    public async Task RecordAsync(IReadOnlyList<AuditFact> facts, CancellationToken cancellationToken = default)
    {
        if (facts.Count == 0)
        {
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(cancellationToken);
        var head = await IntactHeadAsync(cancellationToken);
        var last = head;
        foreach (var fact in facts)
        {
            last = Append(last, fact.Actor, fact.Action, fact.ItemType, fact.ItemIds, fact.Details, null);
        }
        StoreHead(head, last!);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Within a transaction: takes the log's append lock on PostgreSQL (SQLite's transactions are immediate, so
    /// serialised already), held until the transaction ends.
    /// </summary>
    internal async Task LockAsync(CancellationToken cancellationToken)
    {
        if (db.Provider == StoreProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", cancellationToken);
        }
    }

    /// <summary>
    /// The head, after checking that it names the last record, with its hash: a log shortened, or a head removed or
    /// edited, outside Cordon is refused before anything is appended to it. One query reads both (the last record by
    /// its key).
    /// </summary>
    private async Task<AuditHead?> IntactHeadAsync(CancellationToken cancellationToken)
    {
        if (state.Current is { } broken)
        {
            throw new Core.Errors.AuditLogBrokenException(broken.At);
        }
        var (head, last) = await HeadAndTailAsync(cancellationToken);
        if (await FirstBadRecordAsync(head, last, cancellationToken) is { } sequence)
        {
            throw new Core.Errors.AuditLogBrokenException(sequence);
        }
        return head;
    }

    private async Task<(AuditHead? Head, (long Sequence, string Hash)? Last)> HeadAndTailAsync(CancellationToken cancellationToken)
    {
        var row = await db.AuditHeads.AsNoTracking().Where(h => h.Id == 1).Select(h => new
        {
            Head = h,
            LastSequence = db.AuditRecords.Max(a => (long?)a.Sequence),
            LastHash = db.AuditRecords.OrderByDescending(a => a.Sequence).Select(a => a.Hash).FirstOrDefault(),
        }).SingleOrDefaultAsync(cancellationToken);
        if (row is not null)
        {
            return (row.Head, row.LastSequence is { } sequence ? (sequence, row.LastHash!) : null);
        }
        var last = await db.AuditRecords.AsNoTracking().OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        return (null, last is null ? null : (last.Sequence, last.Hash));
    }

    /// <summary>
    /// The first bad record when the log is known to be broken — by the last full verification in this process, else by
    /// its tail not agreeing with its head — or null (for readiness, the console, and before signing a head).
    /// </summary>
    public async Task<long?> BrokenAtAsync(CancellationToken cancellationToken)
    {
        if (state.Current is { } broken)
        {
            return broken.At;
        }
        var (head, last) = await HeadAndTailAsync(cancellationToken);
        return await FirstBadRecordAsync(head, last, cancellationToken);
    }

    private async Task<long?> FirstBadRecordAsync(AuditHead? head, (long Sequence, string Hash)? tail, CancellationToken cancellationToken)
    {
        if (tail is null && head is null)
        {
            // An empty log is only right for an empty store: the node's first organisation was created with a record.
            return await db.AuditTree.AnyAsync(cancellationToken) || await db.Organisations.AnyAsync(cancellationToken) ? 1 : null;
        }
        return (tail, head) switch
        {
            (null, _) => 1, // records gone, head kept
            ({ } last, null) => last.Sequence, // the head that vouched for the last record is gone
            ({ } last, _) when last.Sequence < head.Sequence => last.Sequence + 1, // the tail was cut
            ({ } last, _) when last.Sequence > head.Sequence => head.Sequence + 1, // the head was set back
            ({ } last, _) when last.Hash != head.Hash => head.Sequence, // the last record or the head was edited
            // The tree must hold every record (records kept before it are added at start, before anything is served).
            _ when head.TreeSize != head.Sequence => Math.Min(head.TreeSize, head.Sequence) + 1,
            _ when !EdgeParses(head) => head.Sequence, // the tree's edge was edited
            _ => null,
        };
    }

    private static bool EdgeParses(AuditHead head)
    {
        try
        {
            MerkleFrontier.Parse(head.TreeSize, head.TreeFrontier);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
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
        indicator.ChangeSequence = PendingSequence;
        indicator.DateAdded = await NextDateAddedAsync(cancellationToken);
    }

    /// <summary>
    /// During <see cref="WriteAsync"/>: a <c>date_added</c> later than any before it on this node, for anything a TAXII
    /// collection serves (indicators, bulletins, operations and their results share one order).
    /// </summary>
    public async Task<DateTimeOffset> NextDateAddedAsync(CancellationToken cancellationToken)
    {
        lastDateAdded ??= new[]
        {
            await db.Indicators.MaxAsync(i => (DateTimeOffset?)i.DateAdded, cancellationToken),
            await db.Bulletins.MaxAsync(b => b.DateAdded, cancellationToken),
            await db.Operations.MaxAsync(o => (DateTimeOffset?)o.DateAdded, cancellationToken),
            await db.OperationResults.MaxAsync(r => (DateTimeOffset?)r.DateAdded, cancellationToken),
        }.Max() ?? DateTimeOffset.MinValue;
        var now = Core.Stix.StixTime.ToMicroseconds(clock.GetUtcNow());
        lastDateAdded = now > lastDateAdded ? now : lastDateAdded.Value.AddTicks(10);
        return lastDateAdded.Value;
    }

    /// <summary>
    /// The items' content as the store now holds it: the change is saved first (inside the transaction) and read back,
    /// so that the hash is of what a later check will read, not of objects in memory.
    /// </summary>
    private async Task<IReadOnlyList<(Guid ItemId, string ContentHash)>?> ContentHashesAsync(string itemType, IReadOnlyList<Guid> itemIds,
        CancellationToken cancellationToken)
    {
        if (itemIds.Count == 0 || contents.FirstOrDefault(c => c.ItemType == itemType) is not { } content)
        {
            return null;
        }
        await db.SaveChangesAsync(cancellationToken);
        var canonical = await content.CanonicalAsync(db, itemIds.Distinct().ToList(), cancellationToken);
        return canonical.Select(pair => (pair.Key, AuditContent.Hash(pair.Value))).ToList();
    }

    private AuditHead Append(AuditHead? head, Actor actor, string action, string itemType, IReadOnlyList<Guid> itemIds, object? details,
        IReadOnlyList<(Guid ItemId, string ContentHash)>? itemContents)
    {
        var entry = new AuditEntry(
            Sequence: (head?.Sequence ?? 0) + 1,
            At: AuditChain.Truncate(clock.GetUtcNow()),
            OrganisationId: actor.OrganisationId,
            ActorKind: actor.Kind.ToString().ToLowerInvariant(),
            ActorId: actor.ActorId,
            Action: action,
            ItemType: itemType,
            ItemIds: string.Join(',', itemIds.Select(id => id.ToString("D"))),
            Details: JsonSerializer.Serialize(details ?? new { }, DetailsJson),
            ContentDigest: itemContents is null ? null : AuditContent.Digest(itemContents));
        var chained = new ChainedAuditEntry(entry, head?.Hash ?? AuditChain.Genesis,
            AuditChain.Link(head?.Hash ?? AuditChain.Genesis, entry));
        db.AuditRecords.Add(AuditRecord.From(chained));
        foreach (var (itemId, contentHash) in itemContents ?? [])
        {
            db.AuditContents.Add(new AuditItemContent { Sequence = entry.Sequence, ItemId = itemId, ItemType = itemType, ContentHash = contentHash });
        }
        var frontier = MerkleFrontier.Parse(head?.TreeSize ?? 0, head?.TreeFrontier); // checked with the tail
        frontier.Append(AuditChain.LeafHash(entry),
            (level, index, hash) => db.AuditTree.Add(new AuditTreeNode { Level = level, Index = index, Hash = Convert.ToHexStringLower(hash) }));
        return new AuditHead
        {
            Id = 1,
            Sequence = entry.Sequence,
            Hash = chained.Hash,
            TreeSize = frontier.Size,
            TreeFrontier = frontier.Serialise(),
        };
    }

    /// <summary>Writes the head after the transaction's last record (once: looking for it among tracked entities costs a scan).</summary>
    private void StoreHead(AuditHead? head, AuditHead newHead)
    {
        // A context that wrote before may track the head already: the values just computed from the snapshot read under
        // the lock are the truth.
        if (db.ChangeTracker.Entries<AuditHead>().FirstOrDefault(e => e.Entity.Id == 1) is { } tracked)
        {
            tracked.CurrentValues.SetValues(newHead);
            if (tracked.State != EntityState.Added)
            {
                tracked.State = EntityState.Modified;
            }
        }
        else if (head is null)
        {
            db.AuditHeads.Add(newHead);
        }
        else
        {
            db.AuditHeads.Update(newHead);
        }
    }

    /// <summary>
    /// Walks the whole log in order (streamed, so a long log does not fill memory): the hash chain, the Merkle tree
    /// recomputed from the records against the kept subtrees and head, and, given a head saved off the machine, that the
    /// log still holds its records unchanged (the root over its first <c>Size</c> records is the one it signed).
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(PublishedTreeHead? saved = null, CancellationToken cancellationToken = default)
    {
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
        var findings = new List<string>();
        var walker = new AuditChainWalker();
        var frontier = new MerkleFrontier();
        var levels = new List<MemoryStream>();
        byte[]? rootAtSaved = saved is { Size: 0 } ? MerkleTree.EmptyRoot : null;
        // Up to the head read above: records appended while the walk runs belong to a later verification.
        var upTo = head?.Sequence ?? long.MaxValue;
        await foreach (var record in db.AuditRecords.AsNoTracking().Where(a => a.Sequence <= upTo).OrderBy(a => a.Sequence).AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
        {
            var chained = record.ToChained();
            if (!walker.Accept(chained))
            {
                break;
            }
            frontier.Append(AuditChain.LeafHash(chained.Entry), (level, _, hash) =>
            {
                if (levels.Count == level)
                {
                    levels.Add(new MemoryStream());
                }
                levels[level].Write(hash);
            });
            if (saved is not null && frontier.Size == saved.Size)
            {
                rootAtSaved = frontier.Root();
            }
        }
        var brokenAt = walker.Finish(head is null ? null : (head.Sequence, head.Hash));
        if (brokenAt is { } chainBreak)
        {
            findings.Add($"record {chainBreak}: does not fit the hash chain or its head (edited, removed, reordered or inserted)");
        }
        if (head is null && walker.Accepted > 0)
        {
            findings.Add("the log's head row is missing");
            brokenAt ??= walker.Accepted;
        }
        if (await FirstBadTreeNodeAsync(levels, walker.Accepted, cancellationToken) is { } badNode)
        {
            findings.Add($"record {badNode}: the Merkle tree kept for it does not match the records");
            brokenAt = Math.Min(brokenAt ?? long.MaxValue, badNode);
        }
        if (brokenAt is null && head is not null && (head.TreeSize != frontier.Size || head.TreeFrontier != frontier.Serialise()))
        {
            findings.Add("the tree head kept in the store does not match the records");
            brokenAt = Math.Min(head.TreeSize, frontier.Size) + 1;
        }
        if (saved is not null)
        {
            brokenAt = CheckSavedHead(saved, walker.Accepted, rootAtSaved, brokenAt, findings);
            var key = await db.SigningKeys.AsNoTracking().Select(k => k.PublicKey).SingleOrDefaultAsync(cancellationToken);
            if (key is not null && key != saved.PublicKey)
            {
                findings.Add("the node's signing key is not the one that signed the saved head");
            }
        }
        var verification = new AuditVerification(findings.Count == 0, brokenAt, walker.Accepted, head?.Hash,
            Convert.ToHexStringLower(frontier.Root()), findings);
        if (saved is null)
        {
            state.Record(verification);
        }
        return verification;
    }

    private static long? CheckSavedHead(PublishedTreeHead saved, long records, byte[]? rootAtSaved, long? brokenAt, List<string> findings)
    {
        if (!saved.Verifies())
        {
            findings.Add("the saved head's signature does not hold: the file is not a head this node signed");
            return brokenAt;
        }
        if (records < saved.Size)
        {
            findings.Add($"the log holds {records} intact records; the saved head of {saved.Time:O} signed {saved.Size}");
            return Math.Min(brokenAt ?? long.MaxValue, records + 1);
        }
        if (rootAtSaved is null || Convert.ToHexStringLower(rootAtSaved) != saved.RootHash)
        {
            findings.Add($"the first {saved.Size} records do not hash to the root of the saved head of {saved.Time:O}: records "
                         + "before it were edited, removed, reordered or inserted");
            return brokenAt ?? 1;
        }
        return brokenAt;
    }

    /// <summary>
    /// Compares the kept subtrees, in (level, index) order, with those recomputed from the intact records: a changed,
    /// missing or extra one names the first record it covers.
    /// </summary>
    private async Task<long?> FirstBadTreeNodeAsync(List<MemoryStream> levels, long intactRecords, CancellationToken cancellationToken)
    {
        long? first = null;
        void Bad(int level, long index) => first = Math.Min(first ?? long.MaxValue, (index << level) + 1);
        long Complete(int level) => level < levels.Count ? levels[level].Length / 32 : 0;
        var level = 0;
        var expected = 0L;
        await foreach (var node in db.AuditTree.AsNoTracking().OrderBy(n => n.Level).ThenBy(n => n.Index).AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
        {
            for (; level < node.Level; level++, expected = 0)
            {
                if (expected < Complete(level))
                {
                    Bad(level, expected);
                }
            }
            if (node.Level is < 0 or > 62 || node.Index < 0 || node.Index >= (1L << (62 - node.Level)))
            {
                Bad(0, Math.Max(0, intactRecords)); // a row no append writes
                continue;
            }
            if ((node.Index + 1) << node.Level > intactRecords)
            {
                // Beyond the intact records: the chain check names a break, and appends made since the head was read
                // are a later verification's to check.
                continue;
            }
            if (node.Index > expected)
            {
                Bad(level, expected);
            }
            var computed = Convert.ToHexStringLower(levels[level].GetBuffer().AsSpan(checked((int)(node.Index * 32)), 32));
            if (computed != node.Hash)
            {
                Bad(level, node.Index);
            }
            expected = node.Index + 1;
        }
        for (; level < levels.Count; level++, expected = 0)
        {
            if (expected < Complete(level))
            {
                Bad(level, expected);
            }
        }
        return first;
    }

    /// <summary>Whether an audit record is one of the organisation's own (what a member's administrator may see).</summary>
    public Task<bool> BelongsToAsync(long sequence, Guid organisationId, CancellationToken cancellationToken) =>
        db.AuditRecords.AnyAsync(a => a.Sequence == sequence && a.OrganisationId == organisationId, cancellationToken);

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

/// <summary>
/// The result of walking the log: <c>BrokenAt</c> is the first record that does not fit (when it can be named), and
/// <c>Findings</c> says in words what does not hold.
/// </summary>
public sealed record AuditVerification(bool Ok, long? BrokenAt, long Records, string? HeadHash, string TreeRoot, IReadOnlyList<string> Findings);
