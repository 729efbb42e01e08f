using Cordon.Application.Data;
using Npgsql;

namespace Cordon.Testing;

/// <summary>
/// A throwaway store for one test class: a temporary SQLite file, or a fresh database on the PostgreSQL server that the
/// test script started (CORDON_TEST_PROVIDER=postgres, CORDON_TEST_POSTGRES=connection string).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? sqliteFile;
    private readonly string? postgresDatabase;

    private TestDatabase(StoreOptions options, string? sqliteFile, string? postgresDatabase)
    {
        Options = options;
        this.sqliteFile = sqliteFile;
        this.postgresDatabase = postgresDatabase;
    }

    public StoreOptions Options { get; }

    public static StoreProvider Provider =>
        string.Equals(Environment.GetEnvironmentVariable("CORDON_TEST_PROVIDER"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? StoreProvider.Postgres
            : StoreProvider.Sqlite;

    public static Task<TestDatabase> CreateAsync() => CreateAsync(Provider);

    /// <summary>A store on the given provider, whatever CORDON_TEST_PROVIDER says (PostgreSQL still needs CORDON_TEST_POSTGRES).</summary>
    public static async Task<TestDatabase> CreateAsync(StoreProvider provider)
    {
        if (provider == StoreProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"cordon-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(new StoreOptions(StoreProvider.Sqlite, $"Data Source={file}"), file, null);
        }
        var server = Environment.GetEnvironmentVariable("CORDON_TEST_POSTGRES")
                     ?? throw new InvalidOperationException("CORDON_TEST_POSTGRES must name the test PostgreSQL server.");
        var name = $"cordon_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(new StoreOptions(StoreProvider.Postgres, builder.ConnectionString), null, name);
    }

    /// <summary>Creates the store and applies the migrations.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync()
    {
        var database = await CreateAsync();
        await new CordonDbFactory(database.Options).MigrateAsync();
        return database;
    }

    public CordonDb Open() => new CordonDbFactory(Options).Create();

    public async ValueTask DisposeAsync()
    {
        if (sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(sqliteFile + suffix);
            }
        }
        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("CORDON_TEST_POSTGRES"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
