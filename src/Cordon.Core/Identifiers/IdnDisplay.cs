using System.Globalization;

namespace Cordon.Core.Identifiers;

/// <summary>
/// Decides how an IDN is shown to people. The Unicode form is shown only when it cannot pass for another name: every
/// label is written in one script (or Latin with Chinese, Japanese or Korean, as UTS #39 "highly restrictive"
/// allows), and a Cyrillic or Greek label is not made only of letters that look Latin (<c>аррӏе</c>). Otherwise the
/// punycode is shown.
/// </summary>
internal static class IdnDisplay
{
    private static readonly HashSet<int>[] AllowedMixes =
    [
        [UnicodeScript.Latin, UnicodeScript.Han, UnicodeScript.Hiragana, UnicodeScript.Katakana],
        [UnicodeScript.Latin, UnicodeScript.Han, UnicodeScript.Bopomofo],
        [UnicodeScript.Latin, UnicodeScript.Han, UnicodeScript.Hangul],
    ];

    // Cyrillic and Greek lower-case letters that pass for Latin ones in most fonts.
    private const string LatinLookalikes = "асԁеһіјӏорԛѕԝхуыьъпгѵѡҽαονρτυικε";

    public static string For(string asciiDomain)
    {
        if (!asciiDomain.Contains("xn--", StringComparison.Ordinal))
        {
            return asciiDomain;
        }
        string unicode;
        try
        {
            unicode = new IdnMapping().GetUnicode(asciiDomain);
        }
        catch (ArgumentException)
        {
            return asciiDomain;
        }
        var labels = unicode.Split('.');
        var tldIsAscii = labels[^1].All(char.IsAscii);
        return labels.All(label => IsSafe(label, tldIsAscii)) ? unicode : asciiDomain;
    }

    private static bool IsSafe(string label, bool tldIsAscii)
    {
        var scripts = label.EnumerateRunes().Select(UnicodeScript.Of).Where(script => script != UnicodeScript.Common).ToHashSet();
        if (scripts.Count > 1 && !AllowedMixes.Any(scripts.IsSubsetOf))
        {
            return false;
        }
        var looksLatin = scripts.Count == 1 && (scripts.Contains(UnicodeScript.Cyrillic) || scripts.Contains(UnicodeScript.Greek))
            && label.EnumerateRunes().All(rune => UnicodeScript.Of(rune) == UnicodeScript.Common
                || LatinLookalikes.Contains(rune.ToString(), StringComparison.Ordinal));
        return !(looksLatin && tldIsAscii);
    }
}
