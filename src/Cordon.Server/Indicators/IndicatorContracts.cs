using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Sharing;

namespace Cordon.Server.Indicators;

/// <summary>One indicator, or a batch in <c>Items</c> (then the other fields must be absent).</summary>
public sealed record SubmitIndicatorsRequest(
    IdentifierType? Type,
    string? Value,
    List<Category>? Categories,
    int? Confidence,
    Tlp? Tlp,
    Distribution? Distribution,
    List<Guid>? Communities,
    DateTimeOffset? ValidUntil,
    List<IndicatorItem>? Items)
{
    public IndicatorSubmission ToSubmission() => new(Type, Value, Categories, Confidence, Tlp, Distribution, Communities, ValidUntil);
}

public sealed record IndicatorItem(
    IdentifierType? Type,
    string? Value,
    List<Category>? Categories,
    int? Confidence,
    Tlp? Tlp,
    Distribution? Distribution,
    List<Guid>? Communities,
    DateTimeOffset? ValidUntil)
{
    public IndicatorSubmission ToSubmission() => new(Type, Value, Categories, Confidence, Tlp, Distribution, Communities, ValidUntil);
}

public sealed record SubmittedIndicator(Guid Id, SubmissionStatus Status);

public sealed record BatchResult(int Created, int Updated, int Rejected, IReadOnlyList<SubmissionResult> Results);

public sealed record UpdateIndicatorRequest(int? Confidence, DateTimeOffset? ValidUntil);

public sealed record SightingRequest(DateTimeOffset? SeenAt, int? Count, string? Where);

public sealed record FalsePositiveRequest(string? Reason);

public sealed record ReporterResponse(Guid Id, string Name, string Country);

public sealed record NetworkResponse(int Reports, int Organisations, IReadOnlyList<string> Countries, int Sightings, int FalsePositives);

public sealed record SightingResponse(Guid Id, Guid OrganisationId, DateTimeOffset SeenAt, int Count, string? Where);

public sealed record FalsePositiveResponse(Guid Id, Guid OrganisationId, string Reason, DateTimeOffset CreatedAt);

public sealed record IndicatorResponse(
    Guid Id,
    IdentifierType Type,
    string Value,
    string Display,
    string? RegistrableDomain,
    string OriginalValue,
    IReadOnlyList<Category> Categories,
    int Confidence,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    DateTimeOffset? ValidUntil,
    Tlp Tlp,
    Distribution Distribution,
    IReadOnlyList<Guid> Communities,
    ReporterResponse Reporter,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? RevokedAt,
    NetworkResponse? Network,
    IReadOnlyList<SightingResponse>? Sightings,
    IReadOnlyList<FalsePositiveResponse>? FalsePositives)
{
    /// <summary>Communities are listed to the owner only: other members learn only that they may see the item.</summary>
    public static IndicatorResponse From(Indicator i, Organisation reporter, Guid caller) => new(
        i.Id, i.Observable.Type, i.Observable.Value, i.Observable.Display, i.Observable.RegistrableDomain, i.OriginalValue,
        CategorySet.FromFlags(i.CategoryFlags), i.Confidence, i.FirstSeen, i.LastSeen, i.ValidUntil, i.Tlp, i.Distribution,
        i.OrganisationId == caller ? i.Communities.Select(c => c.CommunityId).Order().ToList() : [],
        new ReporterResponse(reporter.Id, reporter.Name, reporter.Country), i.CreatedAt, i.UpdatedAt, i.RevokedAt, null, null, null);

    public static IndicatorResponse From(IndicatorView view, Guid caller) => From(view.Indicator, view.Reporter, caller) with
    {
        Network = new NetworkResponse(view.Network.Reports, view.Network.Organisations, view.Network.Countries, view.Network.Sightings,
            view.Network.FalsePositives),
        Sightings = view.IsOwner ? view.Sightings.Select(s => new SightingResponse(s.Id, s.OrganisationId, s.SeenAt, s.Count, s.Where)).ToList() : null,
        FalsePositives = view.IsOwner
            ? view.FalsePositives.Select(f => new FalsePositiveResponse(f.Id, f.OrganisationId, f.Reason, f.CreatedAt)).ToList()
            : null,
    };
}

public sealed record IndicatorPageResponse(IReadOnlyList<IndicatorResponse> Items, string? Next);
