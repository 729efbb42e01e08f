using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Audit;

/// <summary>How the store keeps the hash-chained audit records and their head.</summary>
internal static class AuditModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditRecord>(entity =>
        {
            entity.ToTable("audit_records");
            entity.HasKey(a => a.Sequence);
            entity.Property(a => a.Sequence).ValueGeneratedNever();
            entity.Property(a => a.ActorKind).HasMaxLength(16);
            entity.Property(a => a.ActorId).HasMaxLength(64);
            entity.Property(a => a.Action).HasMaxLength(64);
            entity.Property(a => a.ItemType).HasMaxLength(64);
            entity.Property(a => a.PreviousHash).HasMaxLength(64);
            entity.Property(a => a.Hash).HasMaxLength(64);
            entity.HasIndex(a => a.OrganisationId);
        });
        modelBuilder.Entity<AuditHead>(entity =>
        {
            entity.ToTable("audit_head");
            entity.Property(h => h.Id).ValueGeneratedNever();
            entity.Property(h => h.Hash).HasMaxLength(64);
        });
    }
}
