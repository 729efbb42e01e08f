using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Cordon.Core.Identifiers;
using Cordon.Core.Text;

namespace Cordon.Core.Screening;

/// <summary>The keys under which a canonical identifier is indexed.</summary>
public static class ScreeningKey
{
    [ThreadStatic]
    private static IncrementalHash? Sha256;

    /// <summary>
    /// A fast 64-bit hash of type and canonical value: the UTF-16 text read eight bytes at a time, each pair of words folded
    /// by a 128-bit multiplication (as wyhash does), so that a 13-digit phone number costs three multiplications, not
    /// thirteen. With 10 million entries the chance that an unknown identifier collides with one of them is about
    /// 10⁷/2⁶⁴ per lookup.
    /// </summary>
    public static ulong Of(IdentifierType type, ReadOnlySpan<char> value)
    {
        var bytes = MemoryMarshal.AsBytes(value);
        var seed = Secret0 ^ (ulong)type;
        ulong a, b;
        if (bytes.Length >= 8)
        {
            ref var start = ref MemoryMarshal.GetReference(bytes);
            var offset = 0;
            for (; offset + 16 < bytes.Length; offset += 16)
            {
                seed = Fold(Word(ref start, offset) ^ Secret1, Word(ref start, offset + 8) ^ seed);
            }
            // The last sixteen bytes (or all of up to sixteen), overlapping bytes already folded in when the length is not
            // a multiple of sixteen.
            a = Word(ref start, bytes.Length > 16 ? bytes.Length - 16 : 0);
            b = Word(ref start, bytes.Length - 8);
        }
        else
        {
            a = 0;
            foreach (var c in value)
            {
                a = (a << 16) | c;
            }
            b = 0;
        }
        return NonZero(Fold(Secret1 ^ (ulong)bytes.Length, Fold(a ^ Secret1, b ^ seed)));
    }

    private const ulong Secret0 = 0xa0761d6478bd642fUL;
    private const ulong Secret1 = 0xe7037ed1a0b428dbUL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Word(ref byte start, int offset) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fold(ulong x, ulong y)
    {
        var high = Math.BigMul(x, y, out var low);
        return high ^ low;
    }

    private static ulong NonZero(ulong hash) => hash == 0 ? 1 : hash;

    /// <summary>
    /// SHA-256 of the text hashed for private (hash-prefix) screening, <c>type:canonical value</c> in UTF-8, as
    /// lower-case hex: what a member computes locally.
    /// </summary>
    public static string PrivateHash(IdentifierType type, string value)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        PrivateSha256(type, value, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The first 8 bytes of <see cref="PrivateHash"/>, kept in the index for range queries.</summary>
    public static ulong PrivatePrefix(IdentifierType type, string value)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        PrivateSha256(type, value, hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    /// <summary>
    /// Writes the text hashed for private screening into <paramref name="block"/> as <see cref="ShortSha256"/> takes it,
    /// when it is short enough for one block (as phone numbers, accounts and most other identifiers are).
    /// </summary>
    public static bool TryPadPrivateText(IdentifierType type, string value, Span<byte> block)
    {
        if (PrivateTextLength(type, value) > ShortSha256.MaxLength)
        {
            return false;
        }
        Span<byte> text = stackalloc byte[ShortSha256.MaxLength];
        ShortSha256.Pad(text[..WritePrivateText(type, value, text)], block);
        return true;
    }

    /// <summary>SHA-256 of <c>type:canonical value</c> in UTF-8, without building the text as a string.</summary>
    private static void PrivateSha256(IdentifierType type, string value, Span<byte> hash)
    {
        var length = PrivateTextLength(type, value);
        var rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var text = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
            WritePrivateText(type, value, text);
            // A hash object kept per thread costs a fifth less per call than the one-shot SHA256.HashData.
            var sha256 = Sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha256.AppendData(text);
            sha256.GetHashAndReset(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int PrivateTextLength(IdentifierType type, string value) =>
        Encoding.UTF8.GetByteCount(CordonJson.Name(type)) + 1 + Encoding.UTF8.GetByteCount(value);

    private static int WritePrivateText(IdentifierType type, string value, Span<byte> text)
    {
        var written = Encoding.UTF8.GetBytes(CordonJson.Name(type), text);
        text[written++] = (byte)':';
        return written + Encoding.UTF8.GetBytes(value, text[written..]);
    }
}
