using Cordon.Application.Audit;

namespace Cordon.Server.Audit;

/// <summary>
/// Walks the whole audit log at start and then every <c>Cordon:Audit:VerifyIntervalMinutes</c> (default 60; 0 turns
/// it off), so that a record edited in the middle of the log — which the per-write check of its tail cannot see — stops
/// writes and readiness within the interval, not only when an operator runs <c>cordon audit verify</c>.
/// </summary>
public sealed class AuditWatch(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<AuditWatch> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Cordon:Audit:VerifyIntervalMinutes", 60.0);
        if (minutes <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<AuditLog>().VerifyAsync(null, stoppingToken);
                if (!result.Ok)
                {
                    logger.LogCritical("The audit log is broken at record {Record}: {Findings}. Writes are refused.", result.BrokenAt,
                        string.Join("; ", result.Findings));
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                logger.LogError(failure, "Audit verification round failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
