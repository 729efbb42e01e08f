using Cordon.Application.Data;
using Cordon.Core.Audit;
using Cordon.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Audit;

/// <summary>
/// At start, after migrations: puts records kept before the Merkle tree existed into it, and records a content baseline
/// (one audit record per page of items) for cases and requests written before their content was hashed. Both run
/// once; a node whose log is already a tree does nothing.
/// </summary>
public sealed class AuditTreeBackfill(CordonDb db, AuditLog audit, IEnumerable<IAuditedContent> contents)
{
    private const int Page = 5000;

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await BuildTreeAsync(cancellationToken);
        foreach (var content in contents)
        {
            await BaselineAsync(content, cancellationToken);
        }
    }

    private async Task BuildTreeAsync(CancellationToken cancellationToken)
    {
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
        if (head is null || head.TreeSize == head.Sequence)
        {
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.LockAsync(cancellationToken);
        head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.Id == 1, cancellationToken);
        var frontier = MerkleFrontier.Parse(head.TreeSize, head.TreeFrontier);
        while (true)
        {
            var after = frontier.Size;
            var records = await db.AuditRecords.AsNoTracking().Where(a => a.Sequence > after).OrderBy(a => a.Sequence).Take(Page)
                .ToListAsync(cancellationToken);
            foreach (var record in records)
            {
                if (record.Sequence != frontier.Size + 1)
                {
                    // A gap: the log is broken, and `cordon audit verify` names where; the tree stops before it.
                    records.Clear();
                    break;
                }
                frontier.Append(AuditChain.LeafHash(record.ToChained().Entry), (level, index, hash) =>
                    db.AuditTree.Add(new AuditTreeNode { Level = level, Index = index, Hash = Convert.ToHexStringLower(hash) }));
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (records.Count < Page)
            {
                break;
            }
        }
        var size = frontier.Size;
        var edge = frontier.Serialise();
        await db.AuditHeads.Where(h => h.Id == 1)
            .ExecuteUpdateAsync(set => set.SetProperty(h => h.TreeSize, size).SetProperty(h => h.TreeFrontier, edge), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task BaselineAsync(IAuditedContent content, CancellationToken cancellationToken)
    {
        var type = content.ItemType;
        if (await db.AuditContents.AnyAsync(c => c.ItemType == type, cancellationToken))
        {
            return;
        }
        var system = new Actor(Guid.Empty, ActorKind.System, "audit", 0, IsNodeOperator: false);
        Guid? after = null;
        while (true)
        {
            var ids = await content.IdsAfterAsync(db, after, 500, cancellationToken);
            if (ids.Count == 0)
            {
                return;
            }
            after = ids[^1];
            await audit.WriteAsync(system, () => Task.FromResult(new AuditedChange<bool>(true, "audit.content_baseline", type, ids,
                new { Reason = "content kept before its hash was recorded" })), cancellationToken);
        }
    }
}
