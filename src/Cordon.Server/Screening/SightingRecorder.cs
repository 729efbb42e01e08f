using System.Runtime.InteropServices;
using Cordon.Core.Members;
using Cordon.Store;
using Cordon.Store.Audit;
using Cordon.Store.Bulk;
using Cordon.Store.Entities;

namespace Cordon.Server.Screening;

/// <summary>
/// Screening hits become sightings for the indicators' owners, counted in memory and written every few seconds
/// (<c>Cordon:Screening:SightingFlushSeconds</c>, default 5) in audited transactions, so that the hot path never
/// writes. A crash loses at most the counts since the last flush; docs/screening.md says so.
/// </summary>
public sealed class SightingRecorder(CordonDbFactory factory, TimeProvider clock, IConfiguration configuration,
    ILogger<SightingRecorder> logger) : BackgroundService
{
    private const int SightingsPerTransaction = 10_000;
    private readonly Lock gate = new();
    private Dictionary<(Guid Indicator, Guid Organisation), int> pending = [];

    /// <summary>One hit per indicator listed; a batch hands over a whole chunk's hits at once, under one lock.</summary>
    public void Record(List<Guid> indicators, Guid screeningOrganisation)
    {
        lock (gate)
        {
            foreach (var indicator in indicators)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(pending, (indicator, screeningOrganisation), out _)++;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(configuration.GetValue("Cordon:Screening:SightingFlushSeconds", 5)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the final flush below still runs.
        }
        await FlushAsync(CancellationToken.None);
    }

    /// <summary>
    /// Writes the counts so far, in audited transactions of at most <see cref="SightingsPerTransaction"/> sightings each
    /// (a batch of a million checks can hit hundreds of thousands of indicators).
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Dictionary<(Guid Indicator, Guid Organisation), int> batch;
        lock (gate)
        {
            (batch, pending) = (pending, []);
        }
        foreach (var part in batch.Chunk(SightingsPerTransaction))
        {
            await WriteAsync(part, cancellationToken);
        }
    }

    private async Task WriteAsync(KeyValuePair<(Guid Indicator, Guid Organisation), int>[] counts, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = factory.Create();
            var now = clock.GetUtcNow();
            var system = new Actor(Guid.Empty, ActorKind.System, "screening", 0, IsNodeOperator: false);
            var sightings = counts.Select(c => new Sighting
            {
                Id = Guid.CreateVersion7(now),
                IndicatorId = c.Key.Indicator,
                OrganisationId = c.Key.Organisation,
                SeenAt = now,
                Count = c.Value,
                Where = "screening",
                CreatedAt = now,
            }).ToList();
            await new AuditLog(db, clock).WriteAsync(system, async () =>
            {
                await BulkInsert.InsertAsync(db, sightings, cancellationToken);
                return new AuditedChange<int>(sightings.Count, "indicator.sightings_from_screening", "indicator",
                    sightings.Select(s => s.IndicatorId).Distinct().ToList(), new { Hits = counts.Sum(c => c.Value) });
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // An indicator deleted in between, or the store away: these counts are lost, screening goes on.
            logger.LogWarning(exception, "Could not record {Count} screening sightings", counts.Length);
        }
    }
}
