using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Screening;

namespace Cordon.Server.Screening;

public sealed record ScreenRequest(IdentifierType? Type, string? Value);

/// <summary>A verdict and only the reasons the caller may see (counts over visible reports; no organisation names).</summary>
public sealed record ScreenResponse(
    IdentifierType Type,
    string Value,
    Verdict Verdict,
    int Score,
    IReadOnlyList<Category> Categories,
    int Reports,
    int Organisations,
    int Countries,
    int Confidence,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen)
{
    public static ScreenResponse From(Identifier identifier, ScreeningResult r) => new(identifier.Type, identifier.Display, r.Verdict,
        r.Score, r.Categories, r.Reports, r.Organisations, r.Countries, r.Confidence, r.FirstSeen, r.LastSeen);
}

public sealed record RangeMatch(string Suffix, Verdict Verdict, int Score, IReadOnlyList<Category> Categories);

public sealed record RangeResponse(string Prefix, IReadOnlyList<RangeMatch> Matches);
