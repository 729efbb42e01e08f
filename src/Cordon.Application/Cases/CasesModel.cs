using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Cases;

/// <summary>How the store keeps cases, their communities, identifiers, notes and attachments, and non-correlating values.</summary>
internal static class CasesModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Case>(entity =>
        {
            entity.ToTable("cases");
            entity.Property(c => c.Id).ValueGeneratedNever();
            entity.Property(c => c.Category).HasConversion<string>().HasMaxLength(32);
            entity.Property(c => c.LossAmount).HasPrecision(20, 4);
            entity.Property(c => c.LossCurrency).HasMaxLength(3);
            entity.Property(c => c.VictimCountry).HasMaxLength(2);
            entity.Property(c => c.Reference).HasMaxLength(200);
            entity.Property(c => c.Summary).HasMaxLength(4000);
            entity.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
            entity.Property(c => c.Tlp).HasConversion<string>().HasMaxLength(16);
            entity.Property(c => c.Distribution).HasConversion<string>().HasMaxLength(16);
            entity.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            entity.HasMany(c => c.Communities).WithOne().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
            entity.HasMany(c => c.Identifiers).WithOne().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(c => c.OrganisationId);
        });
        modelBuilder.Entity<CaseCommunity>(entity =>
        {
            entity.ToTable("case_communities");
            entity.HasKey(c => new { c.CaseId, c.CommunityId });
            entity.HasOne<Community>().WithMany().HasForeignKey(c => c.CommunityId).OnDelete(DeleteBehavior.Restrict);
            entity.HasIndex(c => c.CommunityId);
        });
        modelBuilder.Entity<CaseIdentifier>(entity =>
        {
            entity.ToTable("case_identifiers");
            entity.HasKey(c => new { c.CaseId, c.ObservableId });
            entity.HasOne(c => c.Observable).WithMany().HasForeignKey(c => c.ObservableId).OnDelete(DeleteBehavior.Restrict);
            entity.HasIndex(c => c.ObservableId);
            entity.HasIndex(c => c.Sequence);
        });
        modelBuilder.Entity<CaseNote>(entity =>
        {
            entity.ToTable("case_notes");
            entity.Property(n => n.Id).ValueGeneratedNever();
            entity.Property(n => n.Author).HasMaxLength(200);
            entity.Property(n => n.Text).HasMaxLength(4000);
            entity.HasOne<Case>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(n => n.CaseId);
        });
        modelBuilder.Entity<CaseAttachment>(entity =>
        {
            entity.ToTable("case_attachments");
            entity.Property(a => a.Id).ValueGeneratedNever();
            entity.Property(a => a.FileName).HasMaxLength(255);
            entity.Property(a => a.MediaType).HasMaxLength(127);
            entity.Property(a => a.Sha256).HasMaxLength(64);
            entity.Property(a => a.Author).HasMaxLength(200);
            entity.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(a => a.CaseId);
        });
        modelBuilder.Entity<NonCorrelatingObservable>(entity =>
        {
            entity.ToTable("non_correlating_observables");
            entity.HasKey(n => n.ObservableId);
            entity.HasOne<Observable>().WithMany().HasForeignKey(n => n.ObservableId).OnDelete(DeleteBehavior.Cascade);
            entity.Property(n => n.Reason).HasMaxLength(1000);
            entity.Property(n => n.MarkedBy).HasMaxLength(200);
        });
    }
}
