namespace Cordon.Core.Identifiers;

/// <summary>Bank accounts: an IBAN, or a domestic account written <c>CC:BANK:ACCOUNT</c>.</summary>
internal static class BankAccountNormaliser
{
    public static Identifier Normalise(string input)
    {
        var text = StripIbanLabel(input);
        var value = text.Contains(':', StringComparison.Ordinal)
            ? DomesticAccountNormaliser.Normalise(text)
            : Iban(text);
        return new Identifier(IdentifierType.BankAccount, value, value, null);
    }

    private static string Iban(string text)
    {
        var compact = IbanNormaliser.Compact(text);
        return IbanNormaliser.LooksLikeIban(compact)
            ? IbanNormaliser.Validate(compact)
            : throw Refuse.Because("not an IBAN; write a domestic account as COUNTRY:BANK:ACCOUNT (e.g. HK:004:123456789)");
    }

    // "IBAN GB82 WEST…", "IBAN: GB82…" as printed on statements and invoices.
    private static string StripIbanLabel(string input)
    {
        if (!input.StartsWith("IBAN", StringComparison.OrdinalIgnoreCase) || input.Length < 5
            || char.IsAsciiDigit(input[4]))
        {
            return input;
        }
        return input[4..].TrimStart().TrimStart(':').TrimStart();
    }
}
