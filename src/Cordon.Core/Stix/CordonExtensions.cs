using System.Text.Json.Nodes;

namespace Cordon.Core.Stix;

/// <summary>
/// Cordon's STIX extension definitions: one property extension (the canonical identifier, categories, distribution and
/// provenance, which STIX has no properties for) and one <c>new-sco</c> definition per custom
/// observable type. All are created by the Cordon identity below and have fixed ids.
/// </summary>
public static class CordonExtensions
{
    public static readonly DateTimeOffset Published = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly string IdentityId = StixIds.Of("identity", StixIds.UuidV5(StixIds.CordonNamespace, "identity:cordon"));

    public static readonly string PropertiesExtensionId = ExtensionIdOf("properties");

    public static string ObservableExtensionId(string objectType) => ExtensionIdOf("sco:" + objectType);

    private static string ExtensionIdOf(string name) => StixIds.Of("extension-definition", StixIds.UuidV5(StixIds.CordonNamespace, "extension:" + name));

    /// <summary>One object of Cordon's facts on a STIX object (<c>bulletin</c>, <c>operation</c>…), or null however the object is shaped.</summary>
    public static JsonObject? Facts(JsonObject o, string name) =>
        ((o["extensions"] as JsonObject)?[PropertiesExtensionId] as JsonObject)?[name] as JsonObject;

    /// <summary>The identity that publishes Cordon's extension definitions.</summary>
    public static JsonObject Identity() => new()
    {
        ["type"] = "identity",
        ["spec_version"] = "2.1",
        ["id"] = IdentityId,
        ["created"] = StixTime.Format(Published),
        ["modified"] = StixTime.Format(Published),
        ["name"] = "Cordon",
        ["identity_class"] = "system",
        ["description"] = "The Cordon anti-fraud network software, publisher of its STIX extension definitions.",
    };

    /// <summary>Every extension definition Cordon uses, for bundles that should be self-describing.</summary>
    public static IEnumerable<JsonObject> Definitions()
    {
        yield return Definition(PropertiesExtensionId, "Cordon properties",
            "Cordon's facts that STIX has no property for. On indicators: identifier_type and value (the canonical identifier), observable_ref, "
            + "categories (Cordon's fraud categories), distribution, first_seen, last_seen, origin_node (the node the item came from). "
            + "On identities: sector, country, origin_node. On notes: the response request's kind, priority, state and deadlines.",
            "property-extension");
        foreach (var type in ObservableShapes.CustomTypes.Keys)
        {
            yield return Definition(ObservableExtensionId(type), type,
                $"The {type} cyber-observable object (the value in '{ObservableShapes.CustomTypes[type]}'), as Cordon and OpenCTI write it.", "new-sco");
        }
    }

    private static JsonObject Definition(string id, string name, string description, string extensionType) => new()
    {
        ["type"] = "extension-definition",
        ["spec_version"] = "2.1",
        ["id"] = id,
        ["created_by_ref"] = IdentityId,
        ["created"] = StixTime.Format(Published),
        ["modified"] = StixTime.Format(Published),
        ["name"] = name,
        ["description"] = description,
        // A plain-text definition, which STIX 2.1 §7.3 allows in place of a schema URL.
        ["schema"] = description,
        ["version"] = "1.0.0",
        ["extension_types"] = new JsonArray(extensionType),
    };
}
