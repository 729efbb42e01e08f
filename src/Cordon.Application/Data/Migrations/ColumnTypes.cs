namespace Cordon.Application.Data.Migrations;

/// <summary>
/// Store types per provider, so that one hand-written schema step serves both providers' migrations.
/// </summary>
public sealed record ColumnTypes(string Guid, string Text, string Timestamp, string Int, string Long, string Bool, string Bytes, string Decimal)
{
    public static readonly ColumnTypes Sqlite = new("TEXT", "TEXT", "INTEGER", "INTEGER", "INTEGER", "INTEGER", "BLOB", "TEXT");

    public static readonly ColumnTypes Postgres = new(
        "uuid", "text", "timestamp with time zone", "integer", "bigint", "boolean", "bytea", "numeric(20,4)");
}
