using Cordon.Server.Hosting;
using Cordon.Store;
using Cordon.Store.Feeds;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Feeds;

/// <summary>
/// At start and every <c>Cordon:Feeds:CheckSeconds</c> (60 by default; 0 turns the schedule off), runs each feed whose interval has
/// passed since its last run (feeds with interval 0 run only when asked), skipping feeds backing off after a failure.
/// </summary>
public sealed class FeedScheduler(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<FeedScheduler> logger)
    : RecurringRound(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Cordon:Feeds:CheckSeconds", 60.0));

    protected override async Task RunRoundAsync(CancellationToken stoppingToken)
    {
        List<Guid> due;
        using (var scope = scopes.CreateScope())
        {
            var now = Clock.GetUtcNow();
            var feeds = await scope.ServiceProvider.GetRequiredService<CordonDb>().Feeds.AsNoTracking()
                .Where(f => f.IntervalMinutes > 0 && (f.RetryAfter == null || f.RetryAfter <= now)).ToListAsync(stoppingToken);
            due = feeds.Where(f => f.LastRunAt is null || f.LastRunAt.Value.AddMinutes(f.IntervalMinutes) <= now).Select(f => f.Id).ToList();
        }
        foreach (var id in due)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var report = await scope.ServiceProvider.GetRequiredService<FeedRunner>().RunAsync(id, stoppingToken);
                if (report.Error is not null)
                {
                    logger.LogWarning("Feed {Feed} failed: {Error}", report.Feed, report.Error);
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // One failing feed never keeps the others from their turn.
                logger.LogError(failure, "Feed {Id} failed", id);
            }
        }
    }
}
