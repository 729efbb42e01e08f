using System.Globalization;

namespace Cordon.Core.Identifiers;

/// <summary>
/// Phone numbers to E.164 (<c>+442079460018</c>). International spellings (<c>+</c>, <c>00</c>, the country's own
/// international prefix) are read on their own; national spellings need the submitting organisation's country.
/// </summary>
internal static class PhoneNormaliser
{
    private const int MinTotalDigits = 7;
    private const int MaxTotalDigits = 15;

    public static Identifier Normalise(string input, string? country)
    {
        var value = ToE164(input, country);
        return new Identifier(IdentifierType.Phone, value, value, null);
    }

    public static string ToE164(string input, string? country)
    {
        var (international, digits) = ReadDigits(StripTelScheme(input));
        if (international)
        {
            return International(digits);
        }
        var plan = KnownCountry(country) is { } code ? PhoneNumberingPlan.ForCountry(code) : null;
        foreach (var prefix in plan?.InternationalPrefixes ?? [])
        {
            if (digits.StartsWith(prefix, StringComparison.Ordinal))
            {
                return International(digits[prefix.Length..]);
            }
        }
        // No national number anywhere starts with 00: it is the international prefix of most of the world.
        if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            return International(digits[2..]);
        }
        if (plan is null)
        {
            throw KnownCountry(country) is { } unsupported
                ? Refuse.Because($"national numbers from {unsupported} are not supported; write it with + and the calling code")
                : Refuse.Because("a national number needs the submitting organisation's country; write it with + and the calling code");
        }
        return National(digits, plan);
    }

    private static string StripTelScheme(string input)
    {
        if (!input.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            return input;
        }
        var number = input[4..];
        var parameters = number.IndexOf(';', StringComparison.Ordinal);
        return (parameters < 0 ? number : number[..parameters]).Trim();
    }

    private static (bool International, string Digits) ReadDigits(string input)
    {
        // A phone number has at most 15 digits; the input is bounded (InputCleaner), so the buffer is too.
        Span<char> digits = input.Length <= 256 ? stackalloc char[input.Length] : new char[input.Length];
        var count = 0;
        var international = false;
        foreach (var c in input)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
            else if (char.IsDigit(c))
            {
                // Any script's decimal digits: Arabic-Indic, Devanagari and Bengali digits are common in reports.
                digits[count++] = (char)('0' + (int)char.GetNumericValue(c));
            }
            else if (c == '+' && count == 0 && !international)
            {
                international = true;
            }
            else if (c == '+')
            {
                throw Refuse.Because("a '+' may only start a phone number");
            }
            else if (IsSeparator(c))
            {
                continue;
            }
            else
            {
                throw char.IsLetter(c)
                    ? Refuse.Because("a phone number cannot hold letters (extensions and vanity numbers are not accepted)")
                    : Refuse.Because("a phone number may hold only digits, spaces, dashes, dots, brackets and a leading +");
            }
        }
        return count > 0 ? (international, new string(digits[..count])) : throw Refuse.Because("a phone number needs digits");
    }

    private static bool IsSeparator(char c) =>
        c is ' ' or '-' or '.' or '(' or ')' or '/' or '\u2212' or (>= '\u2010' and <= '\u2015');

    private static string International(string digits)
    {
        if (CallingCodes.Match(digits) is not { } callingCode)
        {
            throw Refuse.Because("the number does not start with an assigned country calling code");
        }
        var nsn = digits.AsSpan(callingCode.Length);
        if (PhoneNumberingPlan.ForCallingCode(callingCode) is not { } plan)
        {
            return digits.Length is >= MinTotalDigits and <= MaxTotalDigits
                ? "+" + digits
                : throw Refuse.Because($"an international number has {MinTotalDigits} to {MaxTotalDigits} digits");
        }
        if (plan.IsValidNsn(nsn))
        {
            return "+" + digits;
        }
        // "+44 (0)20 …": a trunk prefix written after the calling code.
        foreach (var trunk in plan.TrunkPrefixes)
        {
            if (nsn.StartsWith(trunk, StringComparison.Ordinal) && plan.IsValidNsn(nsn[trunk.Length..]))
            {
                return string.Concat("+", callingCode, nsn[trunk.Length..]);
            }
        }
        throw Refuse.Because(string.Create(CultureInfo.InvariantCulture,
            $"a +{callingCode} number has {LengthRange(plan)} digits after the country code"));
    }

    private static string National(string digits, PhoneNumberingPlan plan)
    {
        foreach (var trunk in plan.TrunkPrefixes)
        {
            if (digits.StartsWith(trunk, StringComparison.Ordinal) && plan.IsValidNsn(digits.AsSpan(trunk.Length)))
            {
                return string.Concat("+", plan.CallingCode, digits.AsSpan(trunk.Length));
            }
        }
        if (plan.IsValidNsn(digits))
        {
            return "+" + plan.CallingCode + digits;
        }
        // The country's own calling code written without "+" or "00" (8613800138000 from a Chinese member).
        if (digits.StartsWith(plan.CallingCode, StringComparison.Ordinal) && plan.IsValidNsn(digits.AsSpan(plan.CallingCode.Length)))
        {
            return "+" + digits;
        }
        throw Refuse.Because(string.Create(CultureInfo.InvariantCulture,
            $"a national {plan.Country} number has {LengthRange(plan)} digits after the trunk prefix"));
    }

    private static string LengthRange(PhoneNumberingPlan plan) => plan.MinLength == plan.MaxLength
        ? plan.MinLength.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{plan.MinLength} to {plan.MaxLength}");

    private static string? KnownCountry(string? country) =>
        country is { Length: 2 } && char.IsAsciiLetter(country[0]) && char.IsAsciiLetter(country[1])
            && !string.Equals(country, "ZZ", StringComparison.OrdinalIgnoreCase)
            ? country.ToUpperInvariant()
            : null;
}
