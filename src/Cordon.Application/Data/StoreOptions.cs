using Microsoft.Extensions.Configuration;

namespace Cordon.Application.Data;

/// <summary>
/// Which store a node uses: configuration <c>Cordon:Database:Provider</c> (sqlite | postgres) and
/// <c>Cordon:Database:ConnectionString</c>, also as the environment variables <c>Cordon__Database__Provider</c> and
/// <c>Cordon__Database__ConnectionString</c>.
/// </summary>
public sealed record StoreOptions(StoreProvider Provider, string ConnectionString)
{
    public const string DefaultSqlite = "Data Source=./data/cordon.db";

    public static StoreOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Cordon:Database");
        var providerName = section["Provider"];
        var provider = providerName?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => StoreProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => StoreProvider.Postgres,
            _ => throw new InvalidOperationException(
                $"Cordon:Database:Provider must be 'sqlite' or 'postgres', not '{providerName}'."),
        };
        var connectionString = section["ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == StoreProvider.Sqlite
                ? DefaultSqlite
                : throw new InvalidOperationException("Cordon:Database:ConnectionString is required for PostgreSQL.");
        }
        return new StoreOptions(provider, connectionString);
    }
}
