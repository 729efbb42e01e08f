using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Screening;

namespace Cordon.Server.Screening;

/// <summary>One check; a check made for a transaction or a call names its channel (and amount), and is answered with a check token.</summary>
public sealed record ScreenRequest(IdentifierType? Type, string? Value, Channel? Channel = null, decimal? Amount = null, string? Currency = null);

public sealed record OutcomeItem(string? Check, InterceptionOutcome? Outcome);

public sealed record OutcomesBody(List<OutcomeItem>? Outcomes);

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
    DateTimeOffset? LastSeen,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? Check = null)
{
    public static ScreenResponse From(Identifier identifier, ScreeningResult r, string? check = null) => new(identifier.Type, identifier.Display,
        r.Verdict, r.Score, r.Categories, r.Reports, r.Organisations, r.Countries, r.Confidence, r.FirstSeen, r.LastSeen, check);
}

public sealed record RangeMatch(string Suffix, Verdict Verdict, int Score, IReadOnlyList<Category> Categories);

public sealed record RangeResponse(string Prefix, IReadOnlyList<RangeMatch> Matches);
