using System.Security.Cryptography;
using Cordon.Core.Audit;

namespace Cordon.Core.Tests.Audit;

public sealed class MerkleFrontierTests
{
    private static List<byte[]> Leaves(int n) => Enumerable.Range(0, n).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i))).ToList();

    [Fact]
    public void EveryAppend_GivesTheRootOfRfc9162_AndKeepsEveryPerfectSubtree()
    {
        var leaves = Leaves(70);
        var frontier = new MerkleFrontier();
        var kept = new Dictionary<(int, long), byte[]>();
        for (var n = 0; n < leaves.Count; n++)
        {
            Assert.Equal(MerkleTree.Root(leaves, 0, n), frontier.Root());
            frontier.Append(leaves[n], (level, index, hash) => kept.Add((level, index), hash));
            var again = MerkleFrontier.Parse(frontier.Size, frontier.Serialise());
            Assert.Equal(frontier.Root(), again.Root());
        }
        foreach (var ((level, index), hash) in kept)
        {
            Assert.Equal(MerkleTree.Root(leaves, index << level, (index + 1) << level), hash);
        }
        // Any range a proof asks for is made from kept subtrees alone.
        for (var end = 1; end <= leaves.Count; end++)
        {
            Assert.Equal(MerkleTree.Root(leaves, 0, end), MerkleFrontier.RangeHash(0, end, (level, index) => kept[(level, index)]));
        }
        Assert.True(kept.Count < 2 * leaves.Count);
    }

    [Theory]
    [InlineData(3, "")]
    [InlineData(1, "zz")]
    [InlineData(2, "00")]
    public void AnEdgeThatDoesNotFitItsSize_IsRefused(long size, string text) =>
        Assert.ThrowsAny<FormatException>(() => MerkleFrontier.Parse(size, text.Length == 0 ? null : text));

    [Fact]
    public void ASignedHead_VerifiesUnderItsKeyOnly()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var head = SignedTreeHead.Sign("node", 5, new byte[32], DateTimeOffset.UnixEpoch, key);
        Assert.True(head.VerifyWith(key.ExportSubjectPublicKeyInfo()));
        Assert.False(head.VerifyWith(other.ExportSubjectPublicKeyInfo()));
        Assert.False((head with { Size = 6 }).VerifyWith(key.ExportSubjectPublicKeyInfo()));
    }
}
