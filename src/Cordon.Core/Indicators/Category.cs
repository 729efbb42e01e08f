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

    public static IReadOnlyList<Category> FromFlags(int flags) =>
        Enum.GetValues<Category>().Where(category => (flags & Flag(category)) != 0).ToArray();
}
