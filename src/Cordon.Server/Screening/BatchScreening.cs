using System.Text;
using System.Text.Unicode;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Members;

namespace Cordon.Server.Screening;

/// <summary>
/// Screens a streamed batch: the body is read in chunks of lines, each chunk is screened on all cores (each worker
/// answering a contiguous share into its own buffer), and the answers are written in input order while the next chunk
/// is read and screened. A bad line gets an error answer, never a failure of the batch. The caller's access and
/// normalisation are resolved once, and a chunk's hits are handed to the sightings as its answers are sent.
/// </summary>
public sealed class BatchScreening(Screener screener, Caller request, bool csv, IdentifierType? defaultType)
{
    private const int MinimumLinesPerWorker = 512;
    private const int SharesPerCore = 4;
    private const int PrefetchAhead = 8;
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public async Task RunAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        var caller = screener.Caller(request);
        // Two sets of workers: one chunk's answers are sent while the next chunk is read and screened into the other
        // set, so that the cores do not wait for the client to take the answers in.
        Worker[][] sets = [Workers(), Workers()];
        var sending = Task.CompletedTask;
        var turn = 0;
        try
        {
            var reader = new LineChunks(input);
            string[]? header = null;
            IReadOnlyList<LineChunks.Line> chunk;
            while ((chunk = await reader.NextAsync(cancellationToken)).Count > 0)
            {
                var first = 0;
                if (csv && header is null)
                {
                    // The header is the first line with content; nothing is sent before it, so a bad one is a problem.
                    while (first < chunk.Count && Content(reader.Buffer, chunk[first]) is { IsEmpty: true, Error: null })
                    {
                        first++;
                    }
                    if (first == chunk.Count)
                    {
                        continue;
                    }
                    var line = Content(reader.Buffer, chunk[first++]);
                    header = BatchLines.CsvHeader(line.Error is null ? Encoding.UTF8.GetString(line.Bytes) : null);
                    await output.WriteAsync(Encoding.UTF8.GetBytes(BatchAnswers.CsvHeader + "\n"), cancellationToken);
                }
                var workers = sets[turn];
                var used = Screen(reader, chunk, first, header, caller, workers);
                if (used == 0)
                {
                    continue;
                }
                await sending;
                sending = SendAsync(caller, workers, used, output, cancellationToken);
                turn ^= 1;
            }
            await sending;
        }
        finally
        {
            // Nothing is still being sent from the workers' buffers once the batch has ended, even by an error.
            await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Four shares of a chunk per core, taken by the cores as they come free: with one share each, a core that had also
    /// to serve the network (or the client on the same machine) left the other idle at the end of every chunk.
    /// </summary>
    private Worker[] Workers() => [.. Enumerable.Range(0, Environment.ProcessorCount * SharesPerCore).Select(_ => new Worker(csv))];

    /// <summary>Screens a chunk's lines on all cores, each worker a contiguous share; returns how many workers were used.</summary>
    private int Screen(LineChunks reader, IReadOnlyList<LineChunks.Line> chunk, int first, string[]? header, ScreeningCaller caller,
        Worker[] workers)
    {
        var count = chunk.Count - first;
        if (count <= 0)
        {
            return 0;
        }
        var used = Math.Clamp(count / MinimumLinesPerWorker, 1, workers.Length);
        var share = (count + used - 1) / used;
        var now = screener.Now();
        Parallel.For(0, used, w =>
        {
            var worker = workers[w];
            worker.Answers.Buffer.ResetWrittenCount();
            worker.Hits.Clear();
            worker.Questions.Clear();
            for (var i = first + (w * share); i < Math.Min(chunk.Count, first + ((w + 1) * share)); i++)
            {
                var line = Content(reader.Buffer, chunk[i]);
                if (line is { IsEmpty: true, Error: null })
                {
                    continue;
                }
                var question = line.Error is not null ? new BatchQuestion(line.Number, null, null, line.Error)
                    : header is null ? BatchLines.FromJson(line.Number, line.Bytes, defaultType)
                    : BatchLines.FromCsv(line.Number, Encoding.UTF8.GetString(line.Bytes), header, defaultType);
                worker.Questions.Add(Normalised(question, caller));
            }
            Answer(caller, worker, now);
        });
        return used;
    }

    /// <summary>The workers' answers, in input order, to the client; their hits to the sightings.</summary>
    private async Task SendAsync(ScreeningCaller caller, Worker[] workers, int used, Stream output, CancellationToken cancellationToken)
    {
        for (var w = 0; w < used; w++)
        {
            screener.RecordSightings(caller, workers[w].Hits);
            await output.WriteAsync(workers[w].Answers.Buffer.WrittenMemory, cancellationToken);
        }
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>A line's bytes without a trailing CR (and, on line 1, a byte order mark), or why it cannot be read.</summary>
    private static LineContent Content(ReadOnlySpan<byte> buffer, LineChunks.Line line)
    {
        if (line.Error is not null)
        {
            return new LineContent(line.Number, default, line.Error);
        }
        var bytes = buffer.Slice(line.Start, line.Length);
        if (bytes is [.., (byte)'\r'])
        {
            bytes = bytes[..^1];
        }
        if (line.Number == 1 && bytes.StartsWith(Utf8Bom))
        {
            bytes = bytes[Utf8Bom.Length..];
        }
        return Utf8.IsValid(bytes) ? new LineContent(line.Number, bytes, null) : new LineContent(line.Number, default, "line is not valid UTF-8");
    }

    private readonly ref struct LineContent(long number, ReadOnlySpan<byte> bytes, string? error)
    {
        public long Number { get; } = number;
        public ReadOnlySpan<byte> Bytes { get; } = bytes;
        public string? Error { get; } = error;
        public bool IsEmpty => Bytes.IsEmpty;
    }

    /// <summary>The question with its identifier normalised, or with the reason it was refused.</summary>
    private static (BatchQuestion Question, Identifier? Identifier) Normalised(BatchQuestion question, ScreeningCaller caller)
    {
        if (question.Error is not null)
        {
            return (question, null);
        }
        try
        {
            return (question, Screener.Normalise(caller, question.Type, question.Value));
        }
        catch (InvalidInputException invalid)
        {
            return (question with { Error = invalid.Message }, null);
        }
    }

    /// <summary>
    /// Looks the share's identifiers up in order, each a few places after the processor was asked to fetch its slot,
    /// so that the index's cache misses overlap.
    /// </summary>
    private void Answer(ScreeningCaller caller, Worker worker, DateTimeOffset now)
    {
        var questions = worker.Questions;
        for (var i = 0; i < Math.Min(PrefetchAhead, questions.Count); i++)
        {
            Prefetch(questions[i].Identifier);
        }
        for (var i = 0; i < questions.Count; i++)
        {
            if (i + PrefetchAhead < questions.Count)
            {
                Prefetch(questions[i + PrefetchAhead].Identifier);
            }
            var (question, identifier) = questions[i];
            if (identifier is null)
            {
                worker.Answers.Write(question.Line, null, null, question.Error);
                continue;
            }
            worker.Answers.Write(question.Line, identifier, screener.Lookup(caller, identifier, worker.Hits, now), null);
        }

        void Prefetch(Identifier? identifier)
        {
            if (identifier is not null)
            {
                screener.Prefetch(identifier);
            }
        }
    }

    /// <summary>One core's share of a chunk: its answers and the hits they found.</summary>
    private sealed class Worker(bool csv)
    {
        public BatchAnswers Answers { get; } = new(csv);
        public List<Guid> Hits { get; } = [];
        public List<(BatchQuestion Question, Identifier? Identifier)> Questions { get; } = [];
    }
}
