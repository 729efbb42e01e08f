using System.Buffers.Binary;
using System.Security.Cryptography;
using Cordon.Core.Screening;

namespace Cordon.Core.Tests.Screening;

public sealed class ShortSha256Tests
{
    [Fact]
    public void FirstEightBytes_AgreeWithThePlatformsSha256_AtEveryLengthThatFitsABlock()
    {
        var random = new Random(7);
        var messages = Enumerable.Range(0, ShortSha256.MaxLength + 1).Select(length =>
        {
            var message = new byte[length];
            random.NextBytes(message);
            return message;
        }).ToList();
        // Eight lanes of different lengths at a time, so that no lane's result can come from another's.
        for (var first = 0; first < messages.Count; first += ShortSha256.Lanes)
        {
            var group = Enumerable.Range(first, ShortSha256.Lanes).Select(i => messages[i % messages.Count]).ToArray();
            var blocks = new byte[ShortSha256.Lanes * ShortSha256.BlockBytes];
            for (var lane = 0; lane < group.Length; lane++)
            {
                ShortSha256.Pad(group[lane], blocks.AsSpan(lane * ShortSha256.BlockBytes, ShortSha256.BlockBytes));
            }
            var prefixes = new ulong[ShortSha256.Lanes];
            ShortSha256.FirstEightBytes(blocks, prefixes);
            for (var lane = 0; lane < group.Length; lane++)
            {
                Assert.Equal(BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(group[lane])), prefixes[lane]);
            }
        }
    }

    [Fact]
    public void Pad_RefusesAMessageThatDoesNotFitOneBlock() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ShortSha256.Pad(new byte[ShortSha256.MaxLength + 1], new byte[ShortSha256.BlockBytes]));
}
