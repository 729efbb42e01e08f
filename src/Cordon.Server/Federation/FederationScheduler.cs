using Cordon.Application.Data;
using Cordon.Application.Federation;
using Cordon.Server.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Federation;

/// <summary>
/// Syncs every peer that is due, every <c>Cordon:Federation:IntervalSeconds</c> (60 by default; 0 turns the schedule
/// off), skipping peers still backing off after a failure.
/// </summary>
public sealed class FederationScheduler(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<FederationScheduler> logger)
    : RecurringRound(scopes, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Cordon:Federation:IntervalSeconds", 60.0));

    protected override async Task<IReadOnlyList<Guid>> DueAsync(IServiceProvider services, CancellationToken stoppingToken)
    {
        var now = Clock.GetUtcNow();
        return await services.GetRequiredService<CordonDb>().Peers.AsNoTracking()
            .Where(p => p.Direction != PeerDirection.Inbound && (p.RetryAfter == null || p.RetryAfter <= now)).Select(p => p.Id).ToListAsync(stoppingToken);
    }

    protected override async Task RunOneAsync(IServiceProvider services, Guid id, CancellationToken stoppingToken)
    {
        var report = await services.GetRequiredService<PeerSync>().SyncAsync(id, stoppingToken);
        if (report.Error is not null)
        {
            logger.LogWarning("Sync with {Peer} failed: {Error}", report.Peer, report.Error);
        }
    }
}
