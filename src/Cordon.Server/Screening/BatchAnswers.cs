using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cordon.Core.Identifiers;
using Cordon.Core.Screening;
using Cordon.Core.Text;

namespace Cordon.Server.Screening;

/// <summary>
/// Writes batch answers as UTF-8 into a buffer: NDJSON lines shaped like <see cref="ScreenResponse"/> (written field by
/// field, without the serializer's reflection) or CSV rows. One instance per worker; not thread-safe.
/// </summary>
public sealed class BatchAnswers : IDisposable
{
    public const string CsvHeader = "line,type,value,verdict,score,categories,reports,organisations,countries,error";

    private readonly bool csv;
    private readonly Utf8JsonWriter json;

    public BatchAnswers(bool csv)
    {
        this.csv = csv;
        // Answers are data for programs, never embedded in HTML: escaping only what JSON requires keeps the common value
        // (a phone number's "+") on the writer's copying fast path. The shape is fixed, so the writer need not check it.
        json = new Utf8JsonWriter(Buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    public ArrayBufferWriter<byte> Buffer { get; } = new(64 * 1024);

    public void Write(long line, Identifier? identifier, ScreeningResult? result, string? error)
    {
        if (csv)
        {
            WriteCsv(line, identifier, result, error);
            return;
        }
        json.Reset(Buffer);
        json.WriteStartObject();
        json.WriteNumber("line"u8, line);
        if (identifier is null || result is not { } answer)
        {
            json.WriteString("error"u8, error);
        }
        else
        {
            json.WritePropertyName("response"u8);
            WriteResponse(identifier, answer);
        }
        json.WriteEndObject();
        json.Flush();
        Buffer.Write("\n"u8);
    }

    private void WriteResponse(Identifier identifier, ScreeningResult result)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, CordonJson.Name(identifier.Type));
        json.WriteString("value"u8, identifier.Display);
        json.WriteString("verdict"u8, CordonJson.Name(result.Verdict));
        json.WriteNumber("score"u8, result.Score);
        json.WriteStartArray("categories"u8);
        foreach (var category in result.Categories)
        {
            json.WriteStringValue(CordonJson.Name(category));
        }
        json.WriteEndArray();
        json.WriteNumber("reports"u8, result.Reports);
        json.WriteNumber("organisations"u8, result.Organisations);
        json.WriteNumber("countries"u8, result.Countries);
        json.WriteNumber("confidence"u8, result.Confidence);
        WriteTime("firstSeen"u8, result.FirstSeen);
        WriteTime("lastSeen"u8, result.LastSeen);
        json.WriteEndObject();
    }

    private void WriteTime(ReadOnlySpan<byte> name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            json.WriteString(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private void WriteCsv(long line, Identifier? identifier, ScreeningResult? result, string? error)
    {
        var row = identifier is null || result is not { } answer
            ? string.Create(CultureInfo.InvariantCulture, $"{line},,,,,,,,,{Quote(error ?? "")}\n")
            : string.Create(CultureInfo.InvariantCulture,
                $"{line},{CordonJson.Name(identifier.Type)},{Quote(identifier.Display)},{CordonJson.Name(answer.Verdict)},{answer.Score}," +
                $"{string.Join(';', answer.Categories.Select(CordonJson.Name))},{answer.Reports},{answer.Organisations},{answer.Countries},\n");
        var span = Buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(row.Length));
        Buffer.Advance(Encoding.UTF8.GetBytes(row, span));
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public void Dispose() => json.Dispose();
}
