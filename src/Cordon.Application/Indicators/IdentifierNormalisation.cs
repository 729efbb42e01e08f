using Cordon.Core.Identifiers;

namespace Cordon.Application.Indicators;

/// <summary>The node-wide parts of normalisation (card hash key, public suffix list); the country comes per submitter.</summary>
public sealed class IdentifierNormalisation(byte[] cardHashKey, PublicSuffixLists suffixes)
{
    public NormalisationContext For(string? country) => new(country, cardHashKey, suffixes.Current);
}
