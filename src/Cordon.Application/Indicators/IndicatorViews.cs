using Cordon.Application.Members;

namespace Cordon.Application.Indicators;

/// <summary>What the network knows about an observable, counted over the reports the caller may see only.</summary>
public sealed record NetworkView(int Reports, int Organisations, IReadOnlyList<string> Countries, int Sightings, int FalsePositives);

/// <summary>One indicator as a caller may see it; sightings and false positives in detail for its owner only.</summary>
public sealed record IndicatorView(
    Indicator Indicator,
    Organisation Reporter,
    NetworkView Network,
    bool IsOwner,
    IReadOnlyList<Sighting> Sightings,
    IReadOnlyList<FalsePositiveReport> FalsePositives);

/// <summary>Search filters; <c>Value</c> is normalised with the caller's country before matching.</summary>
public sealed record IndicatorQuery(
    Core.Identifiers.IdentifierType? Type,
    string? Value,
    Core.Indicators.Category? Category,
    Guid? OrganisationId,
    string? Country,
    DateTimeOffset? SeenSince,
    bool IncludeRevoked,
    string? Cursor,
    int Limit);

/// <summary>A page of search results, newest first; pass <c>Next</c> as the cursor for the following page.</summary>
public sealed record IndicatorPage(IReadOnlyList<(Indicator Indicator, Organisation Reporter)> Items, string? Next);
