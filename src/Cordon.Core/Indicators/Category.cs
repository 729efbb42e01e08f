namespace Cordon.Core.Indicators;

/// <summary>The fixed vocabulary of fraud and crime categories (docs/indicators.md explains each).</summary>
public enum Category
{
    InvestmentScam,
    ImpersonationOfOfficials,
    Romance,
    JobTaskScam,
    Shopping,
    Phishing,
    Sextortion,
    Loan,
    OnlineGambling,
    MoneyMule,
    Ransomware,
    Hacking,
    AccountTakeover,
    Malware,
    SimBox,
    Other,
}

/// <summary>Categories stored as bit flags, so that a set of categories is one column and filters are one AND.</summary>
public static class CategorySet
{
    public static int ToFlags(IEnumerable<Category> categories) =>
        categories.Aggregate(0, (flags, category) => flags | Flag(category));

    public static int Flag(Category category) => 1 << (int)category;

    private static readonly int Known = ToFlags(Enum.GetValues<Category>());

    // One list per set, made when first asked for: an array index rather than a dictionary on the screening path.
    private static readonly IReadOnlyList<Category>?[] Lists = new IReadOnlyList<Category>?[Known + 1];

    /// <summary>
    /// The categories in a set (bits of no category are ignored); the lists are shared, so screening allocates none.
    /// Two threads may both make a set's first list: they are equal, and either may be kept.
    /// </summary>
    public static IReadOnlyList<Category> FromFlags(int flags) => Lists[flags & Known] ??= ListOf(flags & Known);

    // Apart from FromFlags, whose every call would otherwise allocate the closure over the set.
    private static Category[] ListOf(int set) => [.. Enum.GetValues<Category>().Where(category => (set & Flag(category)) != 0)];
}
