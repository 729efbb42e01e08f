using Cordon.Application.Response;

namespace Cordon.Server.Response;

/// <summary>Marks breaches, escalates and expires requests every <c>Cordon:Response:SweepSeconds</c> (default 30).</summary>
public sealed class DeadlineMonitor(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DeadlineMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(configuration.GetValue("Cordon:Response:SweepSeconds", 30)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RequestService>().SweepDeadlinesAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Deadline sweep failed; retrying at the next one");
            }
        }
    }
}
