using System.Globalization;
using System.Text.Json;
using Cordon.Application.Indicators.Import;
using Cordon.Core.Cases;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Sharing;
using Cordon.Core.Text;

namespace Cordon.Application.Cases;

public enum CaseFileFormat
{
    Csv,
    Jsonl,
}

/// <summary>
/// Reads a case import file: JSON lines shaped like the API body, or CSV with the header
/// <c>category,loss_amount,loss_currency,victim_country,occurred_at,tlp,distribution,communities,identifiers,reference,summary</c>
/// (communities separated by <c>;</c>; identifiers as <c>type:value</c> separated by <c>;</c>). A row that cannot be read is
/// returned with its reason, not thrown.
/// </summary>
public static class CaseRows
{
    private static readonly string[] Required = ["category", "loss_amount", "loss_currency", "victim_country", "occurred_at", "tlp", "distribution"];

    public static async Task<IReadOnlyList<(long Line, CaseSubmission? Row, string? Error)>> ReadAsync(Stream file, CaseFileFormat format,
        CancellationToken cancellationToken)
    {
        var rows = new List<(long, CaseSubmission?, string?)>();
        string[]? header = null;
        await foreach (var line in Utf8Lines.ReadAsync(file, cancellationToken: cancellationToken))
        {
            if (line.Text is { Length: 0 } || line.Text?.TrimStart().StartsWith('#') == true)
            {
                continue;
            }
            if (line.Error is not null)
            {
                rows.Add((line.Number, null, line.Error));
                continue;
            }
            if (format == CaseFileFormat.Csv && header is null)
            {
                header = CsvFields.Split(line.Text!)?.Select(f => f.Trim().ToLowerInvariant()).ToArray();
                var missing = Required.Where(r => header?.Contains(r) != true).ToList();
                if (missing.Count > 0)
                {
                    throw new Core.Errors.InvalidInputException("file", $"the CSV header must name the columns {string.Join(", ", missing)}.");
                }
                continue;
            }
            rows.Add(format == CaseFileFormat.Csv ? FromCsv(line.Number, line.Text!, header!) : FromJson(line.Number, line.Text!));
            if (rows.Count > CaseService.MaxImportRows)
            {
                throw new Core.Errors.InvalidInputException("file", $"an import holds at most {CaseService.MaxImportRows} cases; split the file.");
            }
        }
        return rows;
    }

    private static (long, CaseSubmission?, string?) FromJson(long number, string text)
    {
        try
        {
            var row = JsonSerializer.Deserialize<CaseSubmission>(text, CordonJson.Options);
            return row is null ? (number, null, "is not a JSON object") : (number, row, null);
        }
        catch (JsonException json)
        {
            return (number, null, json.Path is null or "$" ? "is not a JSON object" : $"wrong or unknown field at '{json.Path}'");
        }
    }

    private static (long, CaseSubmission?, string?) FromCsv(long number, string text, string[] header)
    {
        var fields = CsvFields.Split(text);
        if (fields is null || fields.Count != header.Length)
        {
            return (number, null, "row does not match the header");
        }
        string? Field(string name) => Array.IndexOf(header, name) is var i and >= 0 && fields[i].Trim() is { Length: > 0 } value ? value : null;
        try
        {
            var identifiers = (Field("identifiers") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(pair => pair.Split(':', 2) is [var type, var value]
                    ? new CaseIdentifierInput(Enum<IdentifierType>(type, "identifiers"), value)
                    : throw new FormatException($"identifiers: write each as type:value, not '{Bounded(pair)}'."))
                .ToList();
            var communities = (Field("communities") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => Guid.TryParse(c, out var id) ? id : throw new FormatException("communities: must be community ids.")).ToList();
            return (number, new CaseSubmission(
                Enum<Category>(Field("category"), "category"),
                new Money(Field("loss_amount") is { } amount
                    ? decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed
                    : throw new FormatException("loss_amount: must be a number such as 1250.50.") : null, Field("loss_currency")),
                Field("victim_country"),
                Field("occurred_at") is { } occurred
                    ? DateTimeOffset.TryParse(occurred, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
                    : throw new FormatException("occurred_at: must be a date such as 2026-11-02 or 2026-11-02T14:30:00Z.") : null,
                Enum<Tlp>(Field("tlp"), "tlp"),
                Enum<Distribution>(Field("distribution"), "distribution"),
                communities, identifiers, Field("reference"), Field("summary"),
                Field("status") is { } status ? Enum<CaseStatus>(status, "status") : null), null);
        }
        catch (FormatException invalid)
        {
            return (number, null, invalid.Message);
        }
    }

    private static T? Enum<T>(string? text, string field) where T : struct, System.Enum =>
        text is null ? null : CordonJson.TryParse<T>(text, out var value) ? value
            : throw new FormatException($"{field}: must be one of: {CordonJson.Names<T>()}.");

    private static string Bounded(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
