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

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, IReadOnlyList<Category>> Lists = new();

    /// <summary>The categories in a set; the lists are shared (there are few distinct sets), so screening allocates none.</summary>
    public static IReadOnlyList<Category> FromFlags(int flags) =>
        Lists.GetOrAdd(flags, f => Enum.GetValues<Category>().Where(category => (f & Flag(category)) != 0).ToArray());
}
