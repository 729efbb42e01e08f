using Cordon.Application.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Bulletins;

/// <summary>How the store keeps bulletins, their texts, links, communities and acknowledgements.</summary>
internal static class BulletinsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Bulletin>(entity =>
        {
            entity.ToTable("bulletins");
            entity.Property(b => b.Id).ValueGeneratedNever();
            entity.Property(b => b.Author).HasMaxLength(200);
            entity.Property(b => b.Severity).HasConversion<string>().HasMaxLength(16);
            entity.Property(b => b.Countries).HasMaxLength(800);
            entity.Property(b => b.Sectors).HasMaxLength(200);
            entity.Property(b => b.Tlp).HasConversion<string>().HasMaxLength(16);
            entity.Property(b => b.Distribution).HasConversion<string>().HasMaxLength(16);
            entity.HasOne<Organisation>().WithMany().HasForeignKey(b => b.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            entity.HasMany(b => b.Communities).WithOne().HasForeignKey(c => c.BulletinId).OnDelete(DeleteBehavior.Cascade);
            entity.HasMany(b => b.Texts).WithOne().HasForeignKey(t => t.BulletinId).OnDelete(DeleteBehavior.Cascade);
            entity.HasMany(b => b.Links).WithOne().HasForeignKey(l => l.BulletinId).OnDelete(DeleteBehavior.Cascade);
            entity.Property(b => b.OriginNode).HasMaxLength(200);
            entity.HasIndex(b => b.PublishedAt);
            entity.HasIndex(b => b.DateAdded);
        });
        modelBuilder.Entity<BulletinCommunity>(entity =>
        {
            entity.ToTable("bulletin_communities");
            entity.HasKey(c => new { c.BulletinId, c.CommunityId });
            entity.HasOne<Community>().WithMany().HasForeignKey(c => c.CommunityId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<BulletinText>(entity =>
        {
            entity.ToTable("bulletin_texts");
            entity.HasKey(t => new { t.BulletinId, t.Language });
            entity.Property(t => t.Language).HasMaxLength(16);
            entity.Property(t => t.Title).HasMaxLength(200);
            entity.Property(t => t.Summary).HasMaxLength(1000);
            entity.Property(t => t.Body).HasMaxLength(20000);
            entity.Property(t => t.Actions).HasMaxLength(4000);
        });
        modelBuilder.Entity<BulletinLink>(entity =>
        {
            entity.ToTable("bulletin_links");
            entity.HasKey(l => new { l.BulletinId, l.ItemType, l.ItemId });
            entity.Property(l => l.ItemType).HasMaxLength(16);
        });
        modelBuilder.Entity<BulletinAttachment>(entity =>
        {
            entity.ToTable("bulletin_attachments");
            entity.Property(a => a.Id).ValueGeneratedNever();
            entity.Property(a => a.FileName).HasMaxLength(255);
            entity.Property(a => a.MediaType).HasMaxLength(127);
            entity.Property(a => a.Sha256).HasMaxLength(64);
            entity.Property(a => a.Author).HasMaxLength(200);
            entity.HasOne<Bulletin>().WithMany().HasForeignKey(a => a.BulletinId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(a => a.BulletinId);
        });
        modelBuilder.Entity<BulletinAcknowledgement>(entity =>
        {
            entity.ToTable("bulletin_acknowledgements");
            entity.HasKey(a => new { a.BulletinId, a.OrganisationId, a.Kind });
            entity.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
            entity.Property(a => a.Note).HasMaxLength(2000);
            entity.Property(a => a.By).HasMaxLength(200);
            entity.HasOne<Bulletin>().WithMany().HasForeignKey(a => a.BulletinId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
