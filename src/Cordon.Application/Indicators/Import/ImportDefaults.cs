using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Sharing;

namespace Cordon.Application.Indicators.Import;

/// <summary>Values for rows that leave a column out (command-line options or query parameters of an upload).</summary>
public sealed record ImportDefaults(
    IdentifierType? Type = null,
    IReadOnlyList<Category>? Categories = null,
    int? Confidence = null,
    Tlp? Tlp = null,
    Distribution? Distribution = null,
    IReadOnlyList<Guid>? Communities = null,
    DateTimeOffset? ValidUntil = null);
