using Cordon.Application.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Federation;

/// <summary>How the store keeps peers, TAXII statuses and kept STIX objects.</summary>
internal static class FederationModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FederationPeer>(entity =>
        {
            entity.ToTable("federation_peers");
            entity.Property(p => p.Id).ValueGeneratedNever();
            entity.Property(p => p.Name).HasMaxLength(200);
            entity.Property(p => p.ApiRoot).HasMaxLength(2048);
            entity.Property(p => p.CollectionId).HasMaxLength(200);
            entity.Property(p => p.Direction).HasConversion<string>().HasMaxLength(8);
            entity.Property(p => p.Username).HasMaxLength(200);
            entity.Property(p => p.Secret).HasMaxLength(1000);
            entity.Property(p => p.PullCursor).HasMaxLength(40);
            entity.Property(p => p.LastError).HasMaxLength(2000);
            entity.Property(p => p.AuditAlarm).HasMaxLength(2000);
            entity.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            entity.HasIndex(p => p.Name).IsUnique();
            entity.HasIndex(p => p.OrganisationId).IsUnique();
        });
        modelBuilder.Entity<TaxiiStatus>(entity =>
        {
            entity.ToTable("taxii_statuses");
            entity.Property(s => s.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<KeptStixObject>(entity =>
        {
            entity.ToTable("kept_stix_objects");
            entity.HasKey(k => k.StixId);
            entity.Property(k => k.StixId).HasMaxLength(300);
            entity.Property(k => k.Type).HasMaxLength(250);
            entity.Property(k => k.Tlp).HasConversion<string>().HasMaxLength(16);
            entity.Property(k => k.Reason).HasMaxLength(1000);
            entity.Property(k => k.OriginNode).HasMaxLength(200);
            entity.HasIndex(k => k.ReceivedAt);
        });
    }
}
