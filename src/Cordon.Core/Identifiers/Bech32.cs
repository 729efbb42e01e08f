namespace Cordon.Core.Identifiers;

/// <summary>SegWit addresses: Bech32 (BIP-173) for witness version 0, Bech32m (BIP-350) for versions 1 to 16.</summary>
internal static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private const uint Bech32Constant = 1;
    private const uint Bech32mConstant = 0x2bc830a3;
    private const int MaxLength = 90;

    /// <summary>Checks a SegWit address for <paramref name="expectedHrp"/>; returns null when valid, else the reason.</summary>
    public static string? CheckSegwitAddress(string address, string expectedHrp)
    {
        if (address.Length is < 8 or > MaxLength)
        {
            return "a SegWit address has 8 to 90 characters";
        }
        if (address.Any(char.IsAsciiLetterLower) && address.Any(char.IsAsciiLetterUpper))
        {
            return "a SegWit address is all lower case or all upper case, never mixed";
        }
        var text = address.ToLowerInvariant();
        var separator = text.LastIndexOf('1');
        if (separator < 1 || separator + 7 > text.Length)
        {
            return "not a Bech32 address";
        }
        var hrp = text[..separator];
        if (!string.Equals(hrp, expectedHrp, StringComparison.Ordinal))
        {
            return $"not a {expectedHrp}1… address";
        }
        var data = new byte[text.Length - separator - 1];
        for (var i = 0; i < data.Length; i++)
        {
            var value = Charset.IndexOf(text[separator + 1 + i], StringComparison.Ordinal);
            if (value < 0)
            {
                return "a Bech32 address holds a character outside its alphabet";
            }
            data[i] = (byte)value;
        }
        var constant = Polymod(hrp, data);
        if (constant is not (Bech32Constant or Bech32mConstant))
        {
            return "the address checksum is wrong";
        }
        return CheckWitnessProgram(data[..^6], constant == Bech32mConstant);
    }

    private static string? CheckWitnessProgram(byte[] data, bool isBech32m)
    {
        if (data.Length == 0 || data[0] > 16)
        {
            return "the address has no valid witness version";
        }
        var version = data[0];
        if ((version == 0) == isBech32m)
        {
            return version == 0
                ? "a version 0 SegWit address uses a Bech32 checksum, not Bech32m"
                : "a version 1+ SegWit address (such as taproot) uses a Bech32m checksum, not Bech32";
        }
        if (ConvertBits(data.AsSpan(1)) is not { } program || program.Length is < 2 or > 40)
        {
            return "the witness program of the address has an invalid length or padding";
        }
        return version == 0 && program.Length is not (20 or 32)
            ? "a version 0 witness program has 20 or 32 bytes"
            : null;
    }

    private static uint Polymod(string hrp, byte[] data)
    {
        uint check = 1;
        foreach (var c in hrp)
        {
            check = Step(check, (uint)(c >> 5));
        }
        check = Step(check, 0);
        foreach (var c in hrp)
        {
            check = Step(check, (uint)(c & 31));
        }
        foreach (var value in data)
        {
            check = Step(check, value);
        }
        return check;
    }

    private static uint Step(uint check, uint value)
    {
        ReadOnlySpan<uint> generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
        var top = check >> 25;
        check = ((check & 0x1ffffff) << 5) ^ value;
        for (var i = 0; i < 5; i++)
        {
            if (((top >> i) & 1) != 0)
            {
                check ^= generator[i];
            }
        }
        return check;
    }

    // 5-bit groups to bytes without padding: at most 4 leftover bits, all zero.
    private static byte[]? ConvertBits(ReadOnlySpan<byte> groups)
    {
        var bytes = new List<byte>(groups.Length * 5 / 8);
        int accumulator = 0, bits = 0;
        foreach (var value in groups)
        {
            accumulator = ((accumulator << 5) | value) & 0xFFF;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)((accumulator >> bits) & 0xFF));
            }
        }
        return bits >= 5 || ((accumulator << (8 - bits)) & 0xFF) != 0 ? null : [.. bytes];
    }
}
