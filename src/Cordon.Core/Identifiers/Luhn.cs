namespace Cordon.Core.Identifiers;

/// <summary>The Luhn (mod 10) check digit of payment cards and IMEIs.</summary>
public static class Luhn
{
    /// <summary>True when the last digit of <paramref name="digits"/> (ASCII digits only) is the Luhn check digit of the rest.</summary>
    public static bool IsValid(ReadOnlySpan<char> digits) =>
        digits.Length >= 2 && CheckDigit(digits[..^1]) == digits[^1];

    /// <summary>The check digit to append to <paramref name="payload"/> (ASCII digits only).</summary>
    public static char CheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var digit = payload[i] - '0';
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }
            sum += digit;
            doubleIt = !doubleIt;
        }
        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
