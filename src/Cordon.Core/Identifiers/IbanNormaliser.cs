using System.Text;

namespace Cordon.Core.Identifiers;

/// <summary>IBANs (ISO 13616) to their compact upper-case form, checked against the registry length and mod 97.</summary>
internal static class IbanNormaliser
{
    public static bool LooksLikeIban(string compact) =>
        compact.Length >= 4 && char.IsAsciiLetter(compact[0]) && char.IsAsciiLetter(compact[1])
        && char.IsAsciiDigit(compact[2]) && char.IsAsciiDigit(compact[3]);

    /// <summary>Removes the separators people write inside an IBAN and upper-cases it.</summary>
    public static string Compact(string input)
    {
        var builder = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (c is not (' ' or '-' or '.'))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }
        return builder.ToString();
    }

    public static string Validate(string compact)
    {
        foreach (var c in compact)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                throw Refuse.Because("an IBAN holds only letters and digits");
            }
        }
        var country = compact[..2];
        if (IbanRegistry.LengthOf(country) is not { } length)
        {
            throw Refuse.Because($"{country} does not issue IBANs (not in the IBAN registry)");
        }
        if (compact.Length != length)
        {
            throw Refuse.Because(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"a {country} IBAN has {length} characters"));
        }
        return Mod97(compact) == 1 ? compact : throw Refuse.Because("the IBAN check digits are wrong (mod-97 check failed)");
    }

    // ISO 7064 MOD 97-10 over the IBAN with its first four characters moved to the end and letters as 10..35.
    private static int Mod97(string iban)
    {
        var remainder = 0;
        for (var i = 0; i < iban.Length; i++)
        {
            var c = iban[(i + 4) % iban.Length];
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value < 10 ? ((remainder * 10) + value) % 97 : ((remainder * 100) + value) % 97;
        }
        return remainder;
    }
}
