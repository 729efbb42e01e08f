using Cordon.Application.Audit;
using Cordon.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Testing;

/// <summary>
/// What an insider who knows the scheme would do with the database: rewrite the audit records as they like, then
/// recompute every chain hash, the head, the Merkle tree and its edge, so that nothing in the store disagrees with
/// anything else. Only a head kept elsewhere (a saved file, a witness) can tell.
/// </summary>
public static class AuditInsider
{
    public static async Task RewriteLogAsync(TestDatabase database, Func<List<AuditEntry>, List<AuditEntry>> rewrite)
    {
        await using var db = database.Open();
        var entries = rewrite((await db.AuditRecords.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync()).Select(r => r.ToChained().Entry).ToList());
        await db.AuditRecords.ExecuteDeleteAsync();
        await db.AuditTree.ExecuteDeleteAsync();
        await db.AuditHeads.ExecuteDeleteAsync();
        ChainedAuditEntry? last = null;
        var frontier = new MerkleFrontier();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] with { Sequence = i + 1 };
            last = AuditChain.Append(last, entry);
            db.AuditRecords.Add(AuditRecord.From(last));
            frontier.Append(AuditChain.LeafHash(entry), (level, index, hash) =>
                db.AuditTree.Add(new AuditTreeNode { Level = level, Index = index, Hash = Convert.ToHexStringLower(hash) }));
        }
        if (last is not null)
        {
            db.AuditHeads.Add(new AuditHead
            {
                Id = 1,
                Sequence = entries.Count,
                Hash = last.Hash,
                TreeSize = frontier.Size,
                TreeFrontier = frontier.Serialise(),
            });
        }
        await db.SaveChangesAsync();
    }
}
