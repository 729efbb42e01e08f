using System.Text.Json.Nodes;
using Cordon.Core.Errors;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Cordon.Core.Stix;
using Cordon.Core.Text;

namespace Cordon.Application.Bulletins;

/// <summary>A bulletin as it arrives from a peer: the bulletin (owned by its author's organisation) and its linked indicators' ids.</summary>
public sealed record BulletinReading(Bulletin Bulletin, Guid CreatedBy, IReadOnlyList<Guid> Indicators);

/// <summary>
/// A bulletin as a STIX 2.1 <c>report</c>: name, description and <c>lang</c> from its first text, <c>object_refs</c> the
/// linked indicators the receiving peer may see (else its author), its TLP marking, and Cordon's facts (severity,
/// categories, countries, sectors and every text) in Cordon's property extension.
/// </summary>
public static class BulletinStix
{
    public static JsonObject Report(Bulletin bulletin, IReadOnlyList<Guid> visibleIndicators)
    {
        var texts = bulletin.Texts.OrderBy(t => t.AddedAt).ToList();
        var first = texts[0];
        var author = StixIds.Of("identity", bulletin.OrganisationId);
        var refs = visibleIndicators.Select(i => StixIds.Of("indicator", i)).DefaultIfEmpty(author).ToList();
        var created = StixTime.ToMilliseconds(bulletin.PublishedAt);
        var modified = StixTime.ToMilliseconds(bulletin.DateAdded ?? bulletin.PublishedAt);
        return new JsonObject
        {
            ["type"] = "report",
            ["spec_version"] = "2.1",
            ["id"] = StixIds.Of("report", bulletin.Id),
            ["created_by_ref"] = author,
            ["created"] = StixTime.Format(created),
            ["modified"] = StixTime.Format(modified < created ? created : modified),
            ["name"] = first.Title,
            ["description"] = $"{first.Summary}\n\n{first.Body}",
            ["lang"] = first.Language,
            ["report_types"] = new JsonArray("threat-report"),
            ["published"] = StixTime.Format(created),
            ["object_refs"] = new JsonArray(refs.Select(r => (JsonNode)r).ToArray()),
            ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(bulletin.Tlp)),
            ["extensions"] = new JsonObject
            {
                [CordonExtensions.PropertiesExtensionId] = new JsonObject
                {
                    ["extension_type"] = "property-extension",
                    ["bulletin"] = new JsonObject
                    {
                        ["severity"] = CordonJson.Name(bulletin.Severity),

                        ["categories"] = new JsonArray(CategorySet.FromFlags(bulletin.CategoryFlags).Select(c => (JsonNode)CordonJson.Name(c)).ToArray()),
                        ["countries"] = new JsonArray(Split(bulletin.Countries).Select(c => (JsonNode)c).ToArray()),
                        ["sectors"] = new JsonArray(Split(bulletin.Sectors).Select(s => (JsonNode)s).ToArray()),
                        ["texts"] = new JsonArray(texts.Select(t => (JsonNode)new JsonObject
                        {
                            ["language"] = t.Language,
                            ["title"] = t.Title,
                            ["summary"] = t.Summary,
                            ["body"] = t.Body,
                            ["actions"] = t.Actions,
                            ["added_at"] = StixTime.Format(t.AddedAt),
                        }).ToArray()),
                    },
                },
            },
        };
    }

    /// <summary>Whether a report carries a Cordon bulletin (other reports are kept as received).</summary>
    public static bool IsBulletin(JsonObject o) => Facts(o) is not null;

    /// <summary>Reads a Cordon bulletin report; anything missing or out of bounds is an <see cref="InvalidStixException"/>.</summary>
    public static BulletinReading Read(JsonObject o, Tlp tlp, DateTimeOffset receivedAt)
    {
        var facts = Facts(o) ?? throw new InvalidStixException("not a Cordon bulletin.");
        if (!StixIds.TryParse(o["id"]!.GetValue<string>(), out _, out var id) || o["created_by_ref"] is not JsonValue createdBy
            || !createdBy.TryGetValue<string>(out var authorRef) || !StixIds.TryParse(authorRef, out var authorType, out var author) || authorType != "identity")
        {
            throw new InvalidStixException("a bulletin needs an id and created_by_ref (an identity).");
        }
        var published = StixTime.TryParse((o["published"] as JsonValue)?.TryGetValue<string>(out var text) == true ? text : null, out var at) ? at : receivedAt;
        try
        {
            var bulletin = new Bulletin
            {
                Id = id,
                OrganisationId = author,
                Author = "federation",
                Severity = CordonJson.TryParse<Severity>(facts["severity"]?.GetValue<string>(), out var severity) ? severity
                    : throw new InvalidStixException("bulletin.severity must be low, medium, high or critical."),
                CategoryFlags = CategorySet.ToFlags(Strings(facts["categories"]).Select(c => CordonJson.TryParse<Category>(c, out var category) ? category : Category.Other)
                    .DefaultIfEmpty(Category.Other).ToList()),
                Countries = string.Join(' ', Strings(facts["countries"]).Select(c => Countries.Normalise(c)).OfType<string>().Distinct().Take(100)),
                Sectors = string.Join(' ', Strings(facts["sectors"]).Where(s => CordonJson.TryParse<Sector>(s, out _)).Distinct()),
                Tlp = tlp,
                Distribution = Distribution.Federation,

                PublishedAt = published,
                Texts = (facts["texts"] as JsonArray ?? []).OfType<JsonObject>().Take(20).Select((t, i) => new BulletinText
                {
                    BulletinId = id,
                    Language = Members.InputText.Required(t["language"]?.GetValue<string>(), "language", 16),
                    Title = Members.InputText.Required(t["title"]?.GetValue<string>(), "title", 200),
                    Summary = Members.InputText.Multiline(t["summary"]?.GetValue<string>(), "summary", 1000),
                    Body = Members.InputText.Multiline(t["body"]?.GetValue<string>(), "body", 20000),
                    Actions = t["actions"]?.GetValue<string>() is { Length: > 0 } actions ? Members.InputText.Multiline(actions, "actions", 4000) : null,
                    AddedByOrganisation = author,
                    AddedAt = StixTime.TryParse(t["added_at"]?.GetValue<string>(), out var added) ? added : published.AddMilliseconds(i),
                }).DistinctBy(t => t.Language).ToList(),
            };
            if (bulletin.Texts.Count == 0)
            {
                throw new InvalidStixException("a bulletin has at least one text.");
            }
            var indicators = (o["object_refs"] as JsonArray ?? []).Select(r => r?.GetValue<string>())
                .Select(r => StixIds.TryParse(r, out var type, out var uuid) && type == "indicator" ? uuid : (Guid?)null).OfType<Guid>().Take(BulletinService.MaxLinks)
                .ToList();
            return new BulletinReading(bulletin, author, indicators);
        }
        catch (InvalidInputException invalid)
        {
            throw new InvalidStixException($"bulletin {invalid.Field} {invalid.Reason}");
        }
        catch (InvalidOperationException)
        {
            throw new InvalidStixException("bulletin facts must be strings and arrays of strings.");
        }
    }

    private static JsonObject? Facts(JsonObject o) => CordonExtensions.Facts(o, "bulletin");

    private static IEnumerable<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(n => n?.GetValue<string>()).OfType<string>().Take(100);

    private static string[] Split(string text) => text.Length == 0 ? [] : text.Split(' ');
}
