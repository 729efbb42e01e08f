namespace Cordon.Server.Hosting;

/// <summary>
/// A background service that, at start and then every <see cref="Interval"/> (zero or less turns it off), finds the
/// items that are due and runs each in a scope of its own. A failing item is logged and never keeps the others from
/// their turn; a failing round is logged and the next one runs as planned.
/// </summary>
public abstract class RecurringRound(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Interval { get; }

    protected abstract Task<IReadOnlyList<Guid>> DueAsync(IServiceProvider services, CancellationToken stoppingToken);

    protected abstract Task RunOneAsync(IServiceProvider services, Guid id, CancellationToken stoppingToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval, Clock);
        do
        {
            try
            {
                await RunRoundAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                logger.LogError(failure, "{Service} round failed", GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunRoundAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<Guid> due;
        using (var scope = scopes.CreateScope())
        {
            due = await DueAsync(scope.ServiceProvider, stoppingToken);
        }
        foreach (var id in due)
        {
            try
            {
                using var scope = scopes.CreateScope();
                await RunOneAsync(scope.ServiceProvider, id, stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                logger.LogError(failure, "{Service}: {Id} failed", GetType().Name, id);
            }
        }
    }
}
