using System.Globalization;
using System.Text;
using Cordon.Application.Data;
using Cordon.Application.Response;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Response;

/// <summary>
/// Delivers outbox messages to webhook endpoints: claims due deliveries with a short lease (so several instances do not
/// send the same one at once), posts them signed (webhook-id, webhook-timestamp, webhook-signature), and on failure
/// retries with exponential back-off and jitter until <c>Cordon:Webhooks:MaxAttempts</c> (default 10), then dead-letters.
/// Delivery is at least once: receivers deduplicate by webhook-id.
/// </summary>
public sealed class WebhookDispatcher(CordonDbFactory store, TimeProvider clock, IConfiguration configuration, IHttpClientFactory http,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private readonly Random jitter = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(configuration.GetValue("Cordon:Webhooks:PollMilliseconds", 1000)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await DispatchDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Webhook dispatch failed; retrying at the next poll");
            }
        }
    }

    /// <summary>Sends what is due now; returns how many deliveries were attempted.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var maxAttempts = configuration.GetValue("Cordon:Webhooks:MaxAttempts", 10);
        await using var db = store.Create();
        var now = clock.GetUtcNow();
        var due = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.DeliveredAt == null && d.DeadAt == null && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).Take(50)
            .Join(db.Outbox, d => d.MessageId, m => m.Id, (d, m) => new { Delivery = d, Message = m })
            .Join(db.WebhookSubscriptions.Where(w => w.DisabledAt == null), x => x.Delivery.SubscriptionId, w => w.Id,
                (x, w) => new { x.Delivery, x.Message, Subscription = w })
            .ToListAsync(cancellationToken);
        foreach (var item in due)
        {
            // Claim: only the instance that moves NextAttemptAt on sends this attempt.
            var claimed = await db.WebhookDeliveries
                .Where(d => d.Id == item.Delivery.Id && d.NextAttemptAt == item.Delivery.NextAttemptAt && d.DeliveredAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, now + Lease), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }
            var (status, error) = await SendAsync(item.Subscription.Url, item.Subscription.Secret, item.Message.Id.ToString(),
                item.Message.EventType, item.Message.Payload, cancellationToken);
            var attempts = item.Delivery.Attempts + 1;
            var after = clock.GetUtcNow();
            if (status is >= 200 and < 300)
            {
                await db.WebhookDeliveries.Where(d => d.Id == item.Delivery.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.DeliveredAt, after).SetProperty(d => d.Attempts, attempts).SetProperty(d => d.LastStatus, status)
                    .SetProperty(d => d.LastError, (string?)null), cancellationToken);
                continue;
            }
            var dead = attempts >= maxAttempts;
            var next = after + WebhookSignature.Backoff(attempts, jitter);
            await db.WebhookDeliveries.Where(d => d.Id == item.Delivery.Id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Attempts, attempts).SetProperty(d => d.LastStatus, status).SetProperty(d => d.LastError, error)
                .SetProperty(d => d.NextAttemptAt, next).SetProperty(d => d.DeadAt, dead ? after : null), cancellationToken);
        }
        return due.Count;
    }

    private async Task<(int? Status, string? Error)> SendAsync(string url, string secret, string id, string eventType, string payload,
        CancellationToken cancellationToken)
    {
        var body = $"{{\"type\":\"{eventType}\",\"data\":{payload}}}";
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(secret, id, timestamp, body));
        try
        {
            using var response = await http.CreateClient("webhooks").SendAsync(request, cancellationToken);
            return ((int)response.StatusCode, response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, exception.GetType().Name);
        }
    }
}
