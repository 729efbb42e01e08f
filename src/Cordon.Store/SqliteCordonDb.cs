using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Cordon.Store;

/// <summary>The model on SQLite: times are kept as UTC ticks so that they sort and compare in SQL.</summary>
public sealed class SqliteCordonDb(DbContextOptions<SqliteCordonDb> options) : CordonDb(options)
{
    public override StoreProvider Provider => StoreProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
