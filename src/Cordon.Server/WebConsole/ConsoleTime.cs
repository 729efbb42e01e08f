using System.Globalization;
using Cordon.Core.Errors;

namespace Cordon.Server.WebConsole;

/// <summary>Times as console forms take them and pages show them: always with their zone (UTC, written <c>Z</c>).</summary>
public static class ConsoleTime
{
    /// <summary>A <c>datetime-local</c> field's value, read as UTC; empty is none.</summary>
    public static DateTimeOffset? ParseUtc(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : throw new InvalidInputException(field, "must be a date and time such as 2026-12-31T18:00.");

    public static string Show(DateTimeOffset at) => at.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture);

    public static string Machine(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
