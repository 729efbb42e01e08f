using System.Text.Json.Serialization;
using Cordon.Core.Indicators;

namespace Cordon.Core.Screening;

public enum Verdict
{
    Clear,
    Suspicious,
    [JsonStringEnumMemberName("known_bad")]
    KnownBad,
}

/// <summary>What the caller may learn about a screened identifier. Empty reasons for <c>clear</c>. A struct: a lookup allocates nothing.</summary>
public readonly record struct ScreeningResult(
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
    public static readonly ScreeningResult Clear = new(Verdict.Clear, 0, [], 0, 0, 0, 0, null, null);
}

/// <summary>How visible reports become a verdict: documented in docs/screening.md.</summary>
public static class VerdictRules
{
    public const int KnownBadScore = 70;

    /// <summary>The highest confidence, raised by 10 for each further organisation that reported it, at most 100.</summary>
    public static int Score(int maxConfidence, int organisations) =>
        organisations == 0 ? 0 : Math.Min(100, maxConfidence + (10 * (organisations - 1)));

    public static Verdict For(int score, int reports) =>
        reports == 0 ? Verdict.Clear : score >= KnownBadScore ? Verdict.KnownBad : Verdict.Suspicious;
}
