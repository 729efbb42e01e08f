using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Sharing;
using Cordon.Core.Text;

namespace Cordon.Application.Indicators.Import;

/// <summary>Turns a file in one of the import formats into rows, filling left-out columns from the defaults.</summary>
public static class ImportRows
{
    private static readonly string[] KnownColumns = ["type", "value", "categories", "confidence", "tlp", "distribution", "valid_until"];

    public static IAsyncEnumerable<ImportRow> ReadAsync(Stream stream, ImportFormat format, ImportDefaults defaults,
        Action<long>? bytesRead = null, CancellationToken cancellationToken = default) => format switch
        {
            ImportFormat.Csv => CsvAsync(stream, defaults, bytesRead, cancellationToken),
            ImportFormat.Jsonl => JsonlAsync(stream, defaults, bytesRead, cancellationToken),
            ImportFormat.EthPhishingDetect => EthPhishingDetectAsync(stream, defaults, bytesRead, cancellationToken),
            ImportFormat.List => ListAsync(stream, defaults, bytesRead, cancellationToken),
            ImportFormat.Misp => MispEventRows.ReadAsync(stream, defaults, bytesRead, cancellationToken),
        };

    private static async IAsyncEnumerable<ImportRow> ListAsync(Stream stream, ImportDefaults defaults, Action<long>? bytesRead,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (defaults.Type is null)
        {
            throw new Core.Errors.InvalidInputException("type", "a plain list needs the type of its values.");
        }
        await foreach (var line in Utf8Lines.ReadAsync(stream, bytesRead, cancellationToken))
        {
            if (line.Error is not null)
            {
                yield return new ImportRow(line.Number, null, line.Error);
                continue;
            }
            var value = line.Text!.Trim();
            if (value.Length == 0 || value.StartsWith('#'))
            {
                continue;
            }
            yield return new ImportRow(line.Number, Row(defaults.Type, value, defaults), null);
        }
    }

    /// <summary>A row of one value with everything else from the defaults.</summary>
    internal static IndicatorSubmission Row(IdentifierType? type, string value, ImportDefaults defaults, Tlp? tlp = null) =>
        new(type, value, defaults.Categories, defaults.Confidence, tlp ?? defaults.Tlp, defaults.Distribution,
            CommunitiesFor(defaults.Distribution, defaults), defaults.ValidUntil);

