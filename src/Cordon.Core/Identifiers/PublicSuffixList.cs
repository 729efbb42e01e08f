using System.Globalization;

namespace Cordon.Core.Identifiers;

/// <summary>
/// The Public Suffix List (publicsuffix.org): the names under which anyone can register a domain (<c>com</c>,
/// <c>co.uk</c>, <c>github.io</c>). It gives the registrable domain (eTLD+1) of a name, the unit that one owner controls.
/// Both the ICANN and the PRIVATE sections are used.
/// </summary>
public sealed class PublicSuffixList
{
    /// <summary>Where Debian's <c>publicsuffix</c> package installs the list.</summary>
    public const string DebianPath = "/usr/share/publicsuffix/public_suffix_list.dat";

    private static readonly Lazy<PublicSuffixList> DefaultList =
        new(() => File.Exists(DebianPath) ? Load(DebianPath) : new PublicSuffixList([], [], []));

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> rules;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> wildcards;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> exceptions;

    private PublicSuffixList(HashSet<string> rules, HashSet<string> wildcards, HashSet<string> exceptions)
    {
        this.rules = rules.GetAlternateLookup<ReadOnlySpan<char>>();
        this.wildcards = wildcards.GetAlternateLookup<ReadOnlySpan<char>>();
        this.exceptions = exceptions.GetAlternateLookup<ReadOnlySpan<char>>();
        RuleCount = rules.Count + wildcards.Count + exceptions.Count;
    }

    /// <summary>The list installed by the <c>publicsuffix</c> package, or an empty list (only the default rule <c>*</c>) when it is absent.</summary>
    public static PublicSuffixList Default => DefaultList.Value;

    /// <summary>The number of rules read (normal, wildcard and exception rules).</summary>
    public int RuleCount { get; }

    /// <summary>Reads a list in the standard <c>.dat</c> format from a file.</summary>
    public static PublicSuffixList Load(string path)
    {
        using var reader = File.OpenText(path);
        return Parse(reader);
    }

    /// <summary>
    /// Reads a list in the standard <c>.dat</c> format: one rule per line, <c>//</c> comments, wildcard rules
    /// <c>*.ck</c>, exception rules <c>!www.ck</c>. Rules written in Unicode are stored in punycode.
    /// </summary>
    public static PublicSuffixList Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rules = new HashSet<string>(StringComparer.Ordinal);
        var wildcards = new HashSet<string>(StringComparer.Ordinal);
        var exceptions = new HashSet<string>(StringComparer.Ordinal);
        var idn = new IdnMapping();
        while (reader.ReadLine() is { } line)
        {
            var rule = line.Trim();
            if (rule.Length == 0 || rule.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }
            var end = rule.IndexOfAny([' ', '\t']);
            rule = (end < 0 ? rule : rule[..end]).ToLowerInvariant();
            var (set, name) = rule switch
            {
                ['!', .. var rest] => (exceptions, rest),
                ['*', '.', .. var rest] => (wildcards, rest),
                _ => (rules, rule),
            };
            if (ToAscii(idn, name) is { } ascii)
            {
                set.Add(ascii);
            }
        }
        return new PublicSuffixList(rules, wildcards, exceptions);
    }

    /// <summary>
    /// The registrable domain of a lower-case punycode name: the public suffix plus one label
    /// (<c>www.example.co.uk</c> → <c>example.co.uk</c>), or null when the name is itself a public suffix.
    /// </summary>
    public string? RegistrableDomain(string asciiDomain)
    {
        if (string.IsNullOrEmpty(asciiDomain) || asciiDomain.StartsWith('.') || asciiDomain.EndsWith('.')
            || asciiDomain.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }
        var domain = asciiDomain.ToLowerInvariant();
        var labelStarts = LabelStarts(domain);
        var suffixLabels = 1; // the default rule "*"
        for (var i = 0; i < labelStarts.Count; i++)
        {
            var candidate = domain.AsSpan(labelStarts[i]);
            if (exceptions.Contains(candidate))
            {
                suffixLabels = labelStarts.Count - i - 1;
                break;
            }
            if (rules.Contains(candidate) || (i + 1 < labelStarts.Count && wildcards.Contains(domain.AsSpan(labelStarts[i + 1]))))
            {
                suffixLabels = labelStarts.Count - i;
                break;
            }
        }
        return labelStarts.Count > suffixLabels ? domain[labelStarts[labelStarts.Count - suffixLabels - 1]..] : null;
    }

    private static List<int> LabelStarts(string domain)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < domain.Length; i++)
        {
            if (domain[i] == '.')
            {
                starts.Add(i + 1);
            }
        }
        return starts;
    }

    private static string? ToAscii(IdnMapping idn, string name)
    {
        if (name.Length == 0 || name.All(char.IsAscii))
        {
            return name.Length == 0 ? null : name;
        }
        try
        {
            return idn.GetAscii(name).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
