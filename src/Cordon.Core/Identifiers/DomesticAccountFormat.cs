namespace Cordon.Core.Identifiers;

/// <summary>
/// How a country writes domestic accounts: what its bank code is (sort code, BSB, routing number…) and how long the
/// account number is. Countries not listed accept 1–15 letters or digits of bank code and 4–34 of account number.
/// </summary>
internal sealed record DomesticAccountFormat(
    string BankCodeName,
    int BankMin,
    int BankMax,
    bool BankDigitsOnly,
    int AccountMin,
    int AccountMax,
    bool AccountDigitsOnly,
    Func<string, bool>? BankCodeCheck = null)
{
    public static readonly DomesticAccountFormat Default = new("bank code", 1, 15, false, 4, 34, false);

    private static readonly Dictionary<string, DomesticAccountFormat> ByCountry = new(StringComparer.Ordinal)
    {
        ["US"] = new("ABA routing number", 9, 9, true, 4, 17, true, AbaRoutingNumber.IsValid),
        ["CA"] = new("institution and transit number", 8, 8, true, 5, 12, true),
        ["GB"] = new("sort code", 6, 6, true, 8, 8, true),
        ["AU"] = new("BSB", 6, 6, true, 5, 10, true),
        ["NZ"] = new("bank and branch number", 6, 6, true, 9, 10, true),
        ["HK"] = new("bank code", 3, 3, true, 6, 12, true),
        ["SG"] = new("bank code", 4, 4, true, 6, 14, true),
        ["JP"] = new("bank and branch code", 4, 7, true, 7, 7, true),
        ["IN"] = new("IFSC", 11, 11, false, 9, 18, true, IsIfsc),
        ["CN"] = new("bank code", 3, 14, true, 8, 25, true),
    };

    public static DomesticAccountFormat For(string country) => ByCountry.GetValueOrDefault(country, Default);

    // Indian Financial System Code: four letters for the bank, a zero, six letters or digits for the branch.
    private static bool IsIfsc(string code) =>
        code.Length == 11 && code[..4].All(char.IsAsciiLetterUpper) && code[4] == '0' && code[5..].All(char.IsAsciiLetterOrDigit);
}
