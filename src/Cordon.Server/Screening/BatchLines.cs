using System.Text.Json;
using Cordon.Application.Indicators.Import;
using Cordon.Core.Identifiers;
using Cordon.Core.Text;

namespace Cordon.Server.Screening;

/// <summary>One line of a screening batch, read: the identifier asked about, or why the line cannot be screened.</summary>
public readonly record struct BatchQuestion(long Line, IdentifierType? Type, string? Value, string? Error);

/// <summary>Reads batch lines: NDJSON <c>{"type","value"}</c> objects, or CSV rows under a header naming the columns.</summary>
public static class BatchLines
{
    private const string NotAnObject = "is not a JSON object";

    /// <summary>An NDJSON line (valid UTF-8), read with a forward-only reader (no document, no reflection): the hot path of a batch.</summary>
    public static BatchQuestion FromJson(long number, ReadOnlySpan<byte> line, IdentifierType? defaultType)
    {
        var (type, value, error) = Parse(line, defaultType);
        return new BatchQuestion(number, type, value, error);
    }

    private static (IdentifierType?, string?, string?) Parse(ReadOnlySpan<byte> json, IdentifierType? defaultType)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 32 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null, NotAnObject);
            }
            IdentifierType? type = null;
            string? value = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueTextEquals("type"u8) ? "type" : reader.ValueTextEquals("value"u8) ? "value" : reader.GetString()!;
                reader.Read();
                if (name.Equals("type", StringComparison.OrdinalIgnoreCase) && reader.TokenType is JsonTokenType.String or JsonTokenType.Null)
                {
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        if (!TryParseType(ref reader, out var parsed))
                        {
                            return (null, null, "wrong or unknown field at '$.type'");
                        }
                        type = parsed;
                    }
                }
                else if (name.Equals("value", StringComparison.OrdinalIgnoreCase) && reader.TokenType is JsonTokenType.String or JsonTokenType.Null)
                {
                    value = reader.GetString();
                }
                else
                {
                    return (null, null, $"wrong or unknown field at '$.{Bounded(name)}'");
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return (null, null, NotAnObject);
            }
            return (type ?? defaultType, value, null);
        }
        catch (JsonException)
        {
            return (null, null, NotAnObject);
        }
    }

    /// <summary>The type's name, decoded into a stack buffer instead of a string; an escaped or longer one is read as a string.</summary>
    private static bool TryParseType(ref Utf8JsonReader reader, out IdentifierType type)
    {
        Span<char> name = stackalloc char[32];
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > name.Length)
        {
            return CordonJson.TryParse(reader.GetString(), out type);
        }
        var length = System.Text.Encoding.UTF8.GetChars(reader.ValueSpan, name);
        return CordonJson.TryParse(name[..length], out type);
    }

    private static string Bounded(string name) => name.Length <= 64 ? name : name[..64] + "…";

    /// <summary>The header row: the columns, lower case; it must name <c>value</c>.</summary>
    public static string[] CsvHeader(string? text)
    {
        var fields = (text is null ? null : CsvFields.Split(text))?.Select(f => f.Trim().ToLowerInvariant()).ToArray();
        return fields is not null && fields.Contains("value") ? fields : throw new Core.Errors.InvalidInputException("file",
            "the first line must be a header naming the columns type and value.");
    }

    public static BatchQuestion FromCsv(long number, string line, string[] header, IdentifierType? defaultType)
    {
        var fields = CsvFields.Split(line);
        if (fields is null || fields.Count != header.Length)
        {
            return new BatchQuestion(number, null, null, "row does not match the header");
        }
        var typeIndex = Array.IndexOf(header, "type");
        var typeText = typeIndex < 0 ? null : fields[typeIndex].Trim();
        IdentifierType? type = defaultType;
        if (!string.IsNullOrEmpty(typeText))
        {
            if (!CordonJson.TryParse<IdentifierType>(typeText, out var parsed))
            {
                return new BatchQuestion(number, null, null, $"type: must be one of: {CordonJson.Names<IdentifierType>()}.");
            }
            type = parsed;
        }
        return new BatchQuestion(number, type, CsvCell.Read(fields[Array.IndexOf(header, "value")].Trim()), null);
    }
}
