using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Members;

/// <summary>How the store keeps organisations, communities, users and API keys.</summary>
internal static class MembersModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Organisation>(entity =>
        {
            entity.ToTable("organisations");
            entity.Property(o => o.Id).ValueGeneratedNever();
            entity.Property(o => o.Name).HasMaxLength(200);
            entity.Property(o => o.Sector).HasConversion<string>().HasMaxLength(32);
            entity.Property(o => o.Country).HasMaxLength(2);
            entity.Property(o => o.HomeNode).HasMaxLength(200);
            entity.Property(o => o.SpokenForBy).HasMaxLength(200);
            entity.HasIndex(o => o.Name).IsUnique();
        });
        modelBuilder.Entity<Community>(entity =>
        {
            entity.ToTable("communities");
            entity.Property(c => c.Id).ValueGeneratedNever();
            entity.Property(c => c.Name).HasMaxLength(200);
            entity.HasIndex(c => c.Name).IsUnique();
            entity.HasMany(c => c.Members).WithOne().HasForeignKey(m => m.CommunityId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CommunityMember>(entity =>
        {
            entity.ToTable("community_members");
            entity.HasKey(m => new { m.CommunityId, m.OrganisationId });
            entity.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            entity.HasIndex(m => m.OrganisationId);
        });
        modelBuilder.Entity<User>(entity =>
        {
            entity.ToTable("users");
            entity.Property(u => u.Id).ValueGeneratedNever();
            entity.Property(u => u.Email).HasMaxLength(254);
            entity.Property(u => u.DisplayName).HasMaxLength(200);
            entity.HasIndex(u => u.Email).IsUnique();
            entity.HasOne<Organisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ApiKey>(entity =>
        {
            entity.ToTable("api_keys");
            entity.Property(k => k.Id).ValueGeneratedNever();
            entity.Property(k => k.Name).HasMaxLength(200);
            entity.Property(k => k.Prefix).HasMaxLength(16);
            entity.HasIndex(k => k.Prefix);
            entity.HasIndex(k => k.OrganisationId);
            entity.HasOne<Organisation>().WithMany().HasForeignKey(k => k.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
