using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cordon.Core.Identifiers;

/// <summary>
/// IP addresses and CIDR ranges: IPv4 strictly as dotted-quad decimal, IPv6 in RFC 5952 form, IPv4-mapped IPv6 as
/// IPv4, ranges as their network address with the host bits cleared (<c>10.1.2.3/8</c> → <c>10.0.0.0/8</c>).
/// </summary>
internal static class IpNormaliser
{
    public static Identifier Normalise(string input)
    {
        if (!TryParse(input, out var range, out var error))
        {
            throw Refuse.Because(error);
        }
        var value = range.ToString();
        return new Identifier(IdentifierType.Ip, value, value, null);
    }

    /// <summary>Parses an address or a CIDR range; a full-length prefix (/32, /128) gives a single address.</summary>
    public static bool TryParse(string text, out IpRange range, out string error)
    {
        range = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!TryParseAddress(slash < 0 ? text : text[..slash], out var address, out error, mapToIPv4: false))
        {
            return false;
        }
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && !TryParsePrefix(text[(slash + 1)..], bits, out prefix))
        {
            error = bits == 32 ? "an IPv4 prefix length is 0 to 32" : "an IPv6 prefix length is 0 to 128";
            return false;
        }
        if (address.IsIPv4MappedToIPv6 && prefix >= 96)
        {
            (address, prefix) = (address.MapToIPv4(), prefix - 96);
        }
        range = new IpRange(IpRange.Mask(address, prefix), prefix);
        return true;
    }

    /// <summary>Parses a single address (no prefix, no zone id); an IPv4-mapped IPv6 address becomes IPv4 unless told otherwise.</summary>
    public static bool TryParseAddress(string text, out IPAddress address, out string error, bool mapToIPv4 = true)
    {
        address = IPAddress.None;
        error = "";
        if (text.Contains('%', StringComparison.Ordinal))
        {
            error = "IPv6 zone ids (%eth0) are not accepted";
            return false;
        }
        if (!text.Contains(':', StringComparison.Ordinal))
        {
            if (TryParseDottedQuad(text) is { } ipv4)
            {
                address = ipv4;
                return true;
            }
            error = "an IPv4 address is four decimal numbers 0–255 without leading zeros (a.b.c.d)";
            return false;
        }
        var lastColon = text.LastIndexOf(':');
        var embeddedIpv4 = text[(lastColon + 1)..];
        if (!text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
            || (embeddedIpv4.Contains('.', StringComparison.Ordinal) && TryParseDottedQuad(embeddedIpv4) is null)
            || !IPAddress.TryParse(text, out var ipv6) || ipv6.AddressFamily != AddressFamily.InterNetworkV6)
        {
            error = "not a valid IPv6 address";
            return false;
        }
        address = mapToIPv4 && ipv6.IsIPv4MappedToIPv6 ? ipv6.MapToIPv4() : ipv6;
        return true;
    }

    /// <summary>Strict dotted-quad IPv4: exactly four decimal parts 0–255, no leading zeros.</summary>
    public static IPAddress? TryParseDottedQuad(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return null;
        }
        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0'))
            {
                return null;
            }
            var value = int.Parse(part, CultureInfo.InvariantCulture);
            if (value > 255)
            {
                return null;
            }
            bytes[i] = (byte)value;
        }
        return new IPAddress(bytes);
    }

    private static bool TryParsePrefix(string text, int bits, out int prefix)
    {
        prefix = -1;
        return text.Length is >= 1 and <= 3 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0')
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix <= bits;
    }
}
