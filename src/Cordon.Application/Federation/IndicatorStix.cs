using System.Text.Json.Nodes;
using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Core.Indicators;
using Cordon.Core.Stix;

namespace Cordon.Application.Federation;

/// <summary>Stored items in STIX: the bridge between the entities and the store-free mapping in Core.</summary>
public static class IndicatorStix
{
    public static StixIndicator Facts(Indicator i) => new(i.Id, i.OrganisationId, i.Observable.Type, i.Observable.Value,
        CategorySet.FromFlags(i.CategoryFlags), i.Confidence, i.Tlp, i.Distribution, i.CreatedAt, i.UpdatedAt, i.FirstSeen, i.LastSeen,
        i.ValidUntil, i.RevokedAt is not null, i.OriginNode);

    public static JsonObject Identity(Organisation o) => StixWriter.Identity(o.Id, o.Name, o.Sector, o.Country, o.CreatedAt, o.HomeNode);
}
