using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Screening;

/// <summary>How the store keeps interceptions (screenings with a channel and their reported outcome).</summary>
internal static class ScreeningModel
{
    public static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<Interception>(entity =>
    {
        entity.ToTable("interceptions");
        entity.Property(i => i.Id).ValueGeneratedNever();
        entity.Property(i => i.Channel).HasConversion<string>().HasMaxLength(16);
        entity.Property(i => i.Outcome).HasConversion<string>().HasMaxLength(16);
        entity.Property(i => i.Verdict).HasConversion<string>().HasMaxLength(16);
        entity.Property(i => i.IdentifierType).HasConversion<string>().HasMaxLength(32);
        entity.Property(i => i.Amount).HasPrecision(20, 4);
        entity.Property(i => i.Currency).HasMaxLength(3);
        entity.HasOne<Members.Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        entity.HasIndex(i => new { i.OrganisationId, i.ScreenedAt });
        entity.HasIndex(i => i.ScreenedAt);
    });
}
