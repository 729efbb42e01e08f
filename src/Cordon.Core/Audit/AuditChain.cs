using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cordon.Core.Audit;

/// <summary>
/// The hash chain over audit entries: hash = SHA-256(previous hash ‖ canonical record). Editing, inserting or
/// deleting any entry changes a hash that a later entry (or the recorded head) commits to.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Audit times are kept to the millisecond so that every store round-trips them exactly.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>
    /// A deterministic, unambiguous serialisation of an entry (a JSON array in fixed order). Entries that carry a
    /// content digest are version 2, with the digest last; the others keep version 1, so older records still verify.
    /// </summary>
    public static string Canonical(AuditEntry entry)
    {
        var fields = new List<object>
        {
            entry.ContentDigest is null ? "cordon-audit-v1" : "cordon-audit-v2",
            entry.Sequence,
            entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            entry.OrganisationId.ToString("D"),
            entry.ActorKind,
            entry.ActorId,
            entry.Action,
            entry.ItemType,
            entry.ItemIds,
            entry.Details,
        };
        if (entry.ContentDigest is { } digest)
        {
            fields.Add(digest);
        }
        return JsonSerializer.Serialize(fields);
    }

    /// <summary>The entry as a leaf of the Merkle tree (RFC 9162 leaf data): its canonical form in UTF-8.</summary>
    public static byte[] LeafHash(AuditEntry entry) => MerkleTree.LeafHash(Encoding.UTF8.GetBytes(Canonical(entry)));

    public static string Link(string previousHash, AuditEntry entry)
    {
        var previous = Convert.FromHexString(previousHash);
        var record = Encoding.UTF8.GetBytes(Canonical(entry));
        return Convert.ToHexStringLower(SHA256.HashData([.. previous, .. record]));
    }

    public static ChainedAuditEntry Append(ChainedAuditEntry? last, AuditEntry entry)
    {
        var previousHash = last?.Hash ?? Genesis;
        return new ChainedAuditEntry(entry, previousHash, Link(previousHash, entry));
    }

    /// <summary>
    /// Walks entries in sequence order and returns the sequence number of the first entry that does not fit the
    /// chain, or null when every link holds and the chain ends at the recorded head.
    /// </summary>
    /// <param name="head">The last sequence number and hash recorded separately, if any.</param>
    public static long? FirstBrokenLink(IEnumerable<ChainedAuditEntry> entries, (long Sequence, string Hash)? head)
    {
        var walker = new AuditChainWalker();
        foreach (var stored in entries)
        {
            if (!walker.Accept(stored))
            {
                return walker.BrokenAt;
            }
        }
        return walker.Finish(head);
    }
}

/// <summary>Checks a chain one entry at a time, so that a long chain can be streamed from the store.</summary>
public sealed class AuditChainWalker
{
    private long expectedSequence = 1;
    private string previousHash = AuditChain.Genesis;

    /// <summary>The first sequence number that does not fit, once one has been found.</summary>
    public long? BrokenAt { get; private set; }

    public long Accepted => expectedSequence - 1;

    /// <summary>Takes the next entry; false (and <see cref="BrokenAt"/> set) when it breaks the chain.</summary>
    public bool Accept(ChainedAuditEntry stored)
    {
        if (BrokenAt is not null)
        {
            return false;
        }
        if (stored.Entry.Sequence != expectedSequence
            || !string.Equals(stored.PreviousHash, previousHash, StringComparison.Ordinal)
            || !string.Equals(stored.Hash, AuditChain.Link(previousHash, stored.Entry), StringComparison.Ordinal))
        {
            BrokenAt = expectedSequence;
            return false;
        }
        previousHash = stored.Hash;
        expectedSequence++;
        return true;
    }

    /// <summary>After the last entry: checks that the chain ends where the recorded head says it does.</summary>
    public long? Finish((long Sequence, string Hash)? head)
    {
        if (BrokenAt is not null)
        {
            return BrokenAt;
        }
        if (head is { } recorded && (recorded.Sequence != Accepted || !string.Equals(recorded.Hash, previousHash, StringComparison.Ordinal)))
        {
            // Entries at the end were removed, or the head was changed: the break is just after the last good entry.
            BrokenAt = Accepted + 1;
        }
        return BrokenAt;
    }
}
