namespace Cordon.Core.Identifiers;

/// <summary>
/// How one country writes phone numbers: its calling code, the trunk prefixes dialled before a national number, the
/// length of the national significant number (NSN, the digits after the calling code) and the international call
/// prefixes it uses besides <c>00</c>.
/// </summary>
/// <param name="LowestFirstDigit">The lowest digit an NSN may start with (2 under the North American plan, 0 in Italy).</param>
internal sealed record PhoneNumberingPlan(
    string Country,
    string CallingCode,
    string[] TrunkPrefixes,
    int MinLength,
    int MaxLength,
    string[] InternationalPrefixes,
    char LowestFirstDigit = '1')
{
    public bool IsValidNsn(ReadOnlySpan<char> nsn) =>
        nsn.Length >= MinLength && nsn.Length <= MaxLength && nsn[0] >= LowestFirstDigit;

    public static PhoneNumberingPlan? ForCountry(string country) => ByCountry.GetValueOrDefault(country);

    /// <summary>The plan of a calling code; for shared codes (+1, +7) the first country listed, whose rules the others share.</summary>
    public static PhoneNumberingPlan? ForCallingCode(string callingCode) => ByCallingCode.GetValueOrDefault(callingCode);

    // Lengths follow the national numbering plans as published to the ITU (and libphonenumber's "possible lengths"),
    // rounded to one range per country: they bound what is plausible, they do not check number ranges.
    private static readonly PhoneNumberingPlan[] Plans =
    [
        // North American Numbering Plan: "1" is both the calling code and the long-distance prefix.
        new("US", "1", ["1"], 10, 10, ["011"], '2'),
        new("CA", "1", ["1"], 10, 10, ["011"], '2'),
        new("PR", "1", ["1"], 10, 10, ["011"], '2'),
        new("DO", "1", ["1"], 10, 10, ["011"], '2'),
        new("JM", "1", ["1"], 10, 10, ["011"], '2'),
        // Europe
        new("GB", "44", ["0"], 7, 10, []),
        new("IE", "353", ["0"], 7, 10, []),
        new("FR", "33", ["0"], 9, 9, []),
        new("DE", "49", ["0"], 6, 13, []),
        new("AT", "43", ["0"], 6, 13, []),
        new("CH", "41", ["0"], 9, 9, []),
        new("IT", "39", [], 6, 11, [], '0'),
        new("ES", "34", [], 9, 9, []),
        new("PT", "351", [], 9, 9, []),
        new("NL", "31", ["0"], 7, 10, []),
        new("BE", "32", ["0"], 8, 9, []),
        new("LU", "352", [], 4, 11, []),
        new("PL", "48", [], 9, 9, []),
        new("CZ", "420", [], 9, 9, []),
        new("SK", "421", ["0"], 9, 9, []),
        new("HU", "36", ["06"], 8, 9, []),
        new("RO", "40", ["0"], 9, 9, []),
        new("BG", "359", ["0"], 7, 9, []),
        new("HR", "385", ["0"], 8, 9, []),
        new("SI", "386", ["0"], 8, 8, []),
        new("GR", "30", [], 10, 10, []),
        new("CY", "357", [], 8, 8, []),
        new("MT", "356", [], 8, 8, []),
        new("SE", "46", ["0"], 7, 10, []),
        new("NO", "47", [], 8, 8, []),
        new("DK", "45", [], 8, 8, []),
        new("FI", "358", ["0"], 6, 11, []),
        new("IS", "354", [], 7, 7, []),
        new("EE", "372", [], 7, 8, []),
        new("LV", "371", [], 8, 8, []),
        new("LT", "370", ["8", "0"], 8, 8, []),
        new("UA", "380", ["0"], 9, 9, []),
        new("RU", "7", ["8"], 10, 10, ["810"]),
        new("KZ", "7", ["8"], 10, 10, ["810"]),
        new("TR", "90", ["0"], 10, 10, []),
        // Middle East and Africa
        new("IL", "972", ["0"], 8, 9, ["012", "013", "014", "018", "019"]),
        new("AE", "971", ["0"], 8, 9, []),
        new("SA", "966", ["0"], 8, 9, []),
        new("QA", "974", [], 8, 8, []),
        new("KW", "965", [], 8, 8, []),
        new("BH", "973", [], 8, 8, []),
        new("OM", "968", [], 8, 8, []),
        new("JO", "962", ["0"], 8, 9, []),
        new("LB", "961", ["0"], 7, 8, []),
        new("EG", "20", ["0"], 8, 10, []),
        new("MA", "212", ["0"], 9, 9, []),
        new("DZ", "213", ["0"], 8, 9, []),
        new("TN", "216", [], 8, 8, []),
        new("NG", "234", ["0"], 7, 10, ["009"]),
        new("GH", "233", ["0"], 9, 9, []),
        new("KE", "254", ["0"], 7, 10, ["000"]),
        new("TZ", "255", ["0"], 9, 9, ["000"]),
        new("UG", "256", ["0"], 9, 9, ["000"]),
        new("ZA", "27", ["0"], 9, 9, []),
        // Asia and Oceania
        new("IN", "91", ["0"], 10, 10, []),
        new("PK", "92", ["0"], 8, 11, []),
        new("BD", "880", ["0"], 6, 10, []),
        new("LK", "94", ["0"], 9, 9, []),
        new("NP", "977", ["0"], 8, 10, []),
        new("CN", "86", ["0"], 9, 11, []),
        new("HK", "852", [], 8, 9, ["001"]),
        new("MO", "853", [], 8, 8, []),
        new("TW", "886", ["0"], 8, 9, ["002", "005", "006", "007", "009"]),
        new("JP", "81", ["0"], 9, 10, ["010"]),
        new("KR", "82", ["0"], 8, 10, ["001", "002", "005", "006", "008"]),
        new("MN", "976", ["0"], 8, 8, ["001"]),
        new("SG", "65", [], 8, 11, ["000", "001", "002", "008"]),
        new("MY", "60", ["0"], 8, 10, []),
        new("TH", "66", ["0"], 8, 9, ["001", "007", "008", "009"]),
        new("VN", "84", ["0"], 9, 10, []),
        new("PH", "63", ["0"], 8, 10, []),
        new("ID", "62", ["0"], 7, 12, ["001", "007", "008", "009"]),
        new("KH", "855", ["0"], 8, 9, ["001"]),
        new("LA", "856", ["0"], 8, 10, []),
        new("MM", "95", ["0"], 7, 10, []),
        new("BN", "673", [], 7, 7, []),
        new("AU", "61", ["0"], 9, 10, ["0011"]),
        new("NZ", "64", ["0"], 8, 10, []),
        // Latin America. Brazil's international prefix carries a two-digit carrier code; Mexico still sees the
        // trunk prefixes it dropped in 2019 and the "1" once dialled before mobile numbers.
        new("BR", "55", ["0"], 10, 11, ["0012", "0014", "0015", "0021", "0023", "0031", "0041", "0043"]),
        new("MX", "52", ["01", "044", "045", "1"], 10, 10, []),
        new("AR", "54", ["0"], 10, 11, []),
        new("CL", "56", [], 9, 9, []),
        new("CO", "57", [], 10, 10, ["005", "007", "009"]),
        new("PE", "51", ["0"], 8, 9, []),
        new("VE", "58", ["0"], 10, 10, []),
        new("EC", "593", ["0"], 8, 9, []),
        new("UY", "598", ["0"], 8, 8, []),
    ];

    private static readonly Dictionary<string, PhoneNumberingPlan> ByCountry =
        Plans.ToDictionary(plan => plan.Country, StringComparer.Ordinal);

    private static readonly Dictionary<string, PhoneNumberingPlan> ByCallingCode = Plans
        .GroupBy(plan => plan.CallingCode, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
}
