using System.Text.Json;
using System.Text.Json.Nodes;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Sharing;
using Cordon.Core.Stix.Patterns;
using Cordon.Core.Text;

namespace Cordon.Core.Stix;

/// <summary>A STIX object Cordon cannot accept, with the reason (reported per object, never thrown past the reader's caller).</summary>
public sealed class InvalidStixException(string message) : Exception(message);

/// <summary>One identifier an incoming indicator names, with the id of the Cordon indicator that stands for it.</summary>
public sealed record ReadIdentifier(Guid IndicatorId, IdentifierType Type, string Value);

/// <summary>
/// What a STIX indicator says, in Cordon's terms. <c>Identifiers</c> is empty and <c>NotActedOn</c> says why when the
/// pattern is one Cordon cannot screen with (it is kept and shown, not dropped).
/// </summary>
public sealed record IndicatorReading(
    Guid Id,
    Guid CreatedBy,
    IReadOnlyList<ReadIdentifier> Identifiers,
    IReadOnlyList<Category> Categories,
    int? Confidence,
    Tlp? Tlp,
    Distribution? Distribution,
    DateTimeOffset Created,
    DateTimeOffset Modified,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidUntil,
    DateTimeOffset? LastSeen,
    bool Revoked,
    string? OriginNode,
    string Pattern,
    string? NotActedOn);

/// <summary>An identity as Cordon reads it: a remote organisation.</summary>
public sealed record IdentityReading(Guid Id, string Name, Members.Sector Sector, string? Country, string? OriginNode, DateTimeOffset Created);

/// <summary>Reads incoming STIX 2.1 objects; every refusal is an <see cref="InvalidStixException"/> with a reason.</summary>
public static class StixReader
{
    public static IndicatorReading Indicator(JsonObject o)
    {
        var id = Id(o, "indicator");
        CheckSpecVersion(o);
        var (created, modified) = Versions(o);
        var createdBy = o["created_by_ref"] is null
            ? throw new InvalidStixException("created_by_ref is required: Cordon keeps who reported each indicator.")
            : Ref(o, "created_by_ref", "identity");
        var pattern = Text(o, "pattern", 64 * 1024) ?? throw new InvalidStixException("pattern is required.");
        var patternType = Text(o, "pattern_type", 100) ?? throw new InvalidStixException("pattern_type is required.");
        var validFrom = Time(o, "valid_from") ?? throw new InvalidStixException("valid_from is required.");
        var validUntil = Time(o, "valid_until");
        if (validUntil is { } until && until <= validFrom)
        {
            throw new InvalidStixException("valid_until must be later than valid_from.");
        }
        var confidence = o["confidence"] is null ? (int?)null : Int(o, "confidence", 0, 100);
        var extension = Extension(o);
        string? notActedOn = null;
        List<ReadIdentifier> identifiers = [];
        if (patternType != "stix")
        {
            notActedOn = $"the pattern is in the '{patternType}' language; Cordon acts on STIX patterns only.";
        }
        else
        {
            PatternExpression expression;
            try
            {
                expression = StixPattern.Parse(pattern);
            }
            catch (StixPatternException bad)
            {
                throw new InvalidStixException($"pattern: {bad.Message}");
            }
            identifiers = Identifiers(id, expression, extension, out notActedOn);
        }
        return new IndicatorReading(id, createdBy, identifiers, Categories(o, extension), confidence, Markings(o), DistributionOf(extension),
            created, modified, validFrom, validUntil, Time(extension, "last_seen"), o["revoked"] is JsonValue r && r.TryGetValue<bool>(out var revoked) && revoked,
            Text(extension, "origin_node", 200), pattern, notActedOn);
    }

    public static IdentityReading Identity(JsonObject o)
    {
        var id = Id(o, "identity");
        CheckSpecVersion(o);
        var (created, _) = Versions(o);
        var name = Text(o, "name", 200) ?? throw new InvalidStixException("name is required.");
        var extension = Extension(o);
        var sector = CordonJson.TryParse<Members.Sector>(Text(extension, "sector", 32), out var s) ? s : Members.Sector.Other;
        var country = Members.Countries.Normalise(Text(extension, "country", 2));
        return new IdentityReading(id, name, sector, country, Text(extension, "origin_node", 200), created);
    }

    /// <summary>The object's type and id, checked: <c>type--uuid</c> with the type matching.</summary>
    public static (string Type, string Id) TypeAndId(JsonObject o)
    {
        var type = Text(o, "type", 250) ?? throw new InvalidStixException("type is required.");
        var id = Text(o, "id", 300) ?? throw new InvalidStixException("id is required.");
        if (!StixIds.TryParse(id, out var idType, out _) || idType != type)
        {
            throw new InvalidStixException($"id '{Shorten(id)}' is not a STIX identifier of type {Shorten(type)}.");
        }
        return (type, id);
    }

