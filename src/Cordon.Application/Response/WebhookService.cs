using Cordon.Application.Audit;
using Cordon.Application.Data;
using Cordon.Core.Errors;
using Cordon.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Response;

/// <summary>An organisation's webhook endpoints and the deliveries to them.</summary>
public sealed class WebhookService(CordonDb db, AuditLog audit, TimeProvider clock, Notifications notifications, bool allowPrivateAddresses = false)
{
    public async Task<WebhookSubscription> AddAsync(Actor actor, string? url, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || url!.Length > 2048)
        {
            throw new InvalidInputException("url", "must be an absolute http(s) URL.");
        }
        if (!allowPrivateAddresses && IsPrivate(uri))
        {
            throw new InvalidInputException("url", "must not point at this machine or a private network.");
        }
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

    /// <summary>Loopback, private, link-local and unique-local literals and localhost (no DNS lookup: a name is trusted).</summary>
    private static bool IsPrivate(Uri uri)
    {
        if (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (!System.Net.IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address))
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? bytes[0] is 10 or 127 or 0 || (bytes[0] == 172 && bytes[1] is >= 16 and <= 31) || (bytes[0] == 192 && bytes[1] == 168)
              || (bytes[0] == 169 && bytes[1] == 254) || (bytes[0] == 100 && bytes[1] is >= 64 and <= 127)
            : address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || System.Net.IPAddress.IPv6Loopback.Equals(address);
    }
}
