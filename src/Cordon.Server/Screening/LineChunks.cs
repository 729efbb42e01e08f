namespace Cordon.Server.Screening;

/// <summary>
/// Reads a streamed body as chunks of lines that are slices of one buffer, without a string or a copy per line (a
/// batch of millions of lines is screened at the speed of its parsing). A chunk is valid until the next one is read.
/// A line longer than <see cref="MaxLineBytes"/> is reported by number, with an error instead of its bytes.
/// </summary>
public sealed class LineChunks(Stream input)
{
    public const int MaxLineBytes = 64 * 1024;
    private const int BufferBytes = 1024 * 1024;

    private readonly byte[] buffer = new byte[BufferBytes];
    private readonly List<Line> lines = [];
    private int filled;
    private int lineStart;
    private long number;
    private bool skippingLongLine;
    private bool ended;

    /// <summary>A line: its number (from 1) and where it is in <see cref="Buffer"/>, or why it has no bytes.</summary>
    public readonly record struct Line(long Number, int Start, int Length, string? Error);

    public ReadOnlySpan<byte> Buffer => buffer;

    /// <summary>The complete lines read next (at least one), or an empty list at the end of the body.</summary>
    public async ValueTask<IReadOnlyList<Line>> NextAsync(CancellationToken cancellationToken)
    {
        lines.Clear();
        while (lines.Count == 0 && !ended)
        {
            KeepPartialLine();
            var read = await input.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                ended = true;
                if (skippingLongLine || filled > lineStart)
                {
                    Add(lineStart, filled - lineStart);
                }
                break;
            }
            var scanned = filled;
            filled += read;
            Split(scanned);
        }
        return lines;
    }

    /// <summary>Moves the unfinished last line to the front, so that the whole buffer after it can be filled.</summary>
    private void KeepPartialLine()
    {
        var partial = filled - lineStart;
        buffer.AsSpan(lineStart, partial).CopyTo(buffer);
        (lineStart, filled) = (0, partial);
    }

    private void Split(int from)
    {
        while (true)
        {
            var newline = buffer.AsSpan(from, filled - from).IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }
            Add(lineStart, from + newline - lineStart);
            from = lineStart = from + newline + 1;
        }
        if (filled - lineStart > MaxLineBytes)
        {
            // Too long to keep: drop its bytes and report it when it ends.
            skippingLongLine = true;
            lineStart = filled;
        }
    }

    private void Add(int start, int length)
    {
        number++;
        if (skippingLongLine || length > MaxLineBytes)
        {
            skippingLongLine = false;
            lines.Add(new Line(number, 0, 0, $"line is longer than {MaxLineBytes} bytes"));
            return;
        }
        lines.Add(new Line(number, start, length, null));
    }
}
