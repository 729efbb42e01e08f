using Cordon.Application.Federation;
using Cordon.Application.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Cordon.Application.Data;

/// <summary>The model on SQLite: times are kept as UTC ticks so that they sort and compare in SQL.</summary>
public sealed class SqliteCordonDb(DbContextOptions<SqliteCordonDb> options) : CordonDb(options)
{
    public override StoreProvider Provider => StoreProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // The binary form keeps 0.1 ms; TAXII's date_added needs every microsecond, so these are kept as UTC ticks.
        var ticks = new ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        modelBuilder.Entity<Indicator>().Property(i => i.DateAdded).HasConversion(ticks);
        modelBuilder.Entity<FederationPeer>().Property(p => p.PushCursor).HasConversion(ticks);
        modelBuilder.Entity<Bulletins.Bulletin>().Property(b => b.DateAdded).HasConversion(ticks);
        modelBuilder.Entity<Operations.Operation>().Property(o => o.DateAdded).HasConversion(ticks);
        modelBuilder.Entity<Operations.OperationResult>().Property(r => r.DateAdded).HasConversion(ticks);
    }
}
