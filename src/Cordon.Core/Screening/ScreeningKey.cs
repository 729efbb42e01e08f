using System.Buffers;
using System.Buffers.Binary;
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
    /// A fast 64-bit hash of type and canonical value (FNV-1a over UTF-16 with a final avalanche). With 10 million
    /// entries the chance that an unknown identifier collides with one of them is about 10⁷/2⁶⁴ per lookup.
    /// </summary>
    public static ulong Of(IdentifierType type, ReadOnlySpan<char> value)
    {
        var hash = 14695981039346656037UL ^ (ulong)type;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        return hash == 0 ? 1 : hash;
    }

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

    /// <summary>SHA-256 of <c>type:canonical value</c> in UTF-8, without building the text (the index hashes millions at start).</summary>
    private static void PrivateSha256(IdentifierType type, string value, Span<byte> hash)
    {
        var name = CordonJson.Name(type);
        var length = Encoding.UTF8.GetByteCount(name) + 1 + Encoding.UTF8.GetByteCount(value);
        var rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var text = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
            var written = Encoding.UTF8.GetBytes(name, text);
            text[written++] = (byte)':';
            Encoding.UTF8.GetBytes(value, text[written..]);
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
}
