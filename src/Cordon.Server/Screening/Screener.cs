using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Members;
using Cordon.Core.Screening;
using Cordon.Core.Sharing;

namespace Cordon.Server.Screening;

/// <summary>Who screens: what the access policy and normalisation need of the caller, resolved once per request.</summary>
public sealed record ScreeningCaller(Guid OrganisationId, Viewer Viewer, NormalisationContext Normalisation);

/// <summary>Normalises, looks up in the live index through the access policy, and queues sightings for hits.</summary>
public sealed class Screener(LiveIndex live, IdentifierNormalisation normalisation, SightingRecorder sightings, TimeProvider clock,
    CordonDbFactory store)
{
    public (Identifier Identifier, ScreeningResult Result) Screen(Caller request, IdentifierType? type, string? value)
    {
        var caller = Caller(request);
        var hits = new List<Guid>();
        var answer = Screen(caller, type, value, hits);
        RecordSightings(caller, hits);
        return answer;
    }

    public ScreeningCaller Caller(Caller request) =>
        new(request.OrganisationId, request.Viewer, normalisation.For(CountryOf(request.OrganisationId)));

    /// <summary>One check for a caller resolved before; the visible reports' indicators are added to <paramref name="hits"/>.</summary>
    public (Identifier Identifier, ScreeningResult Result) Screen(ScreeningCaller caller, IdentifierType? type, string? value, List<Guid> hits)
    {
        var identifier = Normalise(caller, type, value);
        return (identifier, Lookup(caller, identifier, hits, Now()));
    }

    /// <summary>The time lookups are checked against (expiry is kept to the minute): a batch reads it once per chunk.</summary>
    public DateTimeOffset Now() => clock.GetUtcNow();

    /// <exception cref="InvalidInputException">The type is missing or the value is refused.</exception>
    public static Identifier Normalise(ScreeningCaller caller, IdentifierType? type, string? value) =>
        IdentifierNormaliser.Normalise(type ?? throw new InvalidInputException("type", "is required."), value, caller.Normalisation);

    public ScreeningResult Lookup(ScreeningCaller caller, Identifier identifier, List<Guid> hits, DateTimeOffset now) =>
        live.Index.Lookup(identifier.Type, identifier.Value, caller.Viewer, now, hits);

    /// <summary>A hint that <paramref name="identifier"/> is looked up next: see <see cref="ScreeningIndex.Prefetch"/>.</summary>
    public void Prefetch(Identifier identifier) => live.Index.Prefetch(identifier.Type, identifier.Value);

    /// <summary>Hits become sightings for the indicators' owners, written off the request path.</summary>
    public void RecordSightings(ScreeningCaller caller, List<Guid> hits)
    {
        if (hits.Count > 0)
        {
            sightings.Record(hits, caller.OrganisationId);
        }
    }

    /// <summary>For the public page: TLP:CLEAR items distributed to the node only, no sightings.</summary>
    public (Identifier Identifier, ScreeningResult Result) ScreenPublic(IdentifierType type, string? value)
    {
        var identifier = IdentifierNormaliser.Normalise(type, value, normalisation.For(null));
        return (identifier, live.Index.Lookup(identifier.Type, identifier.Value, viewer: null, clock.GetUtcNow()));
    }

    /// <summary>From the index's member facts; an organisation created since the last poll is read from the store.</summary>
    private string? CountryOf(Guid organisationId)
    {
        var country = live.CountryOf(organisationId);
        if (country is not null)
        {
            return country;
        }
        using var db = store.Create();
        return db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Country).SingleOrDefault();
    }

    public IReadOnlyList<(string Suffix, ScreeningResult Result)> Range(Caller request, string prefix) =>
        live.Index.Range(prefix, request.Viewer, clock.GetUtcNow());
}
