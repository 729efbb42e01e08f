using System.Globalization;
using System.Text;
using System.Text.Json;
using Cordon.Application.Data;
using Cordon.Application.Federation;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Misp;
using Cordon.Core.Stix;
using Cordon.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Indicators;

/// <summary>What an export is written as.</summary>
public enum ExportFormat
{
    /// <summary>A STIX 2.1 bundle: identities, observables and indicators, as the TAXII server serves them.</summary>
    Stix,
    /// <summary>One MISP event whose attributes are the indicators, each tagged with its TLP.</summary>
    Misp,
    /// <summary>Cordon's import CSV (type, value, categories, confidence, tlp, distribution, valid_until): it imports again as it is.</summary>
    Csv,
}

/// <summary>
/// Writes every active indicator an organisation may see, read through the access policy, oldest first, streamed in
/// chunks so that memory stays flat. Payment cards are never exported: Cordon holds only a keyed hash of a card number,
/// which means nothing outside the node.
/// </summary>
public sealed class IndicatorExport(CordonDb db, TimeProvider clock, Audit.ReadLog reads)
{
    private const int Chunk = 5000;

    public static string MediaType(ExportFormat format) => format switch
    {
        ExportFormat.Stix => "application/stix+json;version=2.1",
        ExportFormat.Misp => "application/json",
        _ => "text/csv; charset=utf-8",
    };

    public async Task<long> WriteAsync(Caller caller, ExportFormat format, Stream output, string nodeName, CancellationToken cancellationToken)
    {
        var viewer = caller.Viewer;
        var now = clock.GetUtcNow();
        long restricted = 0;
        var rows = Counted(Chunks(viewer, now, cancellationToken), chunk => restricted += chunk.Count(i => Audit.ReadLog.IsRestricted(i.Tlp, i.Distribution)));
        var written = format switch
        {
            ExportFormat.Stix => await StixAsync(rows, output, now, cancellationToken),
            ExportFormat.Misp => await MispAsync(rows, output, nodeName, now, cancellationToken),
            _ => await CsvAsync(rows, output, cancellationToken),
        };
        reads.Bulk(caller.Actor, "indicator", restricted, $"export {format.ToString().ToLowerInvariant()} of {written} indicators");
        return written;
    }

    private static async IAsyncEnumerable<IReadOnlyList<Indicator>> Counted(IAsyncEnumerable<IReadOnlyList<Indicator>> chunks,
        Action<IReadOnlyList<Indicator>> count)
    {
        await foreach (var chunk in chunks)
        {
            count(chunk);
            yield return chunk;
        }
    }

    private async IAsyncEnumerable<IReadOnlyList<Indicator>> Chunks(Core.Sharing.Viewer viewer, DateTimeOffset now,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DateTimeOffset? afterDate = null;
        var afterId = Guid.Empty;
        while (true)
        {
            var query = db.Indicators.AsNoTracking().VisibleTo(viewer).Include(i => i.Observable)
                .Where(i => i.Observable.Type != IdentifierType.PaymentCard && i.RevokedAt == null && (i.ValidUntil == null || i.ValidUntil > now));
            if (afterDate is { } date)
            {
                var id = afterId;
                query = query.Where(i => i.DateAdded > date || (i.DateAdded == date && i.Id.CompareTo(id) > 0));
            }
            var chunk = await query.OrderBy(i => i.DateAdded).ThenBy(i => i.Id).Take(Chunk).ToListAsync(cancellationToken);
            if (chunk.Count == 0)
            {
                yield break;
            }
            yield return chunk;
            (afterDate, afterId) = (chunk[^1].DateAdded, chunk[^1].Id);
        }
    }

    private async Task<long> StixAsync(IAsyncEnumerable<IReadOnlyList<Indicator>> chunks, Stream output, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("type", "bundle");
        json.WriteString("id", StixIds.Of("bundle", StixIds.ForStix(Guid.CreateVersion7(now))));
        json.WriteStartArray("objects");
        var identities = new HashSet<Guid>();
        long count = 0;
        await foreach (var chunk in chunks)
        {
            var owners = chunk.Select(i => i.OrganisationId).Where(identities.Add).ToList();
            foreach (var organisation in await db.Organisations.AsNoTracking().Where(o => owners.Contains(o.Id)).ToListAsync(cancellationToken))
            {
                IndicatorStix.Identity(organisation).WriteTo(json);
            }
            foreach (var indicator in chunk)
            {
                if (StixWriter.Indicator(IndicatorStix.Facts(indicator)) is var (observable, stixIndicator))
                {
                    observable.WriteTo(json);
                    stixIndicator.WriteTo(json);
                    count++;
                }
            }
            await json.FlushAsync(cancellationToken);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        return count;
    }

    private static async Task<long> MispAsync(IAsyncEnumerable<IReadOnlyList<Indicator>> chunks, Stream output, string nodeName, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteStartObject("Event");
        json.WriteString("uuid", StixIds.ForStix(Guid.CreateVersion7(now)).ToString("D"));
        json.WriteString("info", $"Cordon export from {nodeName}");
        json.WriteString("date", now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("timestamp", timestamp);
        json.WriteString("threat_level_id", "2");
        json.WriteString("analysis", "2");
        json.WriteBoolean("published", false);
        json.WriteStartObject("Orgc");
        json.WriteString("name", nodeName);
        json.WriteEndObject();
        json.WriteStartArray("Attribute");
        long count = 0;
        await foreach (var chunk in chunks)
        {
            foreach (var indicator in chunk)
            {
                var attribute = MispTypes.Write(indicator.Observable.Type, indicator.Observable.Value);
                json.WriteStartObject();
                json.WriteString("uuid", StixIds.ForStix(indicator.Id).ToString("D"));
                json.WriteString("type", attribute.Type);
                json.WriteString("category", attribute.Category);
                json.WriteString("value", attribute.Value);
                json.WriteBoolean("to_ids", true);
                json.WriteString("timestamp", indicator.UpdatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
                json.WriteString("comment", string.Join("; ", new[] { attribute.Comment, Categories(indicator) }.OfType<string>()));
                json.WriteStartArray("Tag");
                json.WriteStartObject();
                json.WriteString("name", MispTypes.TagOf(indicator.Tlp));
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
                count++;
            }
            await json.FlushAsync(cancellationToken);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        return count;
    }

    private static string Categories(Indicator indicator) =>
        "categories: " + string.Join(' ', CategorySet.FromFlags(indicator.CategoryFlags).Select(CordonJson.Name));

    private static async Task<long> CsvAsync(IAsyncEnumerable<IReadOnlyList<Indicator>> chunks, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteLineAsync("type,value,categories,confidence,tlp,distribution,valid_until");
        long count = 0;
        await foreach (var chunk in chunks)
        {
            foreach (var i in chunk)
            {
                await writer.WriteLineAsync(string.Join(',', CordonJson.Name(i.Observable.Type), CsvCell.Write(i.Observable.Value),
                    string.Join(';', CategorySet.FromFlags(i.CategoryFlags).Select(CordonJson.Name)), i.Confidence.ToString(CultureInfo.InvariantCulture),
                    CordonJson.Name(i.Tlp), CordonJson.Name(i.Distribution),
                    i.ValidUntil?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? ""));
                count++;
            }
            await writer.FlushAsync(cancellationToken);
        }
        return count;
    }
}
