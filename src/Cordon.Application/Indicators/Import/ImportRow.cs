namespace Cordon.Application.Indicators.Import;

/// <summary>A row read from a file: a submission, or the reason it could not be read. Lines count from 1.</summary>
public sealed record ImportRow(long Line, IndicatorSubmission? Submission, string? Error);

/// <summary>A rejected row.</summary>
public sealed record ImportError(long Line, string Reason);

/// <summary>The outcome of one import.</summary>
public sealed record ImportReport(
    string Sha256,
    long Rows,
    long Created,
    long Updated,
    long Rejected,
    IReadOnlyList<ImportError> Errors,
    TimeSpan Elapsed)
{
    /// <summary>At most this many errors are kept in a report; the counts are always complete.</summary>
    public const int MaxErrors = 1000;

    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : Rows;
}
