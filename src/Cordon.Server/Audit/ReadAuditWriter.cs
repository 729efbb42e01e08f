using Cordon.Application.Audit;

namespace Cordon.Server.Audit;

/// <summary>
/// Writes the reads of restricted data noted by requests to the audit log every
/// <c>Cordon:Audit:ReadFlushMilliseconds</c> (default 1000) and at stop: a read never waits on a write, and a crash
/// loses at most that much of the read record.
/// </summary>
public sealed class ReadAuditWriter(ReadAuditQueue queue, IConfiguration configuration, TimeProvider clock, ILogger<ReadAuditWriter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(10, configuration.GetValue("Cordon:Audit:ReadFlushMilliseconds", 1000)));
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last flush below.
        }
        await FlushAsync(CancellationToken.None);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            // At most a few rounds: notes put back after a failed write wait for the next tick, not a busy loop.
            for (var round = 0; round < 10 && !queue.IsEmpty; round++)
            {
                await queue.FlushAsync(cancellationToken);
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "Could not write reads of restricted data to the audit log");
        }
    }
}

/// <summary>Tells each request's <see cref="ReadLog"/> which route it came by.</summary>
public static class ReadAuditRoutes
{
    public static IApplicationBuilder UseReadAuditRoutes(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path.Value ?? "/";
        context.RequestServices.GetRequiredService<ReadLog>().Route = $"{context.Request.Method} {(path.Length <= 300 ? path : path[..300])}";
        await next(context);
    });
}
