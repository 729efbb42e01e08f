using System.Text;
using Cordon.Core.Audit;

namespace Cordon.Core.Tests.Audit;

public sealed class MerkleTreeTests
{
    private static List<byte[]> Leaves(int n) => Enumerable.Range(0, n).Select(i => MerkleTree.LeafHash(Encoding.UTF8.GetBytes($"record {i}"))).ToList();

    [Fact]
    public void TheRoot_FollowsRfc9162_ForSmallTrees()
    {
        var leaves = Leaves(3);
        Assert.Equal(Convert.FromHexString("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), MerkleTree.EmptyRoot);
        Assert.Equal(leaves[0], MerkleTree.Root(leaves, 0, 1));
        // Three leaves split at two: ((0,1),2).
        Assert.Equal(MerkleTree.NodeHash(MerkleTree.NodeHash(leaves[0], leaves[1]), leaves[2]), MerkleTree.Root(leaves, 0, 3));
        Assert.NotEqual(MerkleTree.LeafHash("x"u8), MerkleTree.NodeHash([], []));
    }

    [Fact]
    public void EveryInclusionProof_Verifies_AndATamperedOneDoesNot()
    {
        var leaves = Leaves(40);
        for (var n = 1; n <= leaves.Count; n++)
        {
            var root = MerkleTree.Root(leaves, 0, n);
            for (var m = 0; m < n; m++)
            {
                var path = MerkleTree.InclusionProof(m, n, (a, b) => MerkleTree.Root(leaves, a, b));
                Assert.True(MerkleTree.VerifyInclusion(m, n, leaves[m], path, root), $"leaf {m} of {n}");
                Assert.False(MerkleTree.VerifyInclusion(m, n, MerkleTree.LeafHash("forged"u8), path, root));
                if (path.Count > 0)
                {
                    var bent = path.Select(p => (byte[])p.Clone()).ToList();
                    bent[^1][0] ^= 1;
                    Assert.False(MerkleTree.VerifyInclusion(m, n, leaves[m], bent, root));
                }
            }
        }
    }

    [Fact]
    public void EveryConsistencyProof_Verifies_AndARewrittenOrShortenedPastDoesNot()
    {
        var leaves = Leaves(33);
        for (var n = 1; n <= leaves.Count; n++)
        {
            var second = MerkleTree.Root(leaves, 0, n);
            for (var m = 1; m <= n; m++)
            {
                var first = MerkleTree.Root(leaves, 0, m);
                var proof = MerkleTree.ConsistencyProof(m, n, (a, b) => MerkleTree.Root(leaves, a, b));
                Assert.True(MerkleTree.VerifyConsistency(m, n, first, second, proof), $"{m} → {n}");
                if (m < n)
                {
                    // A log that rewrote one of its first m records cannot prove it extends the head a witness kept.
                    var rewritten = leaves.ToList();
                    rewritten[m - 1] = MerkleTree.LeafHash("rewritten"u8);
                    var forged = MerkleTree.ConsistencyProof(m, n, (a, b) => MerkleTree.Root(rewritten, a, b));
                    Assert.False(MerkleTree.VerifyConsistency(m, n, first, MerkleTree.Root(rewritten, 0, n), forged));
                    Assert.False(MerkleTree.VerifyConsistency(m, n, first, second, []));
                }
            }
        }
    }
}
