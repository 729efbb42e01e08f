using Cordon.Application.Audit;
using Cordon.Application.Data;
using Cordon.Core.Errors;
using Cordon.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Response;

/// <summary>An organisation's webhook endpoints and the deliveries to them.</summary>
public sealed class WebhookService(CordonDb db, AuditLog audit, TimeProvider clock, Notifications notifications, Outbound.OutboundGuard guard)
{
    public async Task<WebhookSubscription> AddAsync(Actor actor, string? url, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || url!.Length > 2048)
        {
            throw new InvalidInputException("url", "must be an absolute http(s) URL.");
        }
        await guard.CheckAsync(uri, "url", cancellationToken);
        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            OrganisationId = actor.OrganisationId,
            Url = uri.ToString(),
            Secret = WebhookSignature.NewSecret(),
            CreatedAt = clock.GetUtcNow(),
        };
        return await audit.WriteAsync(actor, () =>
        {
            db.WebhookSubscriptions.Add(subscription);
            return Task.FromResult(new AuditedChange<WebhookSubscription>(subscription, "webhook.add", "webhook", [subscription.Id],
                new { subscription.Url }));
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        return await db.WebhookSubscriptions.AsNoTracking().Where(w => w.OrganisationId == actor.OrganisationId && w.DisabledAt == null)
            .ToListAsync(cancellationToken);
    }

    public async Task RemoveAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(w => w.Id == id && w.OrganisationId == actor.OrganisationId
                                                                                  && w.DisabledAt == null, cancellationToken)
                           ?? throw new NotFoundException("webhook");
        await audit.WriteAsync(actor, async () =>
        {
            subscription.DisabledAt = clock.GetUtcNow();
            // Nothing more goes to a removed endpoint: what was pending is dead-lettered.
            await db.WebhookDeliveries.Where(d => d.SubscriptionId == id && d.DeliveredAt == null && d.DeadAt == null)
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.DeadAt, clock.GetUtcNow()).SetProperty(x => x.LastError, "endpoint removed"),
                    cancellationToken);
            return new AuditedChange<bool>(true, "webhook.remove", "webhook", [id]);
        }, cancellationToken);
    }

    /// <summary>Sends a test event to every endpoint of the caller's organisation, through the outbox like any other.</summary>
    public async Task TestAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        await audit.WriteAsync(actor, async () =>
        {
            await notifications.EnqueueAsync([actor.OrganisationId], "webhook.test",
                new { message = "Cordon webhook test", at = clock.GetUtcNow() }, cancellationToken);
            return new AuditedChange<bool>(true, "webhook.test", "webhook", []);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> DeadLettersAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        var mine = db.WebhookSubscriptions.Where(w => w.OrganisationId == actor.OrganisationId).Select(w => w.Id);
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.DeadAt != null && mine.Contains(d.SubscriptionId))
            .OrderByDescending(d => d.DeadAt).Take(500).ToListAsync(cancellationToken);
    }

    /// <summary>Puts a dead-lettered (or any) delivery back in the queue; the receiver sees the same webhook-id again.</summary>
    public async Task ResendAsync(Actor actor, Guid deliveryId, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        var mine = db.WebhookSubscriptions.Where(w => w.OrganisationId == actor.OrganisationId && w.DisabledAt == null).Select(w => w.Id);
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && mine.Contains(d.SubscriptionId), cancellationToken)
                       ?? throw new NotFoundException("delivery");
        await audit.WriteAsync(actor, () =>
        {
            delivery.DeadAt = null;
            delivery.DeliveredAt = null;
            delivery.Attempts = 0;
            delivery.NextAttemptAt = clock.GetUtcNow();
            return Task.FromResult(new AuditedChange<bool>(true, "webhook.resend", "webhook", [delivery.Id]));
        }, cancellationToken);
    }
}
