using Cordon.Core.Identifiers;
using Cordon.Core.Sharing;

namespace Cordon.Core.Misp;

/// <summary>A MISP attribute as Cordon writes it: its type, category, value and (for a lossy mapping) a comment.</summary>
public sealed record MispAttribute(string Type, string Category, string Value, string? Comment);

/// <summary>
/// MISP attribute types and Cordon's identifier types, both ways. Reading takes the types that name one of Cordon's
/// identifiers; writing picks the closest MISP type and, where MISP has none (devices, handles, apps, most wallet
/// chains), writes <c>text</c> with a comment naming the Cordon type, so nothing is passed off as what it is not.
/// </summary>
public static class MispTypes
{
    private static readonly Dictionary<string, IdentifierType> Readable = new(StringComparer.Ordinal)
    {
        ["phone-number"] = IdentifierType.Phone,
        ["iban"] = IdentifierType.BankAccount,
        ["bank-account-nr"] = IdentifierType.BankAccount,
        ["btc"] = IdentifierType.CryptoWallet,
        ["xmr"] = IdentifierType.CryptoWallet,
        ["dash"] = IdentifierType.CryptoWallet,
        ["cc-number"] = IdentifierType.PaymentCard,
        ["domain"] = IdentifierType.Domain,
        ["hostname"] = IdentifierType.Domain,
        ["url"] = IdentifierType.Url,
        ["ip-dst"] = IdentifierType.Ip,
        ["ip-src"] = IdentifierType.Ip,
        ["email"] = IdentifierType.Email,
        ["email-src"] = IdentifierType.Email,
        ["email-dst"] = IdentifierType.Email,
        ["md5"] = IdentifierType.FileHash,
        ["sha1"] = IdentifierType.FileHash,
        ["sha256"] = IdentifierType.FileHash,
    };

    /// <summary>The Cordon identifier a MISP attribute names, with the value as Cordon's normaliser reads it; null when none.</summary>
    public static (IdentifierType Type, string Value)? Read(string mispType, string value) =>
        Readable.TryGetValue(mispType, out var type)
            ? (type, type == IdentifierType.CryptoWallet && !value.Contains(':', StringComparison.Ordinal) ? $"{mispType}:{value}" : value)
            : null;

    /// <summary>The MISP attribute for a canonical Cordon value.</summary>
    public static MispAttribute Write(IdentifierType type, string canonical) => type switch
    {
        IdentifierType.Phone => new("phone-number", "Financial fraud", canonical, null),
        IdentifierType.BankAccount when !canonical.Contains(':', StringComparison.Ordinal) => new("iban", "Financial fraud", canonical, null),
        IdentifierType.BankAccount => new("bank-account-nr", "Financial fraud", canonical, "domestic account as country:bank:account"),
        IdentifierType.CryptoWallet => Wallet(canonical),
        IdentifierType.PaymentCard => throw new ArgumentException("A payment card's value is a keyed hash: it never leaves its node.", nameof(type)),
        IdentifierType.Domain => new("domain", "Network activity", canonical, null),
        IdentifierType.Url => new("url", "Network activity", canonical, null),
        IdentifierType.Ip => new("ip-dst", "Network activity", canonical, null),
        IdentifierType.Email => new("email", "Payload delivery", canonical, null),
        IdentifierType.FileHash => new(canonical.Length switch { 32 => "md5", 40 => "sha1", _ => "sha256" }, "Payload delivery", canonical, null),
        _ => new("text", "Other", canonical, $"Cordon {Text.CordonJson.Name(type)}"),
    };

    private static MispAttribute Wallet(string canonical)
    {
        var colon = canonical.IndexOf(':', StringComparison.Ordinal);
        var chain = colon > 0 ? canonical[..colon] : "";
        return chain is "btc" or "xmr" or "dash"
            ? new(chain, "Financial fraud", canonical[(colon + 1)..], null)
            : new("text", "Financial fraud", canonical, "Cordon crypto_wallet (chain:address)");
    }

    /// <summary>The TLP a MISP tag names (<c>tlp:white</c> is TLP 1.0's name for CLEAR); null for other tags.</summary>
    public static Tlp? TlpOfTag(string tag) => tag.Trim().ToLowerInvariant() switch
    {
        "tlp:clear" or "tlp:white" => Tlp.Clear,
        "tlp:green" => Tlp.Green,
        "tlp:amber" => Tlp.Amber,
        "tlp:amber+strict" => Tlp.AmberStrict,
        "tlp:red" => Tlp.Red,
        _ => null,
    };

    /// <summary>The MISP tag of a TLP (TLP 2.0 names, which MISP's taxonomy carries).</summary>
    public static string TagOf(Tlp tlp) => tlp switch
    {
        Tlp.Clear => "tlp:clear",
        Tlp.Green => "tlp:green",
        Tlp.Amber => "tlp:amber",
        Tlp.AmberStrict => "tlp:amber+strict",
        _ => "tlp:red",
    };
}
