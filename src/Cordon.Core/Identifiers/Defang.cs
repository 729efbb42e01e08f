namespace Cordon.Core.Identifiers;

/// <summary>
/// Undoes the "defanging" analysts apply so that a pasted indicator is not clickable: <c>hxxps://evil[.]com</c>,
/// <c>user[@]evil(.)com</c>.
/// </summary>
internal static class Defang
{
    public static string Refang(string text) => RefangSeparators(RefangScheme(text));

    /// <summary><c>hxxp://</c> and <c>hxxps://</c> to <c>http://</c> and <c>https://</c>.</summary>
    public static string RefangScheme(string text) =>
        text.StartsWith("hxxp://", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("hxxps://", StringComparison.OrdinalIgnoreCase)
            ? "http" + text[4..]
            : text;

    /// <summary><c>[.]</c> and <c>(.)</c> to <c>.</c>, <c>[:]</c> to <c>:</c>, <c>[@]</c> to <c>@</c>.</summary>
    public static string RefangSeparators(string text)
    {
        if (!text.Contains('[', StringComparison.Ordinal) && !text.Contains('(', StringComparison.Ordinal))
        {
            return text;
        }
        return text.Replace("[.]", ".", StringComparison.Ordinal).Replace("(.)", ".", StringComparison.Ordinal)
            .Replace("[:]", ":", StringComparison.Ordinal).Replace("[@]", "@", StringComparison.Ordinal);
    }
}
