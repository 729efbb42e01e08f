namespace Cordon.Core.Identifiers;

/// <summary>US ABA routing transit numbers: nine digits, a Federal Reserve prefix and a 3-7-1 weighted checksum.</summary>
internal static class AbaRoutingNumber
{
    public static bool IsValid(string digits)
    {
        if (digits.Length != 9 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }
        var prefix = ((digits[0] - '0') * 10) + (digits[1] - '0');
        if (prefix is not ((>= 1 and <= 12) or (>= 21 and <= 32) or (>= 61 and <= 72) or 80))
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (i % 3) switch { 0 => 3, 1 => 7, _ => 1 };
        }
        return sum % 10 == 0;
    }
}