    private static async IAsyncEnumerable<ImportRow> CsvAsync(Stream stream, ImportDefaults defaults, Action<long>? bytesRead,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string[]? header = null;
        await foreach (var line in Utf8Lines.ReadAsync(stream, bytesRead, cancellationToken))
        {
            if (line.Error is not null)
            {
                yield return new ImportRow(line.Number, null, line.Error);
                continue;
            }
            if (string.IsNullOrWhiteSpace(line.Text) || line.Text.StartsWith('#'))
            {
                continue;
            }
            var fields = CsvFields.Split(line.Text);
            if (fields is null)
            {
                yield return new ImportRow(line.Number, null, "a quoted field is not closed on its line");
                continue;
            }
            if (header is null)
            {
                header = fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
                // The header is named by position, never quoted: a file that is not a CSV (a feed pointed at the wrong
                // file) must not have its first line echoed back.
                var unknown = Array.FindIndex(header, h => !KnownColumns.Contains(h));
                if (unknown >= 0 || !header.Contains("value"))
                {
                    throw new Core.Errors.InvalidInputException("file",
                        $"the first line must be a header naming the columns ({string.Join(", ", KnownColumns)}; value is required)" +
                        (unknown < 0 ? "." : $"; column {unknown + 1} is not one of them."));
                }
                if (header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1) is { } repeated)
                {
                    throw new Core.Errors.InvalidInputException("file", $"the header names the column '{repeated.Key}' more than once.");
                }
                continue;
            }
            if (fields.Count != header.Length)
            {
                yield return new ImportRow(line.Number, null, $"has {fields.Count} fields, the header has {header.Length}");
                continue;
            }
            var row = header.Zip(fields).ToDictionary(p => p.First, p => CsvCell.Read(p.Second.Trim()));
            yield return FromColumns(line.Number, row, defaults);
        }
    }

    private static ImportRow FromColumns(long line, Dictionary<string, string> row, ImportDefaults defaults)
    {
        try
        {
            string? Column(string name) => row.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
            var type = Column("type") is { } typeText ? Parse<IdentifierType>(typeText, "type") : defaults.Type;
            var categories = Column("categories") is { } categoryText
                ? categoryText.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(c => Parse<Category>(c, "categories")).ToList()
                : defaults.Categories;
            var confidence = Column("confidence") is { } confidenceText
                ? int.TryParse(confidenceText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw new Core.Errors.InvalidInputException("confidence", "must be a whole number.")
                : defaults.Confidence;
            var tlp = Column("tlp") is { } tlpText ? Parse<Tlp>(tlpText, "tlp") : defaults.Tlp;
            var distribution = Column("distribution") is { } distributionText ? Parse<Distribution>(distributionText, "distribution") : defaults.Distribution;
            var validUntil = Column("valid_until") is { } untilText
                ? DateTimeOffset.TryParse(untilText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until)
                    ? until
                    : throw new Core.Errors.InvalidInputException("valid_until", "must be an ISO 8601 date or time.")
                : defaults.ValidUntil;
            return new ImportRow(line, new IndicatorSubmission(type, Column("value"), categories, confidence, tlp, distribution,
                CommunitiesFor(distribution, defaults), validUntil), null);
        }
        catch (Core.Errors.InvalidInputException invalid)
        {
            return new ImportRow(line, null, invalid.Message);
        }
    }

    private sealed record JsonRow(IdentifierType? Type, string? Value, List<Category>? Categories, int? Confidence, Tlp? Tlp,
        Distribution? Distribution, DateTimeOffset? ValidUntil);

    private static async IAsyncEnumerable<ImportRow> JsonlAsync(Stream stream, ImportDefaults defaults, Action<long>? bytesRead,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in Utf8Lines.ReadAsync(stream, bytesRead, cancellationToken))
        {
            if (line.Error is not null)
            {
                yield return new ImportRow(line.Number, null, line.Error);
                continue;
            }
            if (string.IsNullOrWhiteSpace(line.Text))
            {
                continue;
            }
            JsonRow? row;
            string? error = null;
            try
            {
                row = JsonSerializer.Deserialize<JsonRow>(line.Text, CordonJson.Options);
            }
            catch (JsonException json)
            {
                row = null;
                error = json.Path is null or "$" ? "is not a JSON object" : $"has a wrong or unknown field at '{json.Path}'";
            }
            if (row is null)
            {
                yield return new ImportRow(line.Number, null, error ?? "is not a JSON object");
                continue;
            }
            yield return new ImportRow(line.Number, new IndicatorSubmission(row.Type ?? defaults.Type, row.Value,
                row.Categories ?? defaults.Categories, row.Confidence ?? defaults.Confidence, row.Tlp ?? defaults.Tlp,
                row.Distribution ?? defaults.Distribution, CommunitiesFor(row.Distribution ?? defaults.Distribution, defaults),
                row.ValidUntil ?? defaults.ValidUntil), null);
        }
    }

    /// <summary>
    /// The blacklist of eth-phishing-detect's config.json, one row per entry (its "line" is the position in the list).
    /// Its fuzzylist and whitelist name legitimate sites that scammers imitate, so they are not imported as bad.
    /// </summary>
    private static async IAsyncEnumerable<ImportRow> EthPhishingDetectAsync(Stream stream, ImportDefaults defaults, Action<long>? bytesRead,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, default, cancellationToken);
        }
        catch (JsonException)
        {
            throw new Core.Errors.InvalidInputException("file", "is not the JSON config of eth-phishing-detect.");
        }
        using (document)
        {
            bytesRead?.Invoke(stream.CanSeek ? stream.Length : 0);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("blacklist", out var blacklist) || blacklist.ValueKind != JsonValueKind.Array)
            {
                throw new Core.Errors.InvalidInputException("file", "has no 'blacklist' array: is it eth-phishing-detect's src/config.json?");
            }
            var position = 0L;
            foreach (var entry in blacklist.EnumerateArray())
            {
                position++;
                yield return entry.ValueKind == JsonValueKind.String
                    ? new ImportRow(position, new IndicatorSubmission(IdentifierType.Domain, entry.GetString(),
                        defaults.Categories ?? [Category.Phishing, Category.InvestmentScam], defaults.Confidence ?? 70,
                        defaults.Tlp ?? Tlp.Clear, defaults.Distribution ?? Distribution.Node,
                        CommunitiesFor(defaults.Distribution, defaults), defaults.ValidUntil), null)
                    : new ImportRow(position, null, "entry is not a string");
            }
        }
    }

    /// <summary>The default communities go with rows distributed to communities only.</summary>
    private static IReadOnlyList<Guid>? CommunitiesFor(Distribution? distribution, ImportDefaults defaults) =>
        distribution == Distribution.Communities ? defaults.Communities : null;

    private static T Parse<T>(string text, string field) where T : struct, Enum =>
        CordonJson.TryParse<T>(text, out var value)
            ? value
            : throw new Core.Errors.InvalidInputException(field, $"'{Truncate(text)}' is not one of: {CordonJson.Names<T>()}.");

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
