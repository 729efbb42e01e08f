using Cordon.Application.Data;
using Cordon.Application.Screening;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Screening;

/// <summary>
/// Builds the index from the store at start, then follows the change feed: every poll (250 ms by default,
/// <c>Cordon:Screening:PollMilliseconds</c>) it checks the audit head and, when it moved, applies the indicators
/// changed since and reloads organisations and community memberships. Several instances over one PostgreSQL agree
/// because each follows the same feed.
/// </summary>
public sealed class ScreeningIndexUpdater(LiveIndex live, CordonDbFactory factory, IConfiguration configuration,
    ILogger<ScreeningIndexUpdater> logger) : BackgroundService
{
    private const int Page = 50_000;
    private FeedPosition position = FeedPosition.Start;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await BuildAsync(cancellationToken);
        await CatchUpAsync(cancellationToken);
        live.Ready = true;
        logger.LogInformation("Screening index built: {Reports} reports in {Seconds:F1} s", live.Index.Reports, started.Elapsed.TotalSeconds);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(configuration.GetValue("Cordon:Screening:PollMilliseconds", 250));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CatchUpAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Screening index update failed; retrying at the next poll");
            }
        }
    }

    /// <summary>
    /// The full build at start: one scan of the store into an index sized for it. The scan runs on a thread of its own
    /// and reads the next chunk while the last one is applied, so that reading and hashing share the cores; the count
    /// that sizes the index runs beside the database's first work on the scan.
    /// </summary>
    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        await using var db = factory.Create();
        await using var lookups = factory.Create();
        await using var counting = factory.Create();
        var head = await ScreeningFeed.AuditHeadAsync(db, cancellationToken);
        var latest = await ScreeningFeed.LatestAsync(db, cancellationToken);
        await LoadMembersAsync(db, head, cancellationToken);
        var count = counting.Indicators.CountAsync(i => i.RevokedAt == null, cancellationToken);
        using var chunks = ScreeningFeed.ReadAll(db, lookups, Page).GetEnumerator();
        var next = ReadAhead();
        try
        {
            live.Initialise(await count);
            while (await next)
            {
                var entries = chunks.Current;
                next = ReadAhead();
                live.Index.Apply(entries);
            }
        }
        finally
        {
            // Neither the scan nor the count is disposed under a read still running.
            await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await ((Task)count).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        position = latest;
        live.AppliedThrough = head;

        Task<bool> ReadAhead() => Task.Run(chunks.MoveNext, cancellationToken);
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await using var db = factory.Create();
        var head = await ScreeningFeed.AuditHeadAsync(db, cancellationToken);
        if (head == live.AppliedThrough && live.Ready)
        {
            return;
        }
        await LoadMembersAsync(db, head, cancellationToken);
        while (true)
        {
            var (entries, next) = await ScreeningFeed.ReadAsync(db, position, Page, cancellationToken);
            if (entries.Count == 0)
            {
                break;
            }
            live.Index.Apply(entries);
            position = next;
            db.ChangeTracker.Clear();
        }
        live.AppliedThrough = head;
    }

    /// <summary>Organisations' countries into the index, memberships for the viewers.</summary>
    private async Task LoadMembersAsync(CordonDb db, long head, CancellationToken cancellationToken)
    {
        var members = await ScreeningFeed.MemberFactsAsync(db, head, cancellationToken);
        foreach (var (organisation, country) in members.Countries)
        {
            live.Index.SetOrganisation(organisation, country);
        }
        live.Members = members;
    }
}
