using Cordon.Server.Hosting;
using Cordon.Store;
using Cordon.Store.Entities;
using Cordon.Store.Federation;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Federation;

/// <summary>
/// Syncs every peer that is due, every <c>Cordon:Federation:IntervalSeconds</c> (60 by default; 0 turns the schedule
/// off), skipping peers still backing off after a failure.
/// </summary>
public sealed class FederationScheduler(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<FederationScheduler> logger)
    : RecurringRound(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Cordon:Federation:IntervalSeconds", 60.0));

    protected override async Task RunRoundAsync(CancellationToken stoppingToken)
    {
        List<Guid> due;
        using (var scope = scopes.CreateScope())
        {
            var now = Clock.GetUtcNow();
            due = await scope.ServiceProvider.GetRequiredService<CordonDb>().Peers.AsNoTracking()
                .Where(p => p.Direction != PeerDirection.Inbound && (p.RetryAfter == null || p.RetryAfter <= now)).Select(p => p.Id).ToListAsync(stoppingToken);
        }
        foreach (var id in due)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var report = await scope.ServiceProvider.GetRequiredService<PeerSync>().SyncAsync(id, stoppingToken);
                if (report.Error is not null)
                {
                    logger.LogWarning("Sync with {Peer} failed: {Error}", report.Peer, report.Error);
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // One failing peer never keeps the others from their turn.
                logger.LogError(failure, "Peer {Id} failed", id);
            }
        }
    }
}
