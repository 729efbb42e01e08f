using System.Runtime.InteropServices;
using Cordon.Application.Audit;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Core.Members;

namespace Cordon.Server.Screening;

/// <summary>
/// Screening hits become sightings for the indicators' owners, held in memory and written every few seconds
/// (<c>Cordon:Screening:SightingFlushSeconds</c>, default 5) in audited transactions, so that the hot path never
/// writes. A request only hands its hits over (a copy, under a lock); they are counted per indicator and organisation
/// when they are flushed, so that a batch of a million checks does not wait for half a million dictionary updates.
/// While hits keep arriving the flush waits (<see cref="SightingFlushDelay"/>), at most
/// <c>Cordon:Screening:SightingMaxDelaySeconds</c> (default 30). A crash loses at most the hits since the last flush;
/// docs/screening.md says so.
/// </summary>
public sealed class SightingRecorder(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration,
    ILogger<SightingRecorder> logger) : BackgroundService
{
    private const int SightingsPerTransaction = 10_000;

    /// <summary>Hits handed over and not yet counted, at most (16 MB): beyond, the caller counts them.</summary>
    private const int MaxUncounted = 1 << 20;

    private readonly Lock gate = new();
    private List<(Guid[] Indicators, Guid Organisation)> handedOver = [];
    private int uncounted;
    private Dictionary<(Guid Indicator, Guid Organisation), int> pending = [];
    private readonly SightingFlushDelay delay = new(TimeSpan.FromSeconds(configuration.GetValue("Cordon:Screening:SightingMaxDelaySeconds", 30)));

    /// <summary>One hit per indicator listed; a batch hands over a whole chunk's hits at once.</summary>
    public void Record(List<Guid> indicators, Guid screeningOrganisation)
    {
        var copy = indicators.ToArray();
        var now = clock.GetUtcNow();
        lock (gate)
        {
            delay.HandedOver(now);
            handedOver.Add((copy, screeningOrganisation));
            uncounted += copy.Length;
            if (uncounted > MaxUncounted)
            {
                // A flush that takes long (a slow store) must not let the hits held grow without bound.
                Count(handedOver, pending);
                (handedOver, uncounted) = ([], 0);
            }
        }
    }

    private static void Count(List<(Guid[] Indicators, Guid Organisation)> hits, Dictionary<(Guid Indicator, Guid Organisation), int> counts)
    {
        foreach (var (indicators, organisation) in hits)
        {
            foreach (var indicator in indicators)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, (indicator, organisation), out _)++;
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
                if (!MayWait())
                {
                    await FlushAsync(CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the final flush below still runs.
        }
        await FlushAsync(CancellationToken.None);
    }

    private bool MayWait()
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            return delay.MayWait(now);
        }
    }

    /// <summary>
    /// Writes the counts so far, in audited transactions of at most <see cref="SightingsPerTransaction"/> sightings each
    /// (a batch of a million checks can hit hundreds of thousands of indicators).
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Dictionary<(Guid Indicator, Guid Organisation), int> batch;
        List<(Guid[] Indicators, Guid Organisation)> hits;
        lock (gate)
        {
            (batch, pending) = (pending, []);
            (hits, handedOver, uncounted) = (handedOver, [], 0);
            delay.Flushed();
        }
        Count(hits, batch);
        foreach (var part in batch.Chunk(SightingsPerTransaction))
        {
            await WriteAsync(part, cancellationToken);
        }
    }

    private async Task WriteAsync(KeyValuePair<(Guid Indicator, Guid Organisation), int>[] counts, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CordonDb>();
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
            await scope.ServiceProvider.GetRequiredService<AuditLog>().WriteAsync(system, async () =>
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
