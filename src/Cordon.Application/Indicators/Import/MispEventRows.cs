using System.Runtime.CompilerServices;
using System.Text.Json;
using Cordon.Core.Misp;
using Cordon.Core.Sharing;

namespace Cordon.Application.Indicators.Import;

/// <summary>
/// The rows of one MISP event: every attribute marked <c>to_ids</c> and not deleted, at the event's top level and in
/// its objects, whose type names a Cordon identifier (the row's "line" is the attribute's position in the event).
/// The TLP is the attribute's own tlp tag, else the event's, else the defaults'. Other attributes are context, not
/// indicators, and are left out; attributes of types Cordon does not hold are rows refused with the reason.
/// </summary>
public static class MispEventRows
{
    public static async IAsyncEnumerable<ImportRow> ReadAsync(Stream stream, ImportDefaults defaults, Action<long>? bytesRead,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { MaxDepth = 64 }, cancellationToken);
        }
        catch (JsonException)
        {
            throw new Core.Errors.InvalidInputException("file", "is not a MISP event: not JSON.");
        }
        using (document)
        {
            bytesRead?.Invoke(stream.CanSeek ? stream.Length : 0);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("Event", out var mispEvent)
                || mispEvent.ValueKind != JsonValueKind.Object)
            {
                throw new Core.Errors.InvalidInputException("file", "is not a MISP event: it has no \"Event\" object.");
            }
            var eventTlp = TlpOf(mispEvent);
            var position = 0L;
            foreach (var attribute in Attributes(mispEvent))
            {
                position++;
                if (Row(attribute, eventTlp, defaults) is { } row)
                {
                    yield return row with { Line = position };
                }
            }
        }
    }

    private static IEnumerable<JsonElement> Attributes(JsonElement mispEvent)
    {
        foreach (var attribute in ArrayOf(mispEvent, "Attribute"))
        {
            yield return attribute;
        }
        foreach (var mispObject in ArrayOf(mispEvent, "Object"))
        {
            foreach (var attribute in ArrayOf(mispObject, "Attribute"))
            {
                yield return attribute;
            }
        }
    }

    private static ImportRow? Row(JsonElement attribute, Tlp? eventTlp, ImportDefaults defaults)
    {
        if (attribute.ValueKind != JsonValueKind.Object)
        {
            return new ImportRow(0, null, "attribute is not a JSON object");
        }
        if (!Flag(attribute, "to_ids") || Flag(attribute, "deleted"))
        {
            return null;
        }
        var type = Text(attribute, "type");
        var value = Text(attribute, "value");
        if (type is null || value is null)
        {
            return new ImportRow(0, null, "attribute has no type or value");
        }
        if (MispTypes.Read(type, value) is not var (cordonType, cordonValue))
        {
            return new ImportRow(0, null, $"MISP type '{(type.Length <= 40 ? type : type[..40])}' names no identifier Cordon holds");
        }
        return new ImportRow(0, ImportRows.Row(cordonType, cordonValue, defaults, TlpOf(attribute) ?? eventTlp), null);
    }

    private static Tlp? TlpOf(JsonElement element) =>
        ArrayOf(element, "Tag").Select(tag => Text(tag, "name")).OfType<string>().Select(MispTypes.TlpOfTag).FirstOrDefault(t => t is not null);

    private static IEnumerable<JsonElement> ArrayOf(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                yield return item;
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>MISP writes booleans as true/false or, in older feeds, as "1"/"0".</summary>
    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && (value.ValueKind == JsonValueKind.True
                                                        || (value.ValueKind == JsonValueKind.String && value.GetString() is "1" or "true"));
}
