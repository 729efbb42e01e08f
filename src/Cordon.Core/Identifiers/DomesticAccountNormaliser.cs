using System.Globalization;
using System.Text;
using Cordon.Core.Members;

namespace Cordon.Core.Identifiers;

/// <summary>Domestic accounts written <c>CC:BANK:ACCOUNT</c> (<c>HK:004:123456789</c>, <c>US:021000021:12345678</c>).</summary>
internal static class DomesticAccountNormaliser
{
    public static string Normalise(string input)
    {
        var parts = input.Split(':');
        if (parts.Length != 3)
        {
            throw Refuse.Because("a domestic account is written COUNTRY:BANK:ACCOUNT (for example HK:004:123456789)");
        }
        var countryText = parts[0].Trim();
        var country = Countries.Normalise(countryText);
        if (country is null || country == Countries.Unknown)
        {
            throw Refuse.Because("a domestic account starts with the ISO 3166 code of its country (for example HK)");
        }
        var format = DomesticAccountFormat.For(country);
        var bank = Compact(parts[1], format.BankCodeName);
        var account = Compact(parts[2], "account number");
        Check(bank, format.BankCodeName, format.BankMin, format.BankMax, format.BankDigitsOnly, country);
        Check(account, "account number", format.AccountMin, format.AccountMax, format.AccountDigitsOnly, country);
        if (format.BankCodeCheck is { } isValid && !isValid(bank))
        {
            throw Refuse.Because($"the {country} {format.BankCodeName} is not valid (its check digit or prefix is wrong)");
        }
        return country + ":" + bank + ":" + account;
    }

    private static string Compact(string part, string name)
    {
        var builder = new StringBuilder(part.Length);
        foreach (var c in part)
        {
            if (c is ' ' or '-' or '.' or '/')
            {
                continue;
            }
            if (!char.IsAsciiLetterOrDigit(c))
            {
                throw Refuse.Because($"the {name} may hold only letters and digits");
            }
            builder.Append(char.ToUpperInvariant(c));
        }
        return builder.Length > 0 ? builder.ToString() : throw Refuse.Because($"the {name} is missing");
    }

    private static void Check(string part, string name, int min, int max, bool digitsOnly, string country)
    {
        if (digitsOnly && !part.All(char.IsAsciiDigit))
        {
            throw Refuse.Because($"a {country} {name} holds only digits");
        }
        if (part.Length < min || part.Length > max)
        {
            var length = min == max
                ? min.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{min} to {max}");
            throw Refuse.Because($"a {country} {name} has {length} characters");
        }
    }
}
