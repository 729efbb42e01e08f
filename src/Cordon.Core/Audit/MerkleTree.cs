using System.Security.Cryptography;

namespace Cordon.Core.Audit;

/// <summary>
/// The Merkle tree hashing of Certificate Transparency (RFC 9162 §2.1): leaf hashes <c>SHA-256(0x00 ‖ leaf)</c>,
/// interior nodes <c>SHA-256(0x01 ‖ left ‖ right)</c>, a tree of n leaves split at the largest power of two below n;
/// the root (the tree head's hash), inclusion proofs (§2.1.3) and consistency proofs (§2.1.4), and their verification.
/// A subtree's hash comes from <c>subtree(start, end)</c>, so that a store may answer from hashes it keeps.
/// </summary>
public static class MerkleTree
{
    public static byte[] EmptyRoot { get; } = SHA256.HashData([]);

    public static byte[] LeafHash(ReadOnlySpan<byte> leaf)
    {
        var input = new byte[leaf.Length + 1];
        leaf.CopyTo(input.AsSpan(1));
        return SHA256.HashData(input);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[65];
        input[0] = 1;
        left.CopyTo(input[1..]);
        right.CopyTo(input[33..]);
        return SHA256.HashData(input);
    }

    /// <summary>The hash of leaves [start, end) computed from their leaf hashes.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes, long start, long end)
    {
        if (end == start)
        {
            return EmptyRoot;
        }
        if (end - start == 1)
        {
            return leafHashes[(int)start];
        }
        var k = Split(start, end);
        return NodeHash(Root(leafHashes, start, k), Root(leafHashes, k, end));
    }

    /// <summary>The audit path of leaf m in the tree of n leaves (RFC 9162 §2.1.3.1), nearest sibling first.</summary>
    public static List<byte[]> InclusionProof(long m, long n, Func<long, long, byte[]> subtree)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(m, n);
        var path = new List<byte[]>();
        Path(m, 0, n, subtree, path);
        return path;
    }

    private static void Path(long m, long start, long end, Func<long, long, byte[]> subtree, List<byte[]> path)
    {
        if (end - start <= 1)
        {
            return;
        }
        var k = Split(start, end);
        if (m < k)
        {
            Path(m, start, k, subtree, path);
            path.Add(subtree(k, end));
        }
        else
        {
            Path(m, k, end, subtree, path);
            path.Add(subtree(start, k));
        }
    }

    /// <summary>The proof that the tree of m leaves is a prefix of the tree of n leaves (RFC 9162 §2.1.4.1).</summary>
    public static List<byte[]> ConsistencyProof(long m, long n, Func<long, long, byte[]> subtree)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(m);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(m, n);
        var proof = new List<byte[]>();
        SubProof(m, 0, n, true, subtree, proof);
        return proof;
    }

    private static void SubProof(long m, long start, long end, bool whole, Func<long, long, byte[]> subtree, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!whole)
            {
                proof.Add(subtree(start, end));
            }
            return;
        }
        var k = Split(start, end) - start;
        if (m <= k)
        {
            SubProof(m, start, start + k, whole, subtree, proof);
            proof.Add(subtree(start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, false, subtree, proof);
            proof.Add(subtree(start, start + k));
        }
    }

    /// <summary>Checks an audit path (RFC 9162 §2.1.3.2).</summary>
    public static bool VerifyInclusion(long m, long n, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        if (m < 0 || m >= n)
        {
            return false;
        }
        long fn = m, sn = n - 1;
        var r = leafHash.ToArray();
        foreach (var p in path)
        {
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    /// <summary>Checks a consistency proof between two tree heads (RFC 9162 §2.1.4.2).</summary>
    public static bool VerifyConsistency(long m, long n, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        if (m <= 0 || m > n)
        {
            return false;
        }
        if (m == n)
        {
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        }
        if (proof.Count == 0)
        {
            return false;
        }
        var path = new List<byte[]>(proof);
        if ((m & (m - 1)) == 0)
        {
            path.Insert(0, firstRoot.ToArray());
        }
        long fn = m - 1, sn = n - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path[0], sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }

    /// <summary>The split point of [start, end): start plus the largest power of two below the size.</summary>
    private static long Split(long start, long end)
    {
        var size = end - start;
        var k = 1L;
        while (k << 1 < size)
        {
            k <<= 1;
        }
        return start + k;
    }
}
