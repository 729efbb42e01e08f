using Cordon.Application.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Indicators;

/// <summary>How the store keeps observables, indicators, their communities, sightings and false-positive reports.</summary>
internal static class IndicatorsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Observable>(entity =>
        {
            entity.ToTable("observables");
            entity.Property(o => o.Id).ValueGeneratedNever();
            entity.Property(o => o.Type).HasConversion<string>().HasMaxLength(16);
            entity.Property(o => o.Value).HasMaxLength(2048);
            entity.Property(o => o.Display).HasMaxLength(2048);
            entity.Property(o => o.RegistrableDomain).HasMaxLength(253);
            entity.HasIndex(o => new { o.Type, o.Value }).IsUnique();
            entity.HasIndex(o => o.RegistrableDomain);
        });
        modelBuilder.Entity<Indicator>(entity =>
        {
            entity.ToTable("indicators");
            entity.Property(i => i.Id).ValueGeneratedNever();
            entity.Property(i => i.OriginalValue).HasMaxLength(2048);
            entity.Property(i => i.Tlp).HasConversion<string>().HasMaxLength(16);
            entity.Property(i => i.Distribution).HasConversion<string>().HasMaxLength(16);
            entity.HasOne(i => i.Observable).WithMany().HasForeignKey(i => i.ObservableId).OnDelete(DeleteBehavior.Restrict);
            entity.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            entity.HasMany(i => i.Communities).WithOne().HasForeignKey(c => c.IndicatorId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(i => new { i.ObservableId, i.OrganisationId }).IsUnique();
            entity.HasIndex(i => i.OrganisationId);
            entity.HasIndex(i => i.ChangeSequence);
            entity.Property(i => i.OriginNode).HasMaxLength(200);
            entity.HasIndex(i => new { i.DateAdded, i.Id });
        });
        modelBuilder.Entity<IndicatorCommunity>(entity =>
        {
            entity.ToTable("indicator_communities");
            entity.HasKey(c => new { c.IndicatorId, c.CommunityId });
            entity.HasOne<Community>().WithMany().HasForeignKey(c => c.CommunityId).OnDelete(DeleteBehavior.Restrict);
            entity.HasIndex(c => c.CommunityId);
        });
        modelBuilder.Entity<Sighting>(entity =>
        {
            entity.ToTable("sightings");
            entity.Property(s => s.Id).ValueGeneratedNever();
            entity.Property(s => s.Where).HasMaxLength(200);
            entity.HasOne<Indicator>().WithMany().HasForeignKey(s => s.IndicatorId).OnDelete(DeleteBehavior.Cascade);
            entity.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            entity.HasIndex(s => s.IndicatorId);
        });
        modelBuilder.Entity<FalsePositiveReport>(entity =>
        {
            entity.ToTable("false_positive_reports");
            entity.Property(f => f.Id).ValueGeneratedNever();
            entity.Property(f => f.Reason).HasMaxLength(1000);
            entity.HasOne<Indicator>().WithMany().HasForeignKey(f => f.IndicatorId).OnDelete(DeleteBehavior.Cascade);
            entity.HasOne<Organisation>().WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            entity.HasIndex(f => f.IndicatorId);
        });
    }
}
