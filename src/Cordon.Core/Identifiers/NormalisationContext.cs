namespace Cordon.Core.Identifiers;

/// <summary>What a normaliser needs to know besides the raw value.</summary>
/// <param name="Country">
/// ISO 3166-1 alpha-2 code of the submitting organisation (upper case; null or <c>ZZ</c> when unknown). Used to resolve
/// national phone numbers.
/// </param>
/// <param name="CardHashKey">Secret key (at least 32 bytes) of the keyed hash that stands in for a payment card number.</param>
/// <param name="Suffixes">The public suffix list that gives the registrable domain of domains, URLs and email addresses.</param>
public sealed record NormalisationContext(string? Country, byte[] CardHashKey, PublicSuffixList Suffixes);
