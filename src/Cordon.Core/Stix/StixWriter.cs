using System.Text.Json.Nodes;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Text;

namespace Cordon.Core.Stix;

/// <summary>Writes Cordon's items as STIX 2.1 objects (spec_version 2.1, millisecond timestamps, deterministic ids).</summary>
public static class StixWriter
{
    /// <summary>
    /// An indicator as two objects: the observable (a cyber-observable object) and the STIX indicator whose pattern
    /// matches it. Null for payment cards (see <see cref="ObservableShapes.Of"/>).
    /// </summary>
    public static (JsonObject Observable, JsonObject Indicator)? Indicator(StixIndicator item)
    {
        if (ObservableShapes.Of(item.Type, item.Value) is not { } shape)
        {
            return null;
        }
        var observable = Observable(shape);
        var created = StixTime.ToMilliseconds(item.Created);
        var modified = StixTime.ToMilliseconds(item.Modified < item.Created ? item.Created : item.Modified);
        var indicator = new JsonObject
        {
            ["type"] = "indicator",
            ["spec_version"] = "2.1",
            ["id"] = item.StixId,
            ["created_by_ref"] = item.CreatedByRef,
            ["created"] = StixTime.Format(created),
            ["modified"] = StixTime.Format(modified),
            ["name"] = $"{CordonJson.Name(item.Type)} {shape.Value}",
            ["indicator_types"] = new JsonArray(IndicatorTypes(item.Categories).Select(t => (JsonNode)t).ToArray()),
            ["pattern"] = Pattern(shape),
            ["pattern_type"] = "stix",
            ["pattern_version"] = "2.1",
            ["valid_from"] = StixTime.Format(StixTime.ToMilliseconds(item.FirstSeen)),
            ["confidence"] = item.Confidence,
            ["labels"] = new JsonArray(item.Categories.Select(c => (JsonNode)CordonJson.Name(c)).ToArray()),
            ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(item.Tlp)),
        };
        if (item.ValidUntil is { } until && until > item.FirstSeen)
        {
            indicator["valid_until"] = StixTime.Format(StixTime.ToMilliseconds(until));
        }
        if (item.Revoked)
        {
            indicator["revoked"] = true;
        }
        var extension = new JsonObject
        {
            ["extension_type"] = "property-extension",
            ["identifier_type"] = CordonJson.Name(item.Type),
            ["value"] = item.Value,
            ["observable_ref"] = observable["id"]!.GetValue<string>(),
            ["categories"] = new JsonArray(item.Categories.Select(c => (JsonNode)CordonJson.Name(c)).ToArray()),
            ["distribution"] = CordonJson.Name(item.Distribution),
            ["first_seen"] = StixTime.Format(StixTime.ToMilliseconds(item.FirstSeen)),
            ["last_seen"] = StixTime.Format(StixTime.ToMilliseconds(item.LastSeen)),
        };
        if (item.OriginNode is not null)
        {
            extension["origin_node"] = item.OriginNode;
        }
        indicator["extensions"] = new JsonObject { [CordonExtensions.PropertiesExtensionId] = extension };
        return (observable, indicator);
    }

    public static JsonObject Observable(ObservableShape shape)
    {
        var observable = new JsonObject
        {
            ["type"] = shape.ObjectType,
            ["spec_version"] = "2.1",
            ["id"] = ObservableShapes.IdOf(shape),
        };
        if (shape.ObjectType == "file")
        {
            observable["hashes"] = new JsonObject { [shape.Property] = shape.Value };
        }
        else
        {
            observable[shape.Property] = shape.Value;
        }
        if (ObservableShapes.CustomTypes.ContainsKey(shape.ObjectType))
        {
            observable["extensions"] = new JsonObject
            {
                [CordonExtensions.ObservableExtensionId(shape.ObjectType)] = new JsonObject { ["extension_type"] = "new-sco" },
            };
        }
        return observable;
    }

    public static string Pattern(ObservableShape shape) => $"[{shape.Path} = {Patterns.StixPattern.Quote(shape.Value)}]";

    /// <summary>An organisation as a STIX identity (its sector in the STIX industry vocabulary, its country as a custom property of Cordon's extension).</summary>
    public static JsonObject Identity(Guid id, string name, Sector sector, string country, DateTimeOffset created, string? homeNode)
    {
        var extension = new JsonObject
        {
            ["extension_type"] = "property-extension",
            ["sector"] = CordonJson.Name(sector),
            ["country"] = country,
        };
        if (homeNode is not null)
        {
            extension["origin_node"] = homeNode;
        }
        var at = StixTime.Format(StixTime.ToMilliseconds(created));
        return new JsonObject
        {
            ["type"] = "identity",
            ["spec_version"] = "2.1",
            ["id"] = StixIds.Of("identity", id),
            ["created"] = at,
            ["modified"] = at,
            ["name"] = name,
            ["identity_class"] = "organization",
            ["sectors"] = new JsonArray(IndustrySector(sector)),
            ["extensions"] = new JsonObject { [CordonExtensions.PropertiesExtensionId] = extension },
        };
    }

    /// <summary>A sighting of an indicator by an organisation.</summary>
    public static JsonObject Sighting(Guid id, string indicatorId, Guid organisationId, DateTimeOffset seenAt, int count, DateTimeOffset created,
        Sharing.Tlp tlp, string? where)
    {
        var at = StixTime.Format(StixTime.ToMilliseconds(created));
        var sighting = new JsonObject
        {
            ["type"] = "sighting",
            ["spec_version"] = "2.1",
            ["id"] = StixIds.Of("sighting", id),
            ["created_by_ref"] = StixIds.Of("identity", organisationId),
            ["created"] = at,
            ["modified"] = at,
            ["sighting_of_ref"] = indicatorId,
            ["where_sighted_refs"] = new JsonArray(StixIds.Of("identity", organisationId)),
            ["first_seen"] = StixTime.Format(StixTime.ToMilliseconds(seenAt)),
            ["last_seen"] = StixTime.Format(StixTime.ToMilliseconds(seenAt)),
            ["count"] = Math.Clamp(count, 0, 999_999_999),
            ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(tlp)),
        };
        if (!string.IsNullOrWhiteSpace(where))
        {
            sighting["description"] = where;
        }
        return sighting;
    }

    /// <summary>A note about other objects: bulletins and response requests (with Cordon's facts in its extension).</summary>
    public static JsonObject Note(Guid id, Guid organisationId, string title, string content, IEnumerable<string> objectRefs,
        DateTimeOffset created, DateTimeOffset modified, Sharing.Tlp tlp, JsonObject? cordonFacts)
    {
        var refs = objectRefs.ToList();
        var note = new JsonObject
        {
            ["type"] = "note",
            ["spec_version"] = "2.1",
            ["id"] = StixIds.Of("note", id),
            ["created_by_ref"] = StixIds.Of("identity", organisationId),
            ["created"] = StixTime.Format(StixTime.ToMilliseconds(created)),
            ["modified"] = StixTime.Format(StixTime.ToMilliseconds(modified < created ? created : modified)),
            ["abstract"] = title,
            ["content"] = content,
            // A note must point at something; a request with no STIX target points at its sender.
            ["object_refs"] = new JsonArray((refs.Count > 0 ? refs : [StixIds.Of("identity", organisationId)]).Select(r => (JsonNode)r).ToArray()),
            ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(tlp)),
        };
        if (cordonFacts is not null)
        {
            cordonFacts["extension_type"] = "property-extension";
            note["extensions"] = new JsonObject { [CordonExtensions.PropertiesExtensionId] = cordonFacts };
        }
        return note;
    }

    /// <summary>A case as a STIX incident and the grouping of what it holds (the victims' identifiers as observables).</summary>
    public static (JsonObject Incident, JsonObject Grouping) Case(Guid id, Guid organisationId, string name, string? description,
        IEnumerable<string> objectRefs, DateTimeOffset created, DateTimeOffset modified, Sharing.Tlp tlp)
    {
        var createdAt = StixTime.Format(StixTime.ToMilliseconds(created));
        var modifiedAt = StixTime.Format(StixTime.ToMilliseconds(modified < created ? created : modified));
        var incidentId = StixIds.Of("incident", id);
        var incident = new JsonObject
        {
            ["type"] = "incident",
            ["spec_version"] = "2.1",
            ["id"] = incidentId,
            ["created_by_ref"] = StixIds.Of("identity", organisationId),
            ["created"] = createdAt,
            ["modified"] = modifiedAt,
            ["name"] = name,
            ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(tlp)),
        };
        if (!string.IsNullOrWhiteSpace(description))
        {
            incident["description"] = description;
        }
        var grouping = new JsonObject
        {
            ["type"] = "grouping",
            ["spec_version"] = "2.1",
            ["id"] = StixIds.Of("grouping", id),
            ["created_by_ref"] = StixIds.Of("identity", organisationId),
            ["created"] = createdAt,
            ["modified"] = modifiedAt,
            ["name"] = name,
            ["context"] = "suspicious-activity",
            ["object_refs"] = new JsonArray(new[] { incidentId }.Concat(objectRefs).Distinct().Select(r => (JsonNode)r).ToArray()),
            ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(tlp)),
        };
        return (incident, grouping);
    }

    /// <summary>A STIX bundle of the given objects (its id random, as STIX 2.1 §8 expects of bundles).</summary>
    public static JsonObject Bundle(IEnumerable<JsonObject> objects) => new()
    {
        ["type"] = "bundle",
        ["id"] = StixIds.Of("bundle", Guid.NewGuid()),
        ["objects"] = new JsonArray(objects.Select(o => (JsonNode)o).ToArray()),
    };

    /// <summary>Cordon categories in STIX's indicator-type vocabulary: all of them are malicious activity.</summary>
    private static IEnumerable<string> IndicatorTypes(IReadOnlyList<Category> categories) =>
        categories.Contains(Category.Malware) || categories.Contains(Category.Ransomware)
            ? ["malicious-activity", "compromised"]
            : ["malicious-activity"];

    private static string IndustrySector(Sector sector) => sector switch
    {
        Sector.LawEnforcement => "government-public-services",
        Sector.Bank or Sector.Payment or Sector.Crypto => "financial-services",
        Sector.Telecom or Sector.Isp => "telecommunications",
        Sector.Registrar or Sector.Platform => "technology",
        _ => "other",
    };
}
