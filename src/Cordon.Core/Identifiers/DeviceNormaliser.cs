namespace Cordon.Core.Identifiers;

/// <summary>
/// Device identifiers: IMEIs (the 15 digits of a handset or SIM-box slot, Luhn-checked). A 14-digit IMEI gets its
/// check digit appended.
/// </summary>
internal static class DeviceNormaliser
{
    public static Identifier Normalise(string input)
    {
        var digits = Digits(StripLabel(input));
        var imei = digits.Length switch
        {
            14 => digits + Luhn.CheckDigit(digits),
            15 when Luhn.IsValid(digits) => digits,
            15 => throw Refuse.Because("not a valid IMEI (the Luhn check digit is wrong)"),
            16 => throw Refuse.Because("this is an IMEISV (16 digits); give the IMEI: its first 14 digits"),
            _ => throw Refuse.Because("an IMEI has 15 digits (or 14 without the check digit)"),
        };
        return imei.All(c => c == '0')
            ? throw Refuse.Because("an all-zero IMEI is a placeholder, not a device")
            : new Identifier(IdentifierType.Device, imei, imei, null);
    }

    private static string StripLabel(string input)
    {
        if (!input.StartsWith("IMEI", StringComparison.OrdinalIgnoreCase))
        {
            return input;
        }
        return input[4..].TrimStart().TrimStart(':').TrimStart();
    }

    private static string Digits(string input)
    {
        var digits = new System.Text.StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '/'))
            {
                throw Refuse.Because("an IMEI holds only digits (spaces, dashes and slashes are ignored)");
            }
        }
        return digits.ToString();
    }
}
