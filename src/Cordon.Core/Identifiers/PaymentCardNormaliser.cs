using System.Security.Cryptography;
using System.Text;

namespace Cordon.Core.Identifiers;

/// <summary>
/// Payment card numbers (PANs). The number itself is never kept: the value is a keyed hash, the display form shows
/// only BIN6 and the last four digits. No refusal reason repeats any digit of the input.
/// </summary>
internal static class PaymentCardNormaliser
{
    public const int MinKeyLength = 32;

    public static Identifier Normalise(string input, byte[] key)
    {
        if (key is null || key.Length < MinKeyLength)
        {
            throw new ArgumentException($"The card hash key must be at least {MinKeyLength} bytes.", nameof(key));
        }
        var digits = Digits(input);
        if (digits.Length is < 12 or > 19)
        {
            throw Refuse.Because("a card number has 12 to 19 digits");
        }
        if (!Luhn.IsValid(digits))
        {
            throw Refuse.Because("not a valid card number (the Luhn check digit is wrong)");
        }
        var hash = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(digits)));
        return new Identifier(IdentifierType.PaymentCard, hash, Mask(digits), null);
    }

    private static string Digits(string input)
    {
        var digits = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-'))
            {
                throw Refuse.Because("a card number holds only digits, spaces and dashes");
            }
        }
        return digits.ToString();
    }

    /// <summary>BIN and last four only when at least six digits stay hidden; shorter numbers show their last four only.</summary>
    private static string Mask(string digits) => digits.Length - 10 >= 6
        ? digits[..6] + new string('*', digits.Length - 10) + digits[^4..]
        : new string('*', digits.Length - 4) + digits[^4..];
}
