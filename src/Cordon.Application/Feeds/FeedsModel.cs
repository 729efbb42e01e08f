using Cordon.Application.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Feeds;

/// <summary>How the store keeps feeds and their cursors.</summary>
internal static class FeedsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Feed>(entity =>
        {
            entity.ToTable("feeds");
            entity.Property(f => f.Id).ValueGeneratedNever();
            entity.Property(f => f.Name).HasMaxLength(200);
            entity.Property(f => f.Kind).HasConversion<string>().HasMaxLength(8);
            entity.Property(f => f.Location).HasMaxLength(2048);
            entity.Property(f => f.Type).HasConversion<string>().HasMaxLength(16);
            entity.Property(f => f.Tlp).HasConversion<string>().HasMaxLength(16);
            entity.Property(f => f.Distribution).HasConversion<string>().HasMaxLength(16);
            entity.Property(f => f.CollectionId).HasMaxLength(200);
            entity.Property(f => f.Username).HasMaxLength(200);
            entity.Property(f => f.Secret).HasMaxLength(1000);
            entity.Property(f => f.LastError).HasMaxLength(2000);
            entity.HasOne<Organisation>().WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            entity.HasIndex(f => f.Name).IsUnique();
            entity.HasIndex(f => f.OrganisationId).IsUnique();
        });
    }
}
