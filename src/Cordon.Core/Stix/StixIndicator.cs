using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Sharing;

namespace Cordon.Core.Stix;

/// <summary>
/// What Cordon knows of one indicator, independent of the store: the facts that go into a STIX indicator and its
/// observable, and what is read back from one.
/// </summary>
public sealed record StixIndicator(
    Guid Id,
    Guid OrganisationId,
    IdentifierType Type,
    string Value,
    IReadOnlyList<Category> Categories,
    int Confidence,
    Tlp Tlp,
    Distribution Distribution,
    DateTimeOffset Created,
    DateTimeOffset Modified,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    DateTimeOffset? ValidUntil,
    bool Revoked,
    string? OriginNode)
{
    public string StixId => StixIds.Of("indicator", Id);

    public string CreatedByRef => StixIds.Of("identity", OrganisationId);
}
