using System.Data.Common;
using System.Reflection;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Core.Identifiers;
using Cordon.Core.Screening;
using Cordon.Core.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Cordon.Application.Screening;

/// <summary>
/// Every active indicator as an index entry, in one unordered scan. EF Core writes the query; its rows are read with
/// the provider's own data reader rather than EF Core's materialiser, which cost a fifth of the client's processor time
/// over ten million rows (docs/benchmarks.md). Each value is converted as EF Core converts it, with its property's
/// value converter where the model has one (enums stored as names; on SQLite, times stored as numbers).
/// </summary>
internal static class ActiveIndicatorScan
{
    // The columns in the order the query projects them, checked against the reader's names before the first row.
    private static readonly string[] Columns =
        ["Id", "Type", "Value", "OrganisationId", "Tlp", "Distribution", "CategoryFlags", "Confidence", "FirstSeen", "LastSeen", "ValidUntil"];

    /// <summary>
    /// PostgreSQL joins the indicators to their observables by hashing the observables, some 80 bytes each. With the
    /// default 4 MB of working memory, the hash of a store of 10 million spills to disk in 128 batches, and the join
    /// takes half as long again as in memory. For the scan's transaction only, it may use up to 1 GB; a hash takes only
    /// the memory its rows need. (A parallel plan, tried too, made the 10M build no faster: the server's reading shares
    /// the same two cores.)
    /// </summary>
    private const string ScanMemory = "SET LOCAL work_mem = '1GB'";

    public static IEnumerable<IndexEntry> Read(CordonDb db)
    {
        var query = db.Indicators.AsNoTracking().Where(i => i.RevokedAt == null)
            .Select(i => new
            {
                i.Id,
                i.Observable.Type,
                i.Observable.Value,
                i.OrganisationId,
                i.Tlp,
                i.Distribution,
                i.CategoryFlags,
                i.Confidence,
                i.FirstSeen,
                i.LastSeen,
                i.ValidUntil,
            });
        var indicator = db.Model.FindEntityType(typeof(Indicator))!;
        var observable = db.Model.FindEntityType(typeof(Observable))!;
        var type = ValueOf<IdentifierType>(observable.FindProperty(nameof(Observable.Type))!);
        var tlp = ValueOf<Tlp>(indicator.FindProperty(nameof(Indicator.Tlp))!);
        var distribution = ValueOf<Distribution>(indicator.FindProperty(nameof(Indicator.Distribution))!);
        var firstSeen = ValueOf<DateTimeOffset>(indicator.FindProperty(nameof(Indicator.FirstSeen))!);
        var lastSeen = ValueOf<DateTimeOffset>(indicator.FindProperty(nameof(Indicator.LastSeen))!);
        var validUntil = ValueOf<DateTimeOffset>(indicator.FindProperty(nameof(Indicator.ValidUntil))!);

        // On SQLite a transaction would be an immediate one, holding off writers for the whole scan.
        using var transaction = db.Provider == StoreProvider.Postgres ? db.Database.BeginTransaction() : null;
        if (transaction is not null)
        {
            db.Database.ExecuteSqlRaw(ScanMemory);
        }
        using var command = query.CreateDbCommand();
        command.Transaction = transaction?.GetDbTransaction();
        db.Database.OpenConnection();
        try
        {
            using var reader = command.ExecuteReader();
            for (var column = 0; column < Columns.Length; column++)
            {
                if (reader.GetName(column) != Columns[column])
                {
                    throw new InvalidOperationException($"The scan's column {column} is {reader.GetName(column)}, not {Columns[column]}.");
                }
            }
            while (reader.Read())
            {
                yield return new IndexEntry(reader.GetFieldValue<Guid>(0), type(reader, 1), reader.GetString(2), reader.GetFieldValue<Guid>(3),
                    tlp(reader, 4), distribution(reader, 5), Array.Empty<Guid>(), reader.GetInt32(6), reader.GetInt32(7), firstSeen(reader, 8),
                    lastSeen(reader, 9), reader.IsDBNull(10) ? null : validUntil(reader, 10), false);
            }
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    /// <summary>Reads a column of the property's type, through its value converter where it has one.</summary>
    private static Func<DbDataReader, int, T> ValueOf<T>(IProperty property)
    {
        var converter = property.GetTypeMapping().Converter;
        if (converter is null)
        {
            return static (reader, ordinal) => reader.GetFieldValue<T>(ordinal);
        }
        var typed = typeof(ActiveIndicatorScan).GetMethod(nameof(Converted), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(typeof(T), converter.ProviderClrType);
        return (Func<DbDataReader, int, T>)typed.Invoke(null, [converter])!;
    }

    private static Func<DbDataReader, int, TModel> Converted<TModel, TProvider>(ValueConverter converter)
    {
        var convert = ((ValueConverter<TModel, TProvider>)converter).ConvertFromProviderTyped;
        return (reader, ordinal) => convert(reader.GetFieldValue<TProvider>(ordinal));
    }
}
