using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Cordon.Application.Data;

public sealed class PostgresCordonDb(DbContextOptions<PostgresCordonDb> options) : CordonDb(options)
{
    public override StoreProvider Provider => StoreProvider.Postgres;

    /// <summary>
    /// <c>timestamptz</c> takes UTC only (Npgsql refuses any other offset), while callers send times in their own zone
    /// (<c>2026-12-01T09:00:00+08:00</c>): every time is written as the same instant in UTC.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<InUtc>();
    }

    private sealed class InUtc() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}
