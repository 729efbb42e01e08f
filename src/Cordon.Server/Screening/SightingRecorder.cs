using System.Collections.Concurrent;
using Cordon.Core.Members;
using Cordon.Store;
using Cordon.Store.Audit;
using Cordon.Store.Entities;

namespace Cordon.Server.Screening;

/// <summary>
/// Screening hits become sightings for the indicators' owners, counted in memory and written in one audited
/// transaction every few seconds (<c>Cordon:Screening:SightingFlushSeconds</c>, default 5) so that the hot path never
/// writes. A crash loses at most the counts since the last flush; docs/screening.md says so.
/// </summary>
public sealed class SightingRecorder(CordonDbFactory factory, TimeProvider clock, IConfiguration configuration,
    ILogger<SightingRecorder> logger) : BackgroundService
{
    private ConcurrentDictionary<(Guid Indicator, Guid Organisation), int> pending = new();

    public void Record(IEnumerable<Guid> indicators, Guid screeningOrganisation)
    {
        foreach (var indicator in indicators)
        {
            pending.AddOrUpdate((indicator, screeningOrganisation), 1, (_, count) => count + 1);
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

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = Interlocked.Exchange(ref pending, new ConcurrentDictionary<(Guid Indicator, Guid Organisation), int>());
        if (batch.IsEmpty)
        {
            return;
        }
        try
        {
            await using var db = factory.Create();
            var now = clock.GetUtcNow();
            var system = new Actor(Guid.Empty, ActorKind.System, "screening", 0, IsNodeOperator: false);
            await new AuditLog(db, clock).WriteAsync(system, () =>
            {
                foreach (var ((indicator, organisation), count) in batch)
                {
                    db.Sightings.Add(new Sighting
                    {
                        Id = Guid.CreateVersion7(now),
                        IndicatorId = indicator,
                        OrganisationId = organisation,
                        SeenAt = now,
                        Count = count,
                        Where = "screening",
                        CreatedAt = now,
                    });
                }
                return Task.FromResult(new AuditedChange<int>(batch.Count, "indicator.sightings_from_screening", "indicator",
                    batch.Keys.Select(k => k.Indicator).Distinct().ToList(), new { Hits = batch.Values.Sum() }));
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // An indicator deleted in between, or the store away: these counts are lost, screening goes on.
            logger.LogWarning(exception, "Could not record {Count} screening sightings", batch.Count);
        }
    }
}
