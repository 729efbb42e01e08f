using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Audit;

/// <summary>How the store keeps the audit records, their chain head, Merkle tree, content hashes, signing key and witness reports.</summary>
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
            entity.Property(a => a.ContentDigest).HasMaxLength(64);
            entity.HasIndex(a => a.OrganisationId);
        });
        modelBuilder.Entity<AuditHead>(entity =>
        {
            entity.ToTable("audit_head");
            entity.Property(h => h.Id).ValueGeneratedNever();
            entity.Property(h => h.Hash).HasMaxLength(64);
        });
        modelBuilder.Entity<AuditTreeNode>(entity =>
        {
            entity.ToTable("audit_tree");
            entity.HasKey(n => new { n.Level, n.Index });
            entity.Property(n => n.Hash).HasMaxLength(64);
        });
        modelBuilder.Entity<AuditItemContent>(entity =>
        {
            entity.ToTable("audit_contents");
            entity.HasKey(c => new { c.ItemId, c.Sequence });
            entity.Property(c => c.ItemType).HasMaxLength(64);
            entity.Property(c => c.ContentHash).HasMaxLength(64);
            entity.HasIndex(c => c.Sequence);
        });
        modelBuilder.Entity<NodeSigningKey>(entity =>
        {
            entity.ToTable("audit_signing_key");
            entity.Property(k => k.Id).ValueGeneratedNever();
            entity.Property(k => k.KeyId).HasMaxLength(64);
        });
        modelBuilder.Entity<WitnessReport>(entity =>
        {
            entity.ToTable("audit_witness_reports");
            entity.Property(w => w.Witness).HasMaxLength(200);
            entity.Property(w => w.RootHash).HasMaxLength(64);
            entity.HasIndex(w => new { w.Witness, w.ReceivedAt });
        });
    }
}