    /// <summary>The version TAXII compares: <c>modified</c>, else <c>created</c>, else null.</summary>
    public static DateTimeOffset? Version(JsonObject o) => Time(o, "modified") ?? Time(o, "created");

    private static List<ReadIdentifier> Identifiers(Guid id, PatternExpression expression, JsonObject? extension, out string? notActedOn)
    {
        notActedOn = null;
        // Cordon's own extension names the canonical identifier exactly (a wallet's chain, a domestic account's format).
        if (CordonJson.TryParse<IdentifierType>(Text(extension, "identifier_type", 32), out var ownType) && Text(extension, "value", 4096) is { } ownValue)
        {
            return [new ReadIdentifier(id, ownType, ownValue)];
        }
        var comparisons = PatternComparisons.SimpleDisjunction(expression);
        if (comparisons is null)
        {
            notActedOn = "the pattern is not a plain OR of equality comparisons, so it names no single identifier to screen.";
            return [];
        }
        var found = new List<ReadIdentifier>();
        foreach (var (path, value) in comparisons)
        {
            var property = PropertyOf(path);
            if (ObservableShapes.TypeOf(path.ObjectType, property) is not { } type)
            {
                notActedOn = $"Cordon does not screen {path.ObjectType}:{property}.";
                return [];
            }
            found.Add(new ReadIdentifier(Guid.Empty, type, value));
        }
        // One identifier keeps the indicator's id; several become one indicator each, with ids derived from it.
        return found.Count == 1
            ? [found[0] with { IndicatorId = id }]
            : found.Select(f => f with { IndicatorId = StixIds.UuidV5(id, CordonJson.Name(f.Type) + ":" + f.Value) }).DistinctBy(f => f.IndicatorId).ToList();
    }

    private static string PropertyOf(ObjectPath path)
    {
        var text = path.ToString();
        return text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..];
    }

    private static List<Category> Categories(JsonObject o, JsonObject? extension)
    {
        var names = (extension?["categories"] as JsonArray ?? o["labels"] as JsonArray ?? [])
            .Take(64).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null);
        return names.Select(n => CordonJson.TryParse<Category>(n, out var c) ? (Category?)c : null).OfType<Category>().Distinct().ToList();
    }

    private static Distribution? DistributionOf(JsonObject? extension) =>
        CordonJson.TryParse<Distribution>(Text(extension, "distribution", 32), out var d) ? d : null;

    private static Tlp? Markings(JsonObject o) =>
        o["object_marking_refs"] is JsonArray refs
            ? TlpMarkings.FromRefs(refs.Take(64).Select(r => r is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToList())
            : null;

    private static JsonObject? Extension(JsonObject o) => o["extensions"] is JsonObject all ? all[CordonExtensions.PropertiesExtensionId] as JsonObject : null;

    private static Guid Id(JsonObject o, string expectedType)
    {
        var (type, id) = TypeAndId(o);
        if (type != expectedType)
        {
            throw new InvalidStixException($"expected a {expectedType}, got {type}.");
        }
        return StixIds.TryParse(id, out _, out var uuid) ? uuid : throw new InvalidStixException("id is not a STIX identifier.");
    }

    private static void CheckSpecVersion(JsonObject o)
    {
        if (Text(o, "spec_version", 10) != "2.1")
        {
            throw new InvalidStixException("spec_version must be \"2.1\".");
        }
    }

    private static (DateTimeOffset Created, DateTimeOffset Modified) Versions(JsonObject o)
    {
        var created = Time(o, "created") ?? throw new InvalidStixException("created is required.");
        var modified = Time(o, "modified") ?? throw new InvalidStixException("modified is required.");
        return modified < created ? throw new InvalidStixException("modified is earlier than created.") : (created, modified);
    }

    private static Guid Ref(JsonObject o, string property, string type)
    {
        var text = Text(o, property, 300);
        return text is not null && StixIds.TryParse(text, out var refType, out var uuid) && refType == type
            ? uuid
            : throw new InvalidStixException($"{property} must be a {type} id.");
    }

    private static string? Text(JsonObject? o, string property, int maxLength)
    {
        if (o?[property] is not { } node)
        {
            return null;
        }
        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw new InvalidStixException($"{property} must be a string.");
        }
        var text = node.GetValue<string>();
        return text.Length <= maxLength ? text : throw new InvalidStixException($"{property} is longer than {maxLength} characters.");
    }

    private static DateTimeOffset? Time(JsonObject? o, string property)
    {
        var text = Text(o, property, 40);
        return text is null ? null
            : StixTime.TryParse(text, out var at) ? at
            : throw new InvalidStixException($"{property} '{Shorten(text)}' is not a STIX timestamp (YYYY-MM-DDTHH:MM:SS[.s]Z).");
    }

    private static int Int(JsonObject o, string property, int min, int max) =>
        o[property] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) && n >= min && n <= max
            ? n
            : throw new InvalidStixException($"{property} must be an integer from {min} to {max}.");

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
