using Cordon.Core.Identifiers;

namespace Cordon.Core.Stix;

/// <summary>How one Cordon identifier is written as a STIX cyber-observable: its type, property and value.</summary>
public sealed record ObservableShape(string ObjectType, string Property, string Value)
{
    /// <summary>The STIX object path of the property, as a pattern names it (hash algorithms quoted).</summary>
    public string Path => ObjectType == "file" ? $"file:hashes.'{Property}'" : $"{ObjectType}:{Property}";
}

/// <summary>
/// The mapping between Cordon identifier types and STIX observables. Standard STIX types where they exist; the custom
/// types OpenCTI reads (<c>phone-number</c>, <c>bank-account</c>, <c>cryptocurrency-wallet</c>, <c>payment-card</c>)
/// and Cordon's own (<c>cordon-device</c>, <c>cordon-app</c>, <c>cordon-handle</c>), each declared by an extension
/// definition (<see cref="CordonExtensions"/>).
/// </summary>
public static class ObservableShapes
{
    /// <summary>The custom observable types, each with the one property that holds its value.</summary>
    public static readonly IReadOnlyDictionary<string, string> CustomTypes = new Dictionary<string, string>
    {
        ["phone-number"] = "value",
        ["bank-account"] = "iban",
        ["cryptocurrency-wallet"] = "value",
        ["payment-card"] = "card_number",
        ["cordon-device"] = "value",
        ["cordon-app"] = "value",
        ["cordon-handle"] = "value",
    };

    /// <summary>
    /// The observable for a canonical identifier; null for payment cards, whose canonical value is this node's keyed
    /// hash and means nothing elsewhere (card numbers are never stored, so they never leave).
    /// </summary>
    public static ObservableShape? Of(IdentifierType type, string canonical) => type switch
    {
        IdentifierType.Phone => new("phone-number", "value", canonical),
        IdentifierType.BankAccount => canonical.Contains(':', StringComparison.Ordinal)
            ? new("bank-account", "account_number", canonical)
            : new("bank-account", "iban", canonical),
        IdentifierType.PaymentCard => null,
        // The bare address, as wallets and OpenCTI write it; the chain travels in Cordon's extension.
        IdentifierType.CryptoWallet => new("cryptocurrency-wallet", "value", canonical[(canonical.IndexOf(':', StringComparison.Ordinal) + 1)..]),
        IdentifierType.Domain => new("domain-name", "value", canonical),
        IdentifierType.Url => new("url", "value", canonical),
        IdentifierType.Ip => new(canonical.Contains(':', StringComparison.Ordinal) ? "ipv6-addr" : "ipv4-addr", "value", canonical),
        IdentifierType.Email => new("email-addr", "value", canonical),
        IdentifierType.FileHash => new("file", HashAlgorithm(canonical), canonical),
        IdentifierType.Device => new("cordon-device", "value", canonical),
        IdentifierType.App => new("cordon-app", "value", canonical),
        IdentifierType.Handle => new("cordon-handle", "value", canonical),
        _ => null,
    };

    /// <summary>The Cordon type of a STIX object path a pattern compares, or null when Cordon cannot act on it.</summary>
    public static IdentifierType? TypeOf(string objectType, string path) => (objectType, path) switch
    {
        ("phone-number", "value") => IdentifierType.Phone,
        ("bank-account", "iban" or "account_number") => IdentifierType.BankAccount,
        ("payment-card", "card_number") => IdentifierType.PaymentCard,
        ("cryptocurrency-wallet", "value") => IdentifierType.CryptoWallet,
        ("domain-name", "value") => IdentifierType.Domain,
        ("url", "value") => IdentifierType.Url,
        ("ipv4-addr" or "ipv6-addr", "value") => IdentifierType.Ip,
        ("email-addr", "value") => IdentifierType.Email,
        ("file", "hashes.'MD5'" or "hashes.MD5" or "hashes.'SHA-1'" or "hashes.'SHA-256'") => IdentifierType.FileHash,
        ("cordon-device", "value") => IdentifierType.Device,
        ("cordon-app", "value") => IdentifierType.App,
        ("cordon-handle", "value") => IdentifierType.Handle,
        _ => null,
    };

    /// <summary>The observable's id: UUIDv5 over its id-contributing property (STIX 2.1 §2.9).</summary>
    public static string IdOf(ObservableShape shape) =>
        shape.ObjectType == "file" ? StixIds.File(shape.Property, shape.Value) : StixIds.Observable(shape.ObjectType, shape.Property, shape.Value);

    private static string HashAlgorithm(string hex) => hex.Length switch
    {
        32 => "MD5",
        40 => "SHA-1",
        _ => "SHA-256",
    };
}
