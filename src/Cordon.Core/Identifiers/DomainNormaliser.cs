using System.Globalization;

namespace Cordon.Core.Identifiers;

/// <summary>
/// Domain names to lower-case ASCII: IDNs to punycode (UTS #46 with STD3 rules), trailing dot removed, label and
/// length limits checked, the registrable domain looked up in the public suffix list.
/// </summary>
internal static class DomainNormaliser
{
    private const int MaxLabelLength = 63;
    private const int MaxNameLength = 253;

    public static Identifier Normalise(string input, PublicSuffixList suffixes)
    {
        var ascii = ToAscii(Defang.Refang(input));
        return new Identifier(IdentifierType.Domain, ascii, IdnDisplay.For(ascii), suffixes.RegistrableDomain(ascii));
    }

    /// <summary>The canonical ASCII form of a host name; refuses URLs, email addresses, IP addresses and invalid names.</summary>
    public static string ToAscii(string name)
    {
        if (name.Contains("//", StringComparison.Ordinal) || name.IndexOfAny(['/', '?', '#', '\\']) >= 0)
        {
            throw Refuse.Because("a domain has no scheme or path; submit web addresses as type url");
        }
        if (name.Contains('@', StringComparison.Ordinal))
        {
            throw Refuse.Because("a domain has no @; submit email addresses as type email");
        }
        if (name.IndexOfAny([':', '[', ']']) >= 0)
        {
            throw Refuse.Because("a domain has no port and is not an IPv6 address (submit IP addresses as type ip)");
        }
        if (name.Any(char.IsWhiteSpace))
        {
            throw Refuse.Because("a domain holds no spaces");
        }
        if (name.EndsWith('.'))
        {
            name = name[..^1];
        }
        if (name.Length == 0 || name.StartsWith('.') || name.EndsWith('.') || name.Contains("..", StringComparison.Ordinal))
        {
            throw Refuse.Because("a domain has no empty labels");
        }
        if (name.All(char.IsAscii))
        {
            CheckLengths(name); // IDNA refuses over-long names too, but without saying why
        }
        var ascii = Punycode(name).ToLowerInvariant();
        if (ascii.EndsWith('.'))
        {
            ascii = ascii[..^1]; // a trailing ideographic full stop, mapped to "." by IDNA
        }
        CheckLengths(ascii);
        CheckStructure(ascii);
        return ascii;
    }

    private static void CheckLengths(string name)
    {
        if (name.Split('.').Any(label => label.Length > MaxLabelLength))
        {
            throw Refuse.Because("a domain label has at most 63 characters");
        }
        if (name.Length > MaxNameLength)
        {
            throw Refuse.Because("a domain has at most 253 characters");
        }
    }

    private static string Punycode(string name)
    {
        try
        {
            return new IdnMapping { UseStd3AsciiRules = true, AllowUnassigned = false }.GetAscii(name);
        }
        catch (ArgumentException)
        {
            throw Refuse.Because("not a valid domain name (labels hold letters, digits and inner hyphens only)");
        }
    }

    private static void CheckStructure(string ascii)
    {
        var labels = ascii.Split('.');
        if (labels.Length < 2)
        {
            throw Refuse.Because("a domain has at least two labels (a name and a top-level domain)");
        }
        if (labels.Any(label => label.Length == 0))
        {
            throw Refuse.Because("a domain has no empty labels");
        }
        if (labels[^1].All(char.IsAsciiDigit))
        {
            throw labels.All(label => label.All(char.IsAsciiDigit))
                ? Refuse.Because("this is an IP address; submit it as type ip")
                : Refuse.Because("a top-level domain is not all digits");
        }
    }
}
