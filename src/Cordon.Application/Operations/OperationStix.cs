using System.Globalization;
using System.Text.Json.Nodes;
using Cordon.Core.Sharing;
using Cordon.Core.Stix;
using Cordon.Core.Text;

namespace Cordon.Application.Operations;

/// <summary>An operation as a participant node receives it: its facts, participants (by organisation id) and every result.</summary>
public sealed record OperationReading(Guid Id, Guid Lead, string Name, string Objectives, string Countries, DateTimeOffset StartsAt, DateTimeOffset? EndsAt,
    OperationStatus Status, DateTimeOffset CreatedAt, DateTimeOffset ChangedAt, DateTimeOffset? ClosedAt, IReadOnlyList<(Guid Organisation, ParticipantRole Role)> Participants,
    IReadOnlyList<OperationResult> Results);

/// <summary>A result reported on a participant node, as the operation's node receives it.</summary>
public sealed record ResultReading(Guid OperationId, OperationResult Result);

/// <summary>
/// Operations across nodes. The operation's node sends it to participant nodes as a STIX 2.1 <c>grouping</c> (its
/// participants' identities as <c>object_refs</c>, the facts, participants and every result in Cordon's property
/// extension) under TLP:AMBER; a participant node sends each result reported there back as a <c>note</c> on the grouping.
/// </summary>
public static class OperationStix
{
    public static JsonObject Grouping(Operation operation, IReadOnlyList<OperationResult> results)
    {
        var created = StixTime.ToMilliseconds(operation.CreatedAt);
        var modified = StixTime.ToMilliseconds(operation.ChangedAt);
        return new JsonObject
        {
            ["type"] = "grouping",
            ["spec_version"] = "2.1",
            ["id"] = StixIds.Of("grouping", operation.Id),
            ["created_by_ref"] = StixIds.Of("identity", operation.LeadOrganisationId),
            ["created"] = StixTime.Format(created),
            ["modified"] = StixTime.Format(modified < created ? created : modified),
            ["name"] = operation.Name,
            ["description"] = operation.Objectives,
            ["context"] = "suspicious-activity",
            ["object_refs"] = new JsonArray(operation.Participants.Select(p => (JsonNode)StixIds.Of("identity", p.OrganisationId)).ToArray()),
            ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(Tlp.Amber)),
            ["extensions"] = new JsonObject
            {
                [CordonExtensions.PropertiesExtensionId] = new JsonObject
                {
                    ["extension_type"] = "property-extension",
                    ["operation"] = new JsonObject
                    {
                        ["status"] = CordonJson.Name(operation.Status),
                        ["countries"] = new JsonArray(Split(operation.Countries).Select(c => (JsonNode)c).ToArray()),
                        ["starts_at"] = StixTime.Format(operation.StartsAt),
                        ["ends_at"] = operation.EndsAt is { } end ? StixTime.Format(end) : null,
                        ["closed_at"] = operation.ClosedAt is { } closed ? StixTime.Format(closed) : null,
                        ["participants"] = new JsonArray(operation.Participants.Select(p => (JsonNode)new JsonObject
                        {
                            ["identity"] = StixIds.Of("identity", p.OrganisationId),
                            ["role"] = CordonJson.Name(p.Role),
                        }).ToArray()),
                        ["results"] = new JsonArray(results.Select(r => (JsonNode)ResultFacts(r)).ToArray()),
                    },
                },
            },
        };
    }

    /// <summary>A result reported on this node for another node's operation, as a note on the operation's grouping.</summary>
    public static JsonObject ResultNote(OperationResult result)
    {
        var at = StixTime.ToMilliseconds(result.ReportedAt);
        var quantity = result.Quantity.ToString("0.####", CultureInfo.InvariantCulture);
        var facts = ResultFacts(result);
        facts["extension_type"] = "property-extension";
        return new JsonObject
        {
            ["type"] = "note",
            ["spec_version"] = "2.1",
            ["id"] = StixIds.Of("note", result.Id),
            ["created_by_ref"] = StixIds.Of("identity", result.OrganisationId),
            ["created"] = StixTime.Format(at),
            ["modified"] = StixTime.Format(at),
            ["abstract"] = $"{CordonJson.Name(result.Measure)}: {quantity}{(result.Currency is null ? "" : " " + result.Currency)} ({result.Country})",
            ["content"] = result.Note ?? $"{CordonJson.Name(result.Measure)}: {quantity}",
            ["object_refs"] = new JsonArray(StixIds.Of("grouping", result.OperationId)),
            ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(Tlp.Amber)),
            ["extensions"] = new JsonObject { [CordonExtensions.PropertiesExtensionId] = new JsonObject { ["operation_result"] = facts } },
        };
    }

    public static bool IsOperation(JsonObject o) => CordonExtensions.Facts(o, "operation") is not null;

    public static bool IsResult(JsonObject o) => CordonExtensions.Facts(o, "operation_result") is not null;

    public static OperationReading ReadOperation(JsonObject o)
    {
        var facts = CordonExtensions.Facts(o, "operation")!;
        try
        {
            var id = Uuid(o["id"], "grouping");
            var participants = (facts["participants"] as JsonArray ?? []).OfType<JsonObject>().Take(OperationService.MaxParticipants)
                .Select(p => (Uuid(p["identity"], "identity"), CordonJson.TryParse<ParticipantRole>(p["role"]?.GetValue<string>(), out var role) ? role
                    : throw new InvalidStixException("operation participants' role must be lead, participant or observer.")))
                .DistinctBy(p => p.Item1).ToList();
            var created = Time(o["created"]) ?? throw new InvalidStixException("a grouping has a created time.");
            return new OperationReading(id, Uuid(o["created_by_ref"], "identity"), Text(o["name"], 200) ?? throw new InvalidStixException("an operation has a name."),
                Text(o["description"], 4000) ?? "", string.Join(' ', Strings(facts["countries"]).Select(Core.Members.Countries.Normalise).OfType<string>().Distinct()),
                Time(facts["starts_at"]) ?? created, Time(facts["ends_at"]),
                CordonJson.TryParse<OperationStatus>(facts["status"]?.GetValue<string>(), out var status) ? status
                    : throw new InvalidStixException("operation.status must be planning, active or closed."),
                created, Time(o["modified"]) ?? created, Time(facts["closed_at"]), participants,
                (facts["results"] as JsonArray ?? []).OfType<JsonObject>().Take(OperationService.MaxResults).Select(r => Result(r, id, null))
                .DistinctBy(r => r.Id).ToList());
        }
        catch (InvalidOperationException)
        {
            throw new InvalidStixException("operation facts must be strings, numbers and arrays as Cordon writes them.");
        }
        catch (Core.Errors.InvalidInputException invalid)
        {
            throw new InvalidStixException($"operation {invalid.Field} {invalid.Reason}");
        }
    }

    public static ResultReading ReadResult(JsonObject o)
    {
        var facts = CordonExtensions.Facts(o, "operation_result")!;
        try
        {
            var refs = o["object_refs"] as JsonArray ?? [];
            var operation = refs.Count == 1 ? Uuid(refs[0], "grouping") : throw new InvalidStixException("a result note refers to its operation's grouping only.");
            facts["id"] ??= o["id"]!.GetValue<string>().Replace("note--", "", StringComparison.Ordinal);
            facts["organisation"] ??= o["created_by_ref"]?.GetValue<string>();
            facts["reported_at"] ??= o["created"]?.GetValue<string>();
            facts["note"] ??= o["content"]?.GetValue<string>();
            return new ResultReading(operation, Result(facts, operation, Uuid(o["id"], "note")));
        }
        catch (InvalidOperationException)
        {
            throw new InvalidStixException("result facts must be strings and numbers as Cordon writes them.");
        }
        catch (Core.Errors.InvalidInputException invalid)
        {
            throw new InvalidStixException($"result {invalid.Field} {invalid.Reason}");
        }
    }

    private static JsonObject ResultFacts(OperationResult r) => new()
    {
        ["id"] = StixIds.ForStix(r.Id).ToString("D"),
        ["organisation"] = StixIds.Of("identity", r.OrganisationId),
        ["country"] = r.Country,
        ["measure"] = CordonJson.Name(r.Measure),
        ["quantity"] = r.Quantity,
        ["currency"] = r.Currency,
        ["note"] = r.Note,
        ["reported_at"] = StixTime.Format(r.ReportedAt),
    };

    private static OperationResult Result(JsonObject r, Guid operation, Guid? id)
    {
        var measure = CordonJson.TryParse<ResultMeasure>(r["measure"]?.GetValue<string>(), out var m) ? m
            : throw new InvalidStixException("a result's measure is not one Cordon knows.");
        var quantity = r["quantity"]?.GetValue<decimal>() ?? 0;
        if (quantity <= 0 || quantity > 1_000_000_000_000m || decimal.Round(quantity, ResultMeasures.IsAmount(measure) ? 4 : 0) != quantity)
        {
            throw new InvalidStixException("a result's quantity is above 0: a whole number, or an amount with at most 4 decimals.");
        }
        return new OperationResult
        {
            Id = id ?? (Guid.TryParse(r["id"]?.GetValue<string>(), out var own) ? own : throw new InvalidStixException("a result has an id.")),
            OperationId = operation,
            OrganisationId = Uuid(r["organisation"], "identity"),
            Country = Core.Members.Countries.Normalise(r["country"]?.GetValue<string>()) ?? Core.Members.Countries.Unknown,
            Measure = measure,
            Quantity = quantity,
            Currency = ResultMeasures.IsAmount(measure) ? Core.Cases.Currencies.Normalise(r["currency"]?.GetValue<string>(), "currency") : null,
            Note = Text(r["note"], 2000),
            ReportedBy = "federation",
            ReportedAt = Time(r["reported_at"]) ?? DateTimeOffset.UnixEpoch,
        };
    }

    private static Guid Uuid(JsonNode? node, string type) =>
        StixIds.TryParse(node?.GetValue<string>(), out var t, out var uuid) && t == type ? uuid : throw new InvalidStixException($"expected a {type} id.");

    private static DateTimeOffset? Time(JsonNode? node) => StixTime.TryParse(node?.GetValue<string>(), out var at) ? at : null;

    private static string? Text(JsonNode? node, int max) =>
        node?.GetValue<string>() is { Length: > 0 } text ? text.Length <= max ? text : text[..max] : null;

    private static IEnumerable<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(n => n?.GetValue<string>()).OfType<string>().Take(100);

    private static string[] Split(string text) => text.Length == 0 ? [] : text.Split(' ');
}
