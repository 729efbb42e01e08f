using System.Globalization;

namespace Cordon.Core.Stix;

/// <summary>STIX and TAXII timestamps: RFC 3339 in UTC with a <c>Z</c>; STIX objects in milliseconds, TAXII in microseconds.</summary>
public static class StixTime
{
    public static string Format(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string FormatTaxii(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The time STIX would write: milliseconds, so that a value read back compares equal.</summary>
    public static DateTimeOffset ToMilliseconds(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    public static DateTimeOffset ToMicroseconds(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);

    /// <summary>Reads <c>YYYY-MM-DDTHH:MM:SS[.s+]Z</c>; anything else (an offset, no Z, a bad date) is refused.</summary>
    public static bool TryParse(string? text, out DateTimeOffset at)
    {
        at = default;
        if (text is null || text.Length is < 20 or > 40 || !text.EndsWith('Z') || text[10] != 'T')
        {
            return false;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at))
        {
            return false;
        }
        // Ticks are 100 ns: finer digits are dropped, never rounded up past the value written.
        return true;
    }
}
