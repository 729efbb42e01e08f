using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Members;
using Cordon.Store.Indicators.Import;

namespace Cordon.Server.Screening;

/// <summary>
/// Screens a streamed batch: lines are read into chunks, each chunk is screened on all cores (each worker answering a
/// contiguous share into its own buffer), and the answers are written in input order before the next chunk is read.
/// A bad line gets an error answer, never a failure of the batch.
/// </summary>
public sealed class BatchScreening(Screener screener, Actor actor, bool csv, IdentifierType? defaultType)
{
    private const int ChunkLines = 16_384;
    private const int MinimumLinesPerWorker = 512;

    public async Task RunAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new BatchAnswers(csv)).ToArray();
        try
        {
            string[]? header = null;
            var chunk = new List<Utf8Lines.Line>(ChunkLines);
            await foreach (var line in Utf8Lines.ReadAsync(input, cancellationToken: cancellationToken))
            {
                if (line.Text is { Length: 0 })
                {
                    continue;
                }
                if (csv && header is null)
                {
                    header = BatchLines.CsvHeader(line.Text);
                    await output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(BatchAnswers.CsvHeader + "\n"), cancellationToken);
                    continue;
                }
                chunk.Add(line);
                if (chunk.Count == ChunkLines)
                {
                    await AnswerAsync(chunk, header, workers, output, cancellationToken);
                    chunk.Clear();
                }
            }
            await AnswerAsync(chunk, header, workers, output, cancellationToken);
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    private async Task AnswerAsync(List<Utf8Lines.Line> chunk, string[]? header, BatchAnswers[] workers, Stream output,
        CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return;
        }
        var used = Math.Clamp(chunk.Count / MinimumLinesPerWorker, 1, workers.Length);
        var share = (chunk.Count + used - 1) / used;
        Parallel.For(0, used, w =>
        {
            var answers = workers[w];
            answers.Buffer.ResetWrittenCount();
            for (var i = w * share; i < Math.Min(chunk.Count, (w + 1) * share); i++)
            {
                Answer(header is null ? BatchLines.FromJson(chunk[i], defaultType) : BatchLines.FromCsv(chunk[i], header, defaultType), answers);
            }
        });
        for (var w = 0; w < used; w++)
        {
            await output.WriteAsync(workers[w].Buffer.WrittenMemory, cancellationToken);
        }
        await output.FlushAsync(cancellationToken);
    }

    private void Answer(BatchQuestion question, BatchAnswers answers)
    {
        if (question.Error is not null)
        {
            answers.Write(question.Line, null, null, question.Error);
            return;
        }
        try
        {
            var (identifier, result) = screener.Screen(actor, question.Type, question.Value);
            answers.Write(question.Line, identifier, result, null);
        }
        catch (InvalidInputException invalid)
        {
            answers.Write(question.Line, null, null, invalid.Message);
        }
    }
}
