using Cordon.Application.Data;
using Cordon.Application.Feeds;
using Cordon.Server.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Feeds;

/// <summary>
/// At start and every <c>Cordon:Feeds:CheckSeconds</c> (60 by default; 0 turns the schedule off), runs each feed whose
/// interval has passed since its last run (feeds with interval 0 run only when asked), skipping feeds backing off after
/// a failure.
/// </summary>
public sealed class FeedScheduler(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<FeedScheduler> logger)
    : RecurringRound(scopes, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Cordon:Feeds:CheckSeconds", 60.0));

    protected override async Task<IReadOnlyList<Guid>> DueAsync(IServiceProvider services, CancellationToken stoppingToken)
    {
        var now = Clock.GetUtcNow();
        var feeds = await services.GetRequiredService<CordonDb>().Feeds.AsNoTracking()
            .Where(f => f.IntervalMinutes > 0 && (f.RetryAfter == null || f.RetryAfter <= now)).ToListAsync(stoppingToken);
        return feeds.Where(f => f.LastRunAt is null || f.LastRunAt.Value.AddMinutes(f.IntervalMinutes) <= now).Select(f => f.Id).ToList();
    }

    protected override async Task RunOneAsync(IServiceProvider services, Guid id, CancellationToken stoppingToken)
    {
        var report = await services.GetRequiredService<FeedRunner>().RunAsync(id, stoppingToken);
        if (report.Error is not null)
        {
            logger.LogWarning("Feed {Feed} failed: {Error}", report.Feed, report.Error);
        }
    }
}
