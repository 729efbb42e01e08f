namespace Cordon.Core.Identifiers;

/// <summary>
/// The IPv4 host forms browsers accept in URLs (WHATWG URL standard): <c>http://0x7f.1/</c>, <c>http://2130706433/</c>
/// and <c>http://0177.0.0.1/</c> all open 127.0.0.1, so a URL host is brought to dotted-quad decimal.
/// </summary>
internal static class WhatwgIPv4
{
    /// <summary>True when the last label is a number: browsers then read the whole host as IPv4 or refuse it.</summary>
    public static bool EndsInNumber(string host)
    {
        var labels = host.Split('.');
        var last = labels[^1].Length == 0 && labels.Length > 1 ? labels[^2] : labels[^1];
        return last.Length > 0 && (last.All(char.IsAsciiDigit)
            || (last.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && last[2..].All(char.IsAsciiHexDigit)));
    }

    /// <summary>The dotted-quad form, or null when the host is not a valid IPv4 number.</summary>
    public static string? ToDottedQuad(string host)
    {
        var parts = host.Split('.').ToList();
        if (parts.Count > 1 && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1);
        }
        if (parts.Count > 4)
        {
            return null;
        }
        var numbers = new List<ulong>(parts.Count);
        foreach (var part in parts)
        {
            if (ParseNumber(part) is not { } number)
            {
                return null;
            }
            numbers.Add(number);
        }
        if (numbers.Take(numbers.Count - 1).Any(n => n > 255) || numbers[^1] >= 1UL << (8 * (5 - numbers.Count)))
        {
            return null;
        }
        var address = numbers[^1];
        for (var i = 0; i < numbers.Count - 1; i++)
        {
            address += numbers[i] << (8 * (3 - i));
        }
        var octets = Enumerable.Range(0, 4).Select(i => (address >> (8 * (3 - i))) & 0xFF);
        return string.Join('.', octets.Select(octet => octet.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static ulong? ParseNumber(string part)
    {
        var (digits, radix) = part switch
        {
            "" => ("", 0),
            _ when part.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => (part[2..], 16),
            ['0', _, ..] => (part[1..], 8),
            _ => (part, 10),
        };
        if (radix == 0)
        {
            return null;
        }
        ulong value = 0;
        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) ? char.ToLowerInvariant(c) - 'a' + 10 : radix;
            if (digit >= radix)
            {
                return null;
            }
            value = (value * (ulong)radix) + (ulong)digit;
            if (value > uint.MaxValue)
            {
                return null;
            }
        }
        return value;
    }
}
