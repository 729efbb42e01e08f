using System.Security.Cryptography;

namespace Cordon.Core.Identifiers;

/// <summary>Bitcoin's Base58 alphabet and Base58Check (payload + first four bytes of its double SHA-256).</summary>
internal static class Base58
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const int MaxLength = 128;

    /// <summary>The checked payload (version byte included, checksum removed), or null when the text is not valid Base58Check.</summary>
    public static byte[]? DecodeCheck(string text)
    {
        if (Decode(text) is not { Length: > 4 } bytes)
        {
            return null;
        }
        var payload = bytes[..^4];
        var checksum = SHA256.HashData(SHA256.HashData(payload));
        return bytes.AsSpan(bytes.Length - 4).SequenceEqual(checksum.AsSpan(0, 4)) ? payload : null;
    }

    public static string EncodeCheck(byte[] payload)
    {
        var checksum = SHA256.HashData(SHA256.HashData(payload));
        return Encode([.. payload, .. checksum.AsSpan(0, 4)]);
    }

    public static byte[]? Decode(string text)
    {
        if (text.Length is 0 or > MaxLength)
        {
            return null;
        }
        // Big-endian base conversion; each leading '1' stands for a leading zero byte.
        var bytes = new List<byte>(text.Length);
        foreach (var c in text)
        {
            var carry = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (carry < 0)
            {
                return null;
            }
            for (var i = bytes.Count - 1; i >= 0; i--)
            {
                carry += bytes[i] * 58;
                bytes[i] = (byte)(carry & 0xFF);
                carry >>= 8;
            }
            while (carry > 0)
            {
                bytes.Insert(0, (byte)(carry & 0xFF));
                carry >>= 8;
            }
        }
        var leadingZeros = text.TakeWhile(c => c == '1').Count();
        var significant = bytes.SkipWhile(b => b == 0);
        return [.. Enumerable.Repeat((byte)0, leadingZeros), .. significant];
    }

    public static string Encode(byte[] bytes)
    {
        var digits = new List<int>(bytes.Length * 2);
        foreach (var b in bytes)
        {
            var carry = (int)b;
            for (var i = digits.Count - 1; i >= 0; i--)
            {
                carry += digits[i] << 8;
                digits[i] = carry % 58;
                carry /= 58;
            }
            while (carry > 0)
            {
                digits.Insert(0, carry % 58);
                carry /= 58;
            }
        }
        var leadingZeros = bytes.TakeWhile(b => b == 0).Count();
        return new string('1', leadingZeros) + string.Concat(digits.SkipWhile(d => d == 0).Select(d => Alphabet[d]));
    }
}
