using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Response;

/// <summary>How the store keeps requests, their transitions, the outbox and webhooks.</summary>
internal static class ResponseModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ResponseRequest>(entity =>
        {
            entity.ToTable("response_requests");
            entity.Property(r => r.Id).ValueGeneratedNever();
            entity.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
            entity.Property(r => r.Priority).HasConversion<string>().HasMaxLength(16);
            entity.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            entity.Property(r => r.Currency).HasMaxLength(3);
            entity.Property(r => r.OutcomeCurrency).HasMaxLength(3);
            entity.Property(r => r.TransactionRef).HasMaxLength(200);
            entity.Property(r => r.CaseRef).HasMaxLength(200);
            entity.Property(r => r.LegalBasis).HasMaxLength(2000);
            entity.Property(r => r.Description).HasMaxLength(4000);
            entity.Property(r => r.Outcome).HasMaxLength(2000);
            entity.Property(r => r.DeclineReason).HasMaxLength(2000);
            entity.Property(r => r.Amount).HasPrecision(20, 4);
            entity.Property(r => r.AmountFrozen).HasPrecision(20, 4);
            entity.Property(r => r.Version).IsConcurrencyToken();
            entity.HasIndex(r => r.SenderId);
            entity.HasIndex(r => r.RecipientId);
            entity.HasIndex(r => r.State);
            entity.HasIndex(r => r.OperationId);
        });
        modelBuilder.Entity<RequestTransition>(entity =>
        {
            entity.ToTable("request_transitions");
            entity.Property(t => t.Id).ValueGeneratedNever();
            entity.Property(t => t.From).HasConversion<string>().HasMaxLength(16);
            entity.Property(t => t.To).HasConversion<string>().HasMaxLength(16);
            entity.Property(t => t.ByActor).HasMaxLength(64);
            entity.Property(t => t.Note).HasMaxLength(2000);
            entity.HasOne<ResponseRequest>().WithMany().HasForeignKey(t => t.RequestId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(t => t.RequestId);
        });
        modelBuilder.Entity<RequestEscalation>(entity =>
        {
            entity.ToTable("request_escalations");
            entity.Property(e => e.Id).ValueGeneratedNever();
            entity.Property(e => e.Breach).HasConversion<string>().HasMaxLength(16);
            entity.Property(e => e.Target).HasConversion<string>().HasMaxLength(32);
            entity.HasOne<ResponseRequest>().WithMany().HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(e => new { e.RequestId, e.Breach, e.Step }).IsUnique();
            entity.HasIndex(e => e.OrganisationId);
        });
        modelBuilder.Entity<OutboxMessage>(entity =>
        {
            entity.ToTable("outbox_messages");
            entity.Property(m => m.Id).ValueGeneratedNever();
            entity.Property(m => m.EventType).HasMaxLength(64);
            entity.HasIndex(m => new { m.OrganisationId, m.Sequence, m.Index });
        });
        modelBuilder.Entity<WebhookSubscription>(entity =>
        {
            entity.ToTable("webhook_subscriptions");
            entity.Property(w => w.Id).ValueGeneratedNever();
            entity.Property(w => w.Url).HasMaxLength(2048);
            entity.Property(w => w.Secret).HasMaxLength(128);
            entity.HasIndex(w => w.OrganisationId);
        });
        modelBuilder.Entity<WebhookDelivery>(entity =>
        {
            entity.ToTable("webhook_deliveries");
            entity.Property(d => d.Id).ValueGeneratedNever();
            entity.Property(d => d.LastError).HasMaxLength(500);
            entity.HasOne<OutboxMessage>().WithMany().HasForeignKey(d => d.MessageId).OnDelete(DeleteBehavior.Cascade);
            entity.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(d => new { d.DeliveredAt, d.DeadAt, d.NextAttemptAt });
        });
    }
}
