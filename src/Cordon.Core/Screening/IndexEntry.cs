using Cordon.Core.Identifiers;
using Cordon.Core.Sharing;

namespace Cordon.Core.Screening;

/// <summary>One indicator (one organisation's report) as the screening index needs it.</summary>
public sealed record IndexEntry(
    Guid IndicatorId,
    IdentifierType Type,
    string Value,
    Guid OwnerId,
    Tlp Tlp,
    Distribution Distribution,
    IReadOnlyCollection<Guid> Communities,
    int CategoryFlags,
    int Confidence,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    DateTimeOffset? ValidUntil,
    bool Revoked);
