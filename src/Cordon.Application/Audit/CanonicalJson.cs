using System.Globalization;
using System.Text.Json;

namespace Cordon.Application.Audit;

/// <summary>How content is written for hashing: JSON in declaration order, times as UTC round-trip text, amounts invariant.</summary>
internal static class CanonicalJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static string Of(object value) => JsonSerializer.Serialize(value, Options);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? at) => at is { } value ? Time(value) : null;

    public static string? Amount(decimal? amount) => amount?.ToString(CultureInfo.InvariantCulture);
}
