using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cordon.Application.Data;

/// <summary>The one place where the provider is chosen. Options are built once and shared by every context.</summary>
public sealed class CordonDbFactory
{
    private readonly Func<CordonDb> create;

    public CordonDbFactory(StoreOptions options)
    {
        Options = options;
        create = options.Provider switch
        {
            StoreProvider.Sqlite => Build<SqliteCordonDb>(b => b.UseSqlite(options.ConnectionString), o => new SqliteCordonDb(o)),
            StoreProvider.Postgres => Build<PostgresCordonDb>(b => b.UseNpgsql(options.ConnectionString), o => new PostgresCordonDb(o)),
        };
    }

    public StoreOptions Options { get; }

    public CordonDb Create() => create();

    private static Func<CordonDb> Build<T>(Action<DbContextOptionsBuilder<T>> useProvider, Func<DbContextOptions<T>, T> construct)
        where T : CordonDb
    {
        var builder = new DbContextOptionsBuilder<T>();
        useProvider(builder);
        // Migrations are written by hand (the EF design package is not available), so there is no model snapshot.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        var options = builder.Options;
        return () => construct(options);
    }

    /// <summary>Creates the SQLite folder if needed and applies every migration.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (Options.Provider == StoreProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(Options.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder) && file != ":memory:")
            {
                Directory.CreateDirectory(folder);
            }
        }
        await using var db = Create();
        await db.Database.MigrateAsync(cancellationToken);
        if (Options.Provider == StoreProvider.Sqlite)
        {
            // Write-ahead logging lets readers go on while one writer commits.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
