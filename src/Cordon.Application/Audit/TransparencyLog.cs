using System.Text;
using Cordon.Application.Data;
using Cordon.Core.Audit;
using Cordon.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Audit;

/// <summary>An audit record's inclusion proof: its leaf (the canonical record) and the path to a signed root.</summary>
public sealed record InclusionProof(long Record, string Leaf, string LeafHash, long TreeSize, string RootHash, IReadOnlyList<string> AuditPath);

/// <summary>The proof that the log at <c>From</c> records is a prefix of the log at <c>To</c> records.</summary>
public sealed record ConsistencyProof(long From, long To, string FromRootHash, string ToRootHash, IReadOnlyList<string> Proof);

/// <summary>
/// The audit log as a transparency log (RFC 9162): signed tree heads, inclusion and consistency proofs made from the
/// perfect subtrees kept with every append (a proof reads at most a few dozen of them, in one query per tree level).
/// </summary>
public sealed class TransparencyLog(CordonDb db, AuditSigningKey signingKey, AuditLog audit)
{
    /// <summary>Signs the log's current head; never a head of a log known to be broken (the node would vouch for a lie).</summary>
    public async Task<SignedTreeHead> HeadAsync(CancellationToken cancellationToken = default)
    {
        if (await audit.BrokenAtAsync(cancellationToken) is { } broken)
        {
            throw new AuditLogBrokenException(broken);
        }
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
        MerkleFrontier frontier;
        try
        {
            frontier = MerkleFrontier.Parse(head?.TreeSize ?? 0, head?.TreeFrontier);
        }
        catch (FormatException)
        {
            throw new AuditLogBrokenException(head!.Sequence); // the edge was edited outside Cordon: nothing to sign
        }
        return await signingKey.SignAsync(db, frontier.Size, frontier.Root(), cancellationToken);
    }

    public async Task<byte[]> PublicKeyAsync(CancellationToken cancellationToken = default) =>
        (await signingKey.GetAsync(db, cancellationToken)).PublicKey;

    public async Task<long> SizeAsync(CancellationToken cancellationToken) =>
        await db.AuditHeads.AsNoTracking().Where(h => h.Id == 1).Select(h => (long?)h.TreeSize).SingleOrDefaultAsync(cancellationToken) ?? 0;

    public async Task<InclusionProof> InclusionAsync(long record, long? treeSize = null, CancellationToken cancellationToken = default)
    {
        var size = await CheckedSizeAsync(treeSize, "treeSize", cancellationToken);
        if (record < 1 || record > size)
        {
            throw new InvalidInputException("record", $"must be between 1 and the tree size ({size}).");
        }
        var stored = await db.AuditRecords.AsNoTracking().SingleOrDefaultAsync(a => a.Sequence == record, cancellationToken)
                     ?? throw new AuditLogBrokenException(record);
        _ = MerkleTree.InclusionProof(record - 1, size, Recording(out var wanted));
        wanted.UnionWith(MerkleFrontier.PerfectPieces(0, size));
        var pieces = await PiecesAsync(wanted, cancellationToken);
        var path = MerkleTree.InclusionProof(record - 1, size, Subtree(pieces));
        var root = MerkleFrontier.RangeHash(0, size, (level, index) => pieces[(level, index)]);
        var leaf = AuditChain.Canonical(stored.ToChained().Entry);
        return new InclusionProof(record, leaf, Convert.ToHexStringLower(MerkleTree.LeafHash(Encoding.UTF8.GetBytes(leaf))), size,
            Convert.ToHexStringLower(root), path.Select(Convert.ToHexStringLower).ToList());
    }

    public async Task<ConsistencyProof> ConsistencyAsync(long from, long? to = null, CancellationToken cancellationToken = default)
    {
        var size = await CheckedSizeAsync(to, "to", cancellationToken);
        if (from < 1 || from > size)
        {
            throw new InvalidInputException("from", $"must be between 1 and {size}.");
        }
        _ = MerkleTree.ConsistencyProof(from, size, Recording(out var wanted));
        wanted.UnionWith(MerkleFrontier.PerfectPieces(0, from));
        wanted.UnionWith(MerkleFrontier.PerfectPieces(0, size));
        var pieces = await PiecesAsync(wanted, cancellationToken);
        var proof = MerkleTree.ConsistencyProof(from, size, Subtree(pieces));
        return new ConsistencyProof(from, size,
            Convert.ToHexStringLower(MerkleFrontier.RangeHash(0, from, (level, index) => pieces[(level, index)])),
            Convert.ToHexStringLower(MerkleFrontier.RangeHash(0, size, (level, index) => pieces[(level, index)])),
            proof.Select(Convert.ToHexStringLower).ToList());
    }

    /// <summary>Whether the log today still begins with the log of <paramref name="size"/> records whose root was <paramref name="rootHash"/>.</summary>
    public async Task<bool> ExtendsAsync(long size, string rootHash, CancellationToken cancellationToken)
    {
        if (size == 0)
        {
            return true;
        }
        if (size > await SizeAsync(cancellationToken))
        {
            return false;
        }
        try
        {
            var pieces = await PiecesAsync(MerkleFrontier.PerfectPieces(0, size).ToHashSet(), cancellationToken);
            return Convert.ToHexStringLower(MerkleFrontier.RangeHash(0, size, (level, index) => pieces[(level, index)])) == rootHash;
        }
        catch (AuditLogBrokenException)
        {
            return false;
        }
    }

    private async Task<long> CheckedSizeAsync(long? requested, string parameter, CancellationToken cancellationToken)
    {
        var size = await SizeAsync(cancellationToken);
        if (requested is { } chosen && (chosen < 1 || chosen > size))
        {
            throw new InvalidInputException(parameter, $"must be between 1 and the current tree size ({size}).");
        }
        return requested ?? size;
    }

    /// <summary>A subtree function that only notes which perfect pieces a proof needs (their hashes do not change the shape).</summary>
    private static Func<long, long, byte[]> Recording(out HashSet<(int Level, long Index)> wanted)
    {
        var noted = new HashSet<(int Level, long Index)>();
        wanted = noted;
        return (start, end) =>
        {
            foreach (var piece in MerkleFrontier.PerfectPieces(start, end))
            {
                noted.Add(piece);
            }
            return new byte[32];
        };
    }

    private static Func<long, long, byte[]> Subtree(Dictionary<(int Level, long Index), byte[]> pieces) =>
        (start, end) => MerkleFrontier.RangeHash(start, end, (level, index) => pieces[(level, index)]);

    private async Task<Dictionary<(int Level, long Index), byte[]>> PiecesAsync(HashSet<(int Level, long Index)> wanted,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<(int Level, long Index), byte[]>();
        foreach (var level in wanted.GroupBy(w => w.Level))
        {
            var indexes = level.Select(w => w.Index).ToList();
            var rows = await db.AuditTree.AsNoTracking().Where(n => n.Level == level.Key && indexes.Contains(n.Index)).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                found[(row.Level, row.Index)] = Convert.FromHexString(row.Hash);
            }
        }
        if (wanted.FirstOrDefault(w => !found.ContainsKey(w)) is var missing && found.Count != wanted.Count)
        {
            // A proof cannot be made from a tree with nodes missing: the log was altered outside Cordon.
            throw new AuditLogBrokenException((missing.Index << missing.Level) + 1);
        }
        return found;
    }
}
