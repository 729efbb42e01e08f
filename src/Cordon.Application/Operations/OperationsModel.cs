using Cordon.Application.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Operations;

/// <summary>How the store keeps operations, their participants, targets, tasks, results and timeline.</summary>
internal static class OperationsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Operation>(entity =>
        {
            entity.ToTable("operations");
            entity.Property(o => o.Id).ValueGeneratedNever();
            entity.Property(o => o.Name).HasMaxLength(200);
            entity.Property(o => o.Objectives).HasMaxLength(4000);
            entity.Property(o => o.Countries).HasMaxLength(800);
            entity.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            entity.Property(o => o.CreatedBy).HasMaxLength(200);
            entity.Property(o => o.OriginNode).HasMaxLength(200);
            entity.Property(o => o.FormerNodes).HasMaxLength(4000);
            entity.Property(o => o.Version).IsConcurrencyToken();
            entity.HasOne<Organisation>().WithMany().HasForeignKey(o => o.LeadOrganisationId).OnDelete(DeleteBehavior.Restrict);
            entity.HasMany(o => o.Participants).WithOne().HasForeignKey(p => p.OperationId).OnDelete(DeleteBehavior.Cascade);
            entity.HasMany(o => o.Targets).WithOne().HasForeignKey(t => t.OperationId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(o => o.ChangedAt);
            entity.HasIndex(o => o.DateAdded);
        });
        modelBuilder.Entity<OperationParticipant>(entity =>
        {
            entity.ToTable("operation_participants");
            entity.HasKey(p => new { p.OperationId, p.OrganisationId });
            entity.Property(p => p.Role).HasConversion<string>().HasMaxLength(16);
            entity.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            entity.HasIndex(p => p.OrganisationId);
        });
        modelBuilder.Entity<OperationTarget>(entity =>
        {
            entity.ToTable("operation_targets");
            entity.Property(t => t.Id).ValueGeneratedNever();
            entity.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
            entity.Property(t => t.RingCases).HasMaxLength(40000);
            entity.HasIndex(t => new { t.OperationId, t.Kind, t.ItemId }).IsUnique();
        });
        modelBuilder.Entity<OperationTask>(entity =>
        {
            entity.ToTable("operation_tasks");
            entity.Property(t => t.Id).ValueGeneratedNever();
            entity.Property(t => t.Title).HasMaxLength(500);
            entity.Property(t => t.State).HasConversion<string>().HasMaxLength(16);
            entity.Property(t => t.Note).HasMaxLength(2000);
            entity.HasOne<Operation>().WithMany().HasForeignKey(t => t.OperationId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(t => t.OperationId);
        });
        modelBuilder.Entity<OperationResult>(entity =>
        {
            entity.ToTable("operation_results");
            entity.Property(r => r.Id).ValueGeneratedNever();
            entity.Property(r => r.Country).HasMaxLength(2);
            entity.Property(r => r.Measure).HasConversion<string>().HasMaxLength(32);
            entity.Property(r => r.Quantity).HasPrecision(20, 4);
            entity.Property(r => r.Currency).HasMaxLength(3);
            entity.Property(r => r.Note).HasMaxLength(2000);
            entity.Property(r => r.ReportedBy).HasMaxLength(200);
            entity.Property(r => r.OriginNode).HasMaxLength(200);
            entity.HasOne<Operation>().WithMany().HasForeignKey(r => r.OperationId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(r => r.OperationId);
            entity.HasIndex(r => r.DateAdded);
        });
        modelBuilder.Entity<OperationUpdate>(entity =>
        {
            entity.ToTable("operation_updates");
            entity.Property(u => u.Id).ValueGeneratedNever();
            entity.Property(u => u.Actor).HasMaxLength(200);
            entity.Property(u => u.Kind).HasMaxLength(32);
            entity.Property(u => u.Text).HasMaxLength(2000);
            entity.HasOne<Operation>().WithMany().HasForeignKey(u => u.OperationId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(u => u.OperationId);
        });
    }
}
