namespace Cordon.Core.Identifiers;

/// <summary>One identifier in canonical form.</summary>
/// <param name="Type">The kind of identifier.</param>
/// <param name="Value">The canonical value: what is stored, indexed and matched.</param>
/// <param name="Display">
/// A safe human-readable form: for payment cards the masked number (BIN6, asterisks, last four); for IDN domains the
/// Unicode form unless it could be mistaken for another name; otherwise the value itself.
/// </param>
/// <param name="RegistrableDomain">
/// For domains, URLs and email addresses: the registrable domain (eTLD+1, punycode), or null when the name is itself a
/// public suffix or the host is an IP address. Null for the other types.
/// </param>
public sealed record Identifier(IdentifierType Type, string Value, string Display, string? RegistrableDomain);
