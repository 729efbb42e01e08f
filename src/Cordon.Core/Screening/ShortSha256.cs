using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Cordon.Core.Screening;

/// <summary>
/// SHA-256 (FIPS 180-4) of eight short messages at once, one in each 32-bit lane of 256-bit vectors. A full build
/// hashes every indicator for private screening; one at a time through the platform's hash, that was some 600 ns each,
/// a fifth of the build's processor time at ten million. A message of at most <see cref="MaxLength"/> bytes is one
/// padded block, so eight blocks go through the 64 rounds together. Only the first eight bytes of each digest are
/// returned: that is what the index keeps. Tests compare it with <see cref="System.Security.Cryptography.SHA256"/>.
/// </summary>
public static class ShortSha256
{
    /// <summary>The longest message that fits one block with its padding (a 0x80 byte and the 8-byte bit length).</summary>
    public const int MaxLength = 55;

    public const int Lanes = 8;

    public const int BlockBytes = 64;

    /// <summary>Where the vectors are the processor's own; elsewhere they are emulated, slower than hashing one by one.</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    private static readonly uint[] RoundConstants =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private static readonly uint[] InitialState =
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    /// <summary>
    /// Writes <paramref name="message"/> into <paramref name="block"/> (64 bytes) as SHA-256 pads it: the bytes, 0x80,
    /// zeros, and the length in bits, big-endian, in the last eight bytes.
    /// </summary>
    public static void Pad(ReadOnlySpan<byte> message, Span<byte> block)
    {
        if (message.Length > MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(message), message.Length, $"at most {MaxLength} bytes fit one block");
        }
        block = block[..BlockBytes];
        message.CopyTo(block);
        block[message.Length] = 0x80;
        block[(message.Length + 1)..^8].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(block[^8..], (ulong)message.Length * 8);
    }

    /// <summary>
    /// The first eight bytes, as a big-endian number, of the SHA-256 of each of eight padded blocks (<see cref="Pad"/>),
    /// laid one after another in <paramref name="blocks"/>.
    /// </summary>
    public static void FirstEightBytes(ReadOnlySpan<byte> blocks, Span<ulong> prefixes)
    {
        if (blocks.Length < Lanes * BlockBytes || prefixes.Length < Lanes)
        {
            throw new ArgumentException($"{Lanes} blocks of {BlockBytes} bytes and room for {Lanes} prefixes are needed");
        }
        Span<Vector256<uint>> schedule = stackalloc Vector256<uint>[16];
        Span<uint> lanes = stackalloc uint[Lanes];
        for (var word = 0; word < 16; word++)
        {
            for (var lane = 0; lane < Lanes; lane++)
            {
                lanes[lane] = BinaryPrimitives.ReadUInt32BigEndian(blocks.Slice((lane * BlockBytes) + (word * 4), 4));
            }
            schedule[word] = Vector256.Create<uint>(lanes);
        }

        var (a, b, c, d) = (Vector256.Create(InitialState[0]), Vector256.Create(InitialState[1]), Vector256.Create(InitialState[2]), Vector256.Create(InitialState[3]));
        var (e, f, g, h) = (Vector256.Create(InitialState[4]), Vector256.Create(InitialState[5]), Vector256.Create(InitialState[6]), Vector256.Create(InitialState[7]));
        for (var t = 0; t < 64; t++)
        {
            Vector256<uint> w;
            if (t < 16)
            {
                w = schedule[t];
            }
            else
            {
                // W[t] = σ1(W[t−2]) + W[t−7] + σ0(W[t−15]) + W[t−16], in a ring of the last sixteen.
                var w2 = schedule[(t - 2) & 15];
                var w15 = schedule[(t - 15) & 15];
                w = (Rotate(w2, 17) ^ Rotate(w2, 19) ^ (w2 >>> 10)) + schedule[(t - 7) & 15]
                    + (Rotate(w15, 7) ^ Rotate(w15, 18) ^ (w15 >>> 3)) + schedule[t & 15];
                schedule[t & 15] = w;
            }
            var t1 = h + (Rotate(e, 6) ^ Rotate(e, 11) ^ Rotate(e, 25)) + ((e & f) ^ Vector256.AndNot(g, e))
                + Vector256.Create(RoundConstants[t]) + w;
            var t2 = (Rotate(a, 2) ^ Rotate(a, 13) ^ Rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            (h, g, f, e, d, c, b, a) = (g, f, e, d + t1, c, b, a, t1 + t2);
        }
        a += Vector256.Create(InitialState[0]);
        b += Vector256.Create(InitialState[1]);
        for (var lane = 0; lane < Lanes; lane++)
        {
            prefixes[lane] = ((ulong)a.GetElement(lane) << 32) | b.GetElement(lane);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Rotate(Vector256<uint> value, int bits) => (value >>> bits) | (value << (32 - bits));
}
