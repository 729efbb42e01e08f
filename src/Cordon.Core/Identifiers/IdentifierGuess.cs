using System.Net;
using System.Text.RegularExpressions;

namespace Cordon.Core.Identifiers;

/// <summary>
/// Guesses the type of a pasted value (the console's type-aware input), so that an analyst can paste a mixed list.
/// A guess only picks the normaliser; the normaliser still decides whether the value is valid. <c>type:value</c>
/// (e.g. <c>handle:@scammer</c>) always wins over a guess.
/// </summary>
public static partial class IdentifierGuess
{
    public static IdentifierType? Guess(string? raw)
    {
        var value = raw?.Trim() ?? "";
        if (value.Length is 0 or > IdentifierNormaliser.MaxUrlLength)
        {
            return null;
        }
        if (value.Contains("://", StringComparison.Ordinal) || value.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            return IdentifierType.Url;
        }
        if (value.StartsWith('@'))
        {
            return IdentifierType.Handle;
        }
        if (value.Contains('@', StringComparison.Ordinal) && !value.Contains(' ', StringComparison.Ordinal))
        {
            return IdentifierType.Email;
        }
        if (IPAddress.TryParse(value.Split('/')[0], out _) && (value.Contains('.', StringComparison.Ordinal) || value.Contains(':', StringComparison.Ordinal)))
        {
            return IdentifierType.Ip;
        }
        if (Wallet().IsMatch(value))
        {
            return IdentifierType.CryptoWallet;
        }
        if (Hash().IsMatch(value))
        {
            return IdentifierType.FileHash;
        }
        var compact = value.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (Iban().IsMatch(compact) || DomesticAccount().IsMatch(value))
        {
            return IdentifierType.BankAccount;
        }
        var digits = value.Count(char.IsAsciiDigit);
        if (PhoneOrCard().IsMatch(value) && digits >= 6)
        {
            var bare = new string(value.Where(char.IsAsciiDigit).ToArray());
            return !value.StartsWith('+') && !value.StartsWith('0') && bare.Length is >= 13 and <= 19 && Luhn.IsValid(bare)
                ? IdentifierType.PaymentCard
                : IdentifierType.Phone;
        }
        return Domain().IsMatch(value) ? IdentifierType.Domain : null;
    }

    /// <summary><c>type:value</c> when the prefix names a type, else the guess; null when neither says.</summary>
    public static (IdentifierType? Type, string Value) Parse(string line)
    {
        var trimmed = line.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && Text.CordonJson.TryParse<IdentifierType>(trimmed[..colon], out var named))
        {
            return (named, trimmed[(colon + 1)..].Trim());
        }
        return (Guess(trimmed), trimmed);
    }

    [GeneratedRegex(@"^(0x[0-9a-fA-F]{40}|(bc1|tb1)[02-9ac-hj-np-z]{11,71}|[13][1-9A-HJ-NP-Za-km-z]{25,34}|T[1-9A-HJ-NP-Za-km-z]{33})$")]
    private static partial Regex Wallet();

    [GeneratedRegex(@"^([0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$")]
    private static partial Regex Hash();

    [GeneratedRegex(@"^[A-Za-z]{2}[0-9]{2}[A-Za-z0-9]{11,30}$")]
    private static partial Regex Iban();

    [GeneratedRegex(@"^[A-Za-z]{2}:[0-9A-Za-z]+:[0-9 -]+$")]
    private static partial Regex DomesticAccount();

    [GeneratedRegex(@"^\+?[0-9 ().\-]+$")]
    private static partial Regex PhoneOrCard();

    [GeneratedRegex(@"^[^\s/]+\.[^\s/.]{2,}\.?$")]
    private static partial Regex Domain();
}
