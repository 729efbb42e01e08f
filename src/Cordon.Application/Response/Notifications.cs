using System.Text.Json;
using Cordon.Application.Audit;
using Cordon.Application.Data;
using Cordon.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Response;

/// <summary>
/// Writes notifications into the outbox inside the caller's audited transaction, with one pending webhook delivery per
/// active endpoint of the organisation. Call only from within <see cref="AuditLog.WriteAsync{T}"/>.
/// </summary>
public sealed class Notifications(CordonDb db, AuditLog audit, TimeProvider clock)
{
    private int index;

    public async Task EnqueueAsync(IEnumerable<Guid> organisations, string eventType, object payload, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(payload, CordonJson.Options);
        var now = clock.GetUtcNow();
        foreach (var organisation in organisations.Distinct())
        {
            var message = new OutboxMessage
            {
                Id = Guid.CreateVersion7(now),
                Sequence = audit.PendingSequence,
                Index = index++,
                OrganisationId = organisation,
                EventType = eventType,
                Payload = json,
                CreatedAt = now,
            };
            db.Outbox.Add(message);
            var endpoints = await db.WebhookSubscriptions.AsNoTracking()
                .Where(w => w.OrganisationId == organisation && w.DisabledAt == null).Select(w => w.Id).ToListAsync(cancellationToken);
            foreach (var endpoint in endpoints)
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    Id = Guid.CreateVersion7(now),
                    MessageId = message.Id,
                    SubscriptionId = endpoint,
                    NextAttemptAt = now,
                });
            }
        }
    }
}
