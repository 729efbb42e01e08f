using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Members;
using Cordon.Core.Screening;
using Cordon.Store;
using Cordon.Store.Indicators;

namespace Cordon.Server.Screening;

/// <summary>Normalises, looks up in the live index through the access policy, and queues sightings for hits.</summary>
public sealed class Screener(LiveIndex live, IdentifierNormalisation normalisation, SightingRecorder sightings, TimeProvider clock,
    CordonDbFactory store)
{
    public (Identifier Identifier, ScreeningResult Result) Screen(Actor actor, IdentifierType? type, string? value)
    {
        var identifier = IdentifierNormaliser.Normalise(type ?? throw new InvalidInputException("type", "is required."), value,
            normalisation.For(CountryOf(actor.OrganisationId)));
        var hits = new List<Guid>();
        var result = live.Index.Lookup(identifier.Type, identifier.Value, live.ViewerFor(actor.OrganisationId), clock.GetUtcNow(), hits);
        if (hits.Count > 0)
        {
            sightings.Record(hits, actor.OrganisationId);
        }
        return (identifier, result);
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

    public IReadOnlyList<(string Suffix, ScreeningResult Result)> Range(Actor actor, string prefix) =>
        live.Index.Range(prefix, live.ViewerFor(actor.OrganisationId), clock.GetUtcNow());
}
