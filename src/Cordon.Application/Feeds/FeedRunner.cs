using System.Text.Json;
using System.Text.Json.Nodes;
using Cordon.Application.Data;
using Cordon.Application.Federation;
using Cordon.Application.Indicators.Import;
using Cordon.Core.Errors;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Feeds;

/// <summary>What one run of a feed did.</summary>
public sealed record FeedRunReport(string Feed, long Rows, long Created, long Updated, long Rejected, IReadOnlyList<string> RowErrors, string? Error);

/// <summary>
/// Runs one feed: reads its source and stores what it brings as reports of the feed's organisation, through the same
/// import and STIX paths as everything else (so every value is normalised and every write audited). Lists, CSV and
/// STIX bundles are one transaction each; a MISP feed is one per event, with the events done so far kept as its
/// cursor; a TAXII collection one per page, with the cursor in the page's transaction. A run that fails records the
/// error and backs off (<see cref="SyncBackoff"/>); what it stored before failing stays stored.
/// </summary>
public sealed class FeedRunner(CordonDb db, IndicatorImporter importer, StixIngest ingest, Members.CallerDirectory callers, FeedSource source,
    TimeProvider clock, HttpClient http, Audit.AuditLog audit)
{
    public const int MaxRowErrors = 20;
    private const int TaxiiPageSize = 2000;
    private const int MaxTaxiiPagesPerRun = 10_000;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(30);

    public async Task<FeedRunReport> RunAsync(Guid feedId, CancellationToken cancellationToken)
    {
        var feed = await db.Feeds.AsNoTracking().SingleAsync(f => f.Id == feedId, cancellationToken);
        var actor = new Actor(feed.OrganisationId, ActorKind.System, $"feed:{feed.Name}", RoleSet.ToFlags([Role.Analyst]), false);
        var tally = new Tally();
        string? error = null;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(RunTimeout);
        try
        {
            var runToken = deadline.Token;
            switch (feed.Kind)
            {
                case FeedKind.List or FeedKind.Csv:
                    await using (var stream = await source.OpenAsync(feed.Location, runToken))
                    {
                        tally.Add(await importer.ImportAsync(actor, stream, feed.Kind == FeedKind.List ? ImportFormat.List : ImportFormat.Csv,
                            Defaults(feed), $"feed:{feed.Name}", cancellationToken: runToken), "");
                    }
                    break;
                case FeedKind.Misp:
                    await RunMispAsync(feed, actor, tally, runToken);
                    break;
                case FeedKind.Stix:
                    await RunStixAsync(feed, actor, tally, runToken);
                    break;
                case FeedKind.Taxii:
                    await RunTaxiiAsync(feed, actor, tally, runToken);
                    break;
            }
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever a source does wrong is the feed's error, recorded and backed off; it never stops the other feeds.
            error = failure switch
            {
                OperationCanceledException => $"the run did not finish within {RunTimeout.TotalMinutes:0} minutes.",
                InvalidInputException invalid => invalid.Message,
                JsonException or InvalidOperationException or ArgumentException => "the source is not the JSON its kind needs.",
                HttpRequestException or IOException or TaxiiClientException => FeedSource.Redacted(failure.Message),
                _ => "the run failed unexpectedly.",
            };
            error = error.Length <= 2000 ? error : error[..2000];
        }
        db.ChangeTracker.Clear();
        // The run's outcome is written with its audit record: a failed run (a refused address, a missing file) is on the record.
        await audit.WriteAsync(actor, async () =>
        {
            var stored = await db.Feeds.SingleAsync(f => f.Id == feedId, CancellationToken.None);
            stored.LastRunAt = clock.GetUtcNow();
            stored.LastRows = tally.Rows;
            stored.LastCreated = tally.Created;
            stored.LastUpdated = tally.Updated;
            stored.LastRejected = tally.Rejected;
            stored.LastRowErrors = tally.Errors.Count == 0 ? null : string.Join('\n', tally.Errors);
            stored.LastError = error;
            if (error is null)
            {
                stored.LastSuccessAt = stored.LastRunAt;
                stored.ConsecutiveFailures = 0;
                stored.RetryAfter = null;
            }
            else
            {
                stored.ConsecutiveFailures++;
                stored.RetryAfter = SyncBackoff.RetryAfter(stored.LastRunAt.Value, stored.ConsecutiveFailures);
            }
            return new Audit.AuditedChange<bool>(true, error is null ? "feed.run" : "feed.run_failed", "feed", [feedId],
                new { feed.Name, tally.Rows, tally.Created, tally.Updated, tally.Rejected, Error = error });
        }, CancellationToken.None);
        return new FeedRunReport(feed.Name, tally.Rows, tally.Created, tally.Updated, tally.Rejected, tally.Errors, error);
    }

    private static ImportDefaults Defaults(Feed feed) =>
        new(feed.Type, CategorySet.FromFlags(feed.CategoryFlags), feed.Confidence, feed.Tlp, feed.Distribution);

    /// <summary>manifest.json names the events with their timestamps; an event is imported when it is new or its timestamp moved.</summary>
    private async Task RunMispAsync(Feed feed, Actor actor, Tally tally, CancellationToken cancellationToken)
    {
        JsonObject manifest;
        await using (var stream = await source.OpenAsync(FeedSource.Beside(feed.Location, "manifest.json"), cancellationToken))
        {
            manifest = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken) as JsonObject
                       ?? throw new InvalidInputException("manifest.json", "is not a JSON object of events.");
        }
        var done = feed.Cursor is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(feed.Cursor) ?? [];
        var events = manifest.Select(e => (Uuid: e.Key, Timestamp: Timestamp(e.Value)))
            .OrderBy(e => long.TryParse(e.Timestamp, out var t) ? t : 0).ToList();
        foreach (var (uuid, timestamp) in events)
        {
            if (!Guid.TryParse(uuid, out var eventId))
            {
                tally.Error($"manifest: '{(uuid.Length <= 40 ? uuid : uuid[..40])}' is not an event uuid");
                continue;
            }
            if (done.TryGetValue(uuid, out var held) && held == timestamp)
            {
                continue;
            }
            try
            {
                await using var stream = await source.OpenAsync(FeedSource.Beside(feed.Location, $"{eventId:D}.json"), cancellationToken);
                tally.Add(await importer.ImportAsync(actor, stream, ImportFormat.Misp, Defaults(feed), $"feed:{feed.Name}:{eventId:D}",
                    cancellationToken: cancellationToken), $"event {eventId:D} ");
            }
            catch (Exception failure) when (failure is InvalidInputException or HttpRequestException or IOException)
            {
                // One missing or unreadable event does not stop the others; it is tried again on the next run.
                tally.Error($"event {eventId:D}: {failure.Message}");
                continue;
            }
            done[uuid] = timestamp;
            db.ChangeTracker.Clear();
            var stored = await db.Feeds.SingleAsync(f => f.Id == feed.Id, cancellationToken);
            stored.Cursor = JsonSerializer.Serialize(done);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static string Timestamp(JsonNode? entry) => (entry as JsonObject)?["timestamp"] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<long>(out var number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "",
    };

    private async Task RunStixAsync(Feed feed, Actor actor, Tally tally, CancellationToken cancellationToken)
    {
        JsonNode? bundle;
        await using (var stream = await source.OpenAsync(feed.Location, cancellationToken))
        {
            bundle = await JsonNode.ParseAsync(stream, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }, cancellationToken: cancellationToken);
        }
        if (bundle is not JsonObject { } o || o["type"]?.GetValueKind() != JsonValueKind.String || o["type"]!.GetValue<string>() != "bundle"
            || o["objects"] is not JsonArray objects)
        {
            throw new InvalidInputException("location", "is not a STIX 2.1 bundle ({\"type\": \"bundle\", \"objects\": [...]}).");
        }
        var caller = await callers.ForAsync(actor, cancellationToken);
        tally.Add(await ingest.IngestAsync(caller, Ingest(feed), objects.ToList(), cancellationToken: cancellationToken));
    }

    private async Task RunTaxiiAsync(Feed feed, Actor actor, Tally tally, CancellationToken cancellationToken)
    {
        var caller = await callers.ForAsync(actor, cancellationToken);
        var client = new TaxiiClient(http, feed.Location, feed.CollectionId!, feed.Username, feed.Secret ?? "");
        var cursor = feed.Cursor;
        string? next = null;
        for (var pages = 0; pages < MaxTaxiiPagesPerRun; pages++)
        {
            var page = await client.GetObjectsAsync(cursor, next, TaxiiPageSize, cancellationToken);
            var before = cursor;
            if (page.Objects.Count > 0)
            {
                db.ChangeTracker.Clear();
                var stored = await db.Feeds.SingleAsync(f => f.Id == feed.Id, cancellationToken);
                tally.Add(await ingest.IngestAsync(caller, Ingest(feed), page.Objects, _ =>
                {
                    // The cursor moves in the same transaction as the objects it passes.
                    stored.Cursor = page.DateAddedLast ?? stored.Cursor;
                    return Task.CompletedTask;
                }, cancellationToken));
                cursor = stored.Cursor;
            }
            if (!page.More || (page.Next is null && cursor == before))
            {
                // Done, or a server that says "more" without saying where from: asking again would read the same page.
                return;
            }
            next = page.Next;
        }
    }

    private static IngestSource Ingest(Feed feed) =>
        new(null, feed.Tlp, CategorySet.FromFlags(feed.CategoryFlags), IsFeed: true, DefaultDistribution: feed.Distribution);

    private sealed class Tally
    {
        public long Rows;
        public long Created;
        public long Updated;
        public long Rejected;
        public List<string> Errors { get; } = [];

        public void Add(ImportReport report, string where)
        {
            Rows += report.Rows;
            Created += report.Created;
            Updated += report.Updated;
            Rejected += report.Rejected;
            foreach (var e in report.Errors)
            {
                Error($"{where}line {e.Line}: {e.Reason}");
            }
        }

        public void Add(IReadOnlyList<ObjectOutcome> outcomes)
        {
            Rows += outcomes.Count;
            Created += outcomes.Count(o => o.Created);
            Updated += outcomes.Count(o => o.Updated);
            foreach (var refused in outcomes.Where(o => !o.Succeeded))
            {
                Rejected++;
                Error($"{refused.Id}: {refused.Message}");
            }
        }

        public void Error(string message)
        {
            if (Errors.Count < MaxRowErrors)
            {
                Errors.Add(message.Length <= 500 ? message : message[..500]);
            }
        }
    }
}
