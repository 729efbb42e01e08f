using Cordon.Application.Audit;
using Cordon.Application.Data;
using Cordon.Core.Errors;
using Cordon.Core.Members;

namespace Cordon.Application.Indicators.Import;

/// <summary>How far an import has got, and the rows refused since the last report (of the first <see cref="ImportReport.MaxErrors"/>).</summary>
public readonly record struct ImportProgress(long Rows, long Bytes, long Rejected, IReadOnlyList<ImportError> Refused);

/// <summary>
/// Imports a whole file in one transaction: good rows are written in chunks (to bound memory), bad rows are reported
/// with their line number, and the file is committed with one audit record, or not at all. Rows for an observable the
/// organisation already reported update that report, so importing the same file again changes nothing but times.
/// </summary>
public sealed class IndicatorImporter(CordonDb db, AuditLog audit, IndicatorWriter writer, TimeProvider clock)
{
    public const int ChunkSize = 5000;
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(200);

    public async Task<ImportReport> ImportAsync(Actor actor, Stream file, ImportFormat format, ImportDefaults defaults, string source,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Contribute);
        var started = clock.GetTimestamp();
        var submitter = await writer.SubmitterAsync(actor.OrganisationId, cancellationToken);
        await using var hashing = new Sha256ReadStream(file);
        return await audit.WriteAsync(actor, async () =>
        {
            var counts = new Counts();
            var errors = new List<ImportError>();
            var chunk = new List<PreparedIndicator>(ChunkSize);
            long bytes = 0;
            var told = 0;
            var lastReport = clock.GetTimestamp();
            void Report()
            {
                progress?.Report(new ImportProgress(counts.Rows, bytes, counts.Rejected, errors[told..]));
                told = errors.Count;
                lastReport = clock.GetTimestamp();
            }
            await foreach (var row in ImportRows.ReadAsync(hashing, format, defaults, read => bytes = read, cancellationToken))
            {
                counts.Rows++;
                var error = row.Error;
                if (error is null)
                {
                    try
                    {
                        chunk.Add(writer.Prepare(checked((int)row.Line), row.Submission!, submitter));
                    }
                    catch (InvalidInputException invalid)
                    {
                        error = invalid.Message;
                    }
                }
                if (error is not null)
                {
                    counts.Rejected++;
                    if (errors.Count < ImportReport.MaxErrors)
                    {
                        errors.Add(new ImportError(row.Line, error));
                    }
                }
                if (chunk.Count == ChunkSize)
                {
                    await FlushAsync(actor.OrganisationId, chunk, counts, cancellationToken);
                }
                // Every thousand rows, and soon after a refusal, so that a watcher sees refused rows as they come.
                if (progress is not null && (counts.Rows % 1000 == 0 || (errors.Count > told && clock.GetElapsedTime(lastReport) > ReportEvery)))
                {
                    Report();
                }
            }
            await FlushAsync(actor.OrganisationId, chunk, counts, cancellationToken);
            Report();
            var report = new ImportReport(hashing.HexDigest(), counts.Rows, counts.Created, counts.Updated, counts.Rejected, errors,
                clock.GetElapsedTime(started));
            return new AuditedChange<ImportReport>(report, "indicator.import", "indicator", [], new
            {
                Source = source,
                Format = format.ToString(),
                report.Sha256,
                report.Rows,
                report.Created,
                report.Updated,
                report.Rejected,
            });
        }, cancellationToken);
    }

    private sealed class Counts
    {
        public long Rows;
        public long Created;
        public long Updated;
        public long Rejected;
    }

    private async Task FlushAsync(Guid organisationId, List<PreparedIndicator> chunk, Counts counts, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return;
        }
        await writer.ApplyAsync(organisationId, chunk, (_, status, _) =>
        {
            if (status == SubmissionStatus.Created)
            {
                counts.Created++;
            }
            else
            {
                counts.Updated++;
            }
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // Written rows stay in the transaction; forgetting them keeps memory flat over millions of rows.
        db.ChangeTracker.Clear();
        chunk.Clear();
    }
}
