using Cordon.Core.Errors;

namespace Cordon.Core.Identifiers;

/// <summary>
/// Brings an identifier in any common spelling to its one canonical form, so that reports of the same entity match.
/// Invalid values are refused with a short reason, never stored half-parsed. See docs/identifiers.md.
/// </summary>
public static class IdentifierNormaliser
{
    /// <summary>The longest URL accepted, in characters, after trimming.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>The longest value of any other type accepted, in characters, after trimming.</summary>
    public const int MaxLength = 512;

    /// <summary>Normalises <paramref name="raw"/> as an identifier of <paramref name="type"/>.</summary>
    /// <exception cref="InvalidInputException">
    /// The value is refused; <see cref="InvalidInputException.Field"/> is <c>value</c> and the reason is short and
    /// readable. A reason never repeats a card number.
    /// </exception>
    /// <exception cref="ArgumentException">The context is unusable (a card hash key shorter than 32 bytes).</exception>
    public static Identifier Normalise(IdentifierType type, string? raw, NormalisationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = InputCleaner.Clean(raw, type == IdentifierType.Url ? MaxUrlLength : MaxLength);
        return type switch
        {
            IdentifierType.Phone => PhoneNormaliser.Normalise(input, context.Country),
            IdentifierType.BankAccount => BankAccountNormaliser.Normalise(input),
            IdentifierType.PaymentCard => PaymentCardNormaliser.Normalise(input, context.CardHashKey),
            IdentifierType.CryptoWallet => CryptoWalletNormaliser.Normalise(input),
            IdentifierType.Domain => DomainNormaliser.Normalise(input, context.Suffixes),
            IdentifierType.Url => UrlNormaliser.Normalise(input, context.Suffixes),
            IdentifierType.Ip => IpNormaliser.Normalise(input),
            IdentifierType.Email => EmailNormaliser.Normalise(input, context.Suffixes),
            IdentifierType.FileHash => FileHashNormaliser.Normalise(input),
            IdentifierType.Device => DeviceNormaliser.Normalise(input),
            IdentifierType.Handle => HandleNormaliser.Normalise(input, context.Country),
            IdentifierType.App => AppNormaliser.Normalise(input),
        };
    }

    /// <summary>Like <see cref="Normalise"/>, but returns false with the reason instead of throwing when the value is refused.</summary>
    public static bool TryNormalise(IdentifierType type, string? raw, NormalisationContext context,
        out Identifier? identifier, out string? error)
    {
        try
        {
            identifier = Normalise(type, raw, context);
            error = null;
            return true;
        }
        catch (InvalidInputException refused)
        {
            identifier = null;
            error = refused.Reason;
            return false;
        }
    }
}
