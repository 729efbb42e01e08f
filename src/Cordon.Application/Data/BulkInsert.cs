using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cordon.Application.Data;

/// <summary>
/// Inserts many rows of one entity type with multi-row <c>INSERT</c> statements inside the context's current
/// transaction, without change tracking: tracking hundreds of thousands of entities costs seconds of processor time and
/// a heap that every collection has to walk. Values go through the model's own type mappings and converters, so the
/// rows read back through EF Core exactly as if EF Core had written them.
/// </summary>
public static class BulkInsert
{
    // SQLite allows 32,766 parameters per statement, PostgreSQL 65,535.
    private const int MaxParameters = 8_000;

    public static async Task InsertAsync<T>(CordonDb db, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().ToArray();
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var getters = properties.Select(p => p.GetGetter()).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        var rowsPerStatement = Math.Max(1, MaxParameters / properties.Length);
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            for (var start = 0; start < rows.Count; start += rowsPerStatement)
            {
                var count = Math.Min(rowsPerStatement, rows.Count - start);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = Statement(sql, table, properties, count);
                for (var r = 0; r < count; r++)
                {
                    for (var p = 0; p < properties.Length; p++)
                    {
                        // CreateParameter applies the mapping's value converter.
                        command.Parameters.Add(mappings[p].CreateParameter(command, ParameterName(r, p, properties.Length),
                            getters[p].GetClrValue(rows[start + r]), properties[p].IsNullable));
                    }
                }
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Statement(ISqlGenerationHelper sql, StoreObjectIdentifier table, IProperty[] properties, int rows)
    {
        var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))).Append(") VALUES ");
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var p = 0; p < properties.Length; p++)
            {
                text.Append(p == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(ParameterName(r, p, properties.Length)));
            }
            text.Append(')');
        }
        return text.ToString();
    }

    private static string ParameterName(int row, int property, int properties) =>
        string.Create(CultureInfo.InvariantCulture, $"p{(row * properties) + property}");
}
