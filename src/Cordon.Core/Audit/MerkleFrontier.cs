namespace Cordon.Core.Audit;

/// <summary>
/// The right edge of an append-only Merkle tree (RFC 9162 hashing): the roots of its perfect subtrees, largest first,
/// one per set bit of the size. Appending a leaf completes at most log n subtrees, each reported to the caller so that
/// a store can keep them; the root folds the edge from the right. This is what makes an append O(log n).
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<byte[]> roots;

    public MerkleFrontier() : this(0, [])
    {
    }

    private MerkleFrontier(long size, List<byte[]> roots)
    {
        Size = size;
        this.roots = roots;
    }

    public long Size { get; private set; }

    /// <summary>Appends a leaf hash; <paramref name="completed"/> gets every perfect subtree made: (level, index, hash).</summary>
    public void Append(byte[] leafHash, Action<int, long, byte[]>? completed = null)
    {
        var level = 0;
        var index = Size;
        var hash = leafHash;
        completed?.Invoke(level, index, hash);
        while ((index & 1) == 1)
        {
            hash = MerkleTree.NodeHash(roots[^1], hash);
            roots.RemoveAt(roots.Count - 1);
            level++;
            index >>= 1;
            completed?.Invoke(level, index, hash);
        }
        roots.Add(hash);
        Size++;
    }

    public byte[] Root()
    {
        if (roots.Count == 0)
        {
            return MerkleTree.EmptyRoot;
        }
        var root = roots[^1];
        for (var i = roots.Count - 2; i >= 0; i--)
        {
            root = MerkleTree.NodeHash(roots[i], root);
        }
        return root;
    }

    /// <summary>The edge as text (hex roots, space-separated), to keep beside the size.</summary>
    public string Serialise() => string.Join(' ', roots.Select(Convert.ToHexStringLower));

    public static MerkleFrontier Parse(long size, string? text)
    {
        var roots = string.IsNullOrEmpty(text) ? [] : text.Split(' ').Select(Convert.FromHexString).ToList();
        if (roots.Count != long.PopCount(size) || roots.Any(r => r.Length != 32))
        {
            throw new FormatException($"A tree of {size} leaves has {long.PopCount(size)} perfect subtrees, not {roots.Count}.");
        }
        return new MerkleFrontier(size, roots);
    }

    /// <summary>
    /// Which perfect subtrees (level, index) make up the range [start, end) of a tree: the pieces a proof needs, all of
    /// them complete in any tree of at least <paramref name="end"/> leaves.
    /// </summary>
    public static IEnumerable<(int Level, long Index)> PerfectPieces(long start, long end)
    {
        while (start < end)
        {
            var size = end - start;
            if ((size & (size - 1)) == 0 && start % size == 0)
            {
                yield return (System.Numerics.BitOperations.Log2((ulong)size), start / size);
                yield break;
            }
            var k = 1L;
            while (k << 1 < size)
            {
                k <<= 1;
            }
            // Every range in RFC 9162's recursion starts on a boundary of its left part's size.
            if (start % k != 0)
            {
                throw new ArgumentException($"[{start}, {end}) is not a range of the tree's recursion.", nameof(start));
            }
            yield return (System.Numerics.BitOperations.Log2((ulong)k), start / k);
            start += k;
        }
    }

    /// <summary>The hash of [start, end) from the hashes of its perfect pieces (as <see cref="PerfectPieces"/> names them).</summary>
    public static byte[] RangeHash(long start, long end, Func<int, long, byte[]> piece)
    {
        var pieces = PerfectPieces(start, end).Select(p => piece(p.Level, p.Index)).ToList();
        var hash = pieces[^1];
        for (var i = pieces.Count - 2; i >= 0; i--)
        {
            hash = MerkleTree.NodeHash(pieces[i], hash);
        }
        return hash;
    }
}
