using System.Text;

namespace Cordon.Application.Indicators.Import;

/// <summary>
/// Reads a stream line by line, decoding each line strictly as UTF-8 on its own, so that one line of invalid UTF-8
/// or an over-long line is reported with its number instead of failing the whole file.
/// </summary>
public static class Utf8Lines
{
    public const int MaxLineBytes = 64 * 1024;
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public readonly record struct Line(long Number, string? Text, string? Error);

    public static async IAsyncEnumerable<Line> ReadAsync(Stream stream, Action<long>? bytesRead = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = new byte[256 * 1024];
        var line = new MemoryStream();
        var number = 0L;
        var tooLong = false;
        var total = 0L;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            bytesRead?.Invoke(total);
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }
                Append(line, buffer, start, i - start, ref tooLong);
                yield return Decode(++number, line, tooLong);
                line.SetLength(0);
                tooLong = false;
                start = i + 1;
            }
            Append(line, buffer, start, read - start, ref tooLong);
        }
        if (line.Length > 0 || tooLong)
        {
            yield return Decode(++number, line, tooLong);
        }
    }

    private static void Append(MemoryStream line, byte[] buffer, int start, int count, ref bool tooLong)
    {
        if (tooLong || line.Length + count > MaxLineBytes)
        {
            tooLong = true;
            return;
        }
        line.Write(buffer, start, count);
    }

    private static Line Decode(long number, MemoryStream line, bool tooLong)
    {
        if (tooLong)
        {
            return new Line(number, null, $"line is longer than {MaxLineBytes} bytes");
        }
        var bytes = line.GetBuffer().AsSpan(0, (int)line.Length);
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }
        if (number == 1 && bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        try
        {
            return new Line(number, Strict.GetString(bytes), null);
        }
        catch (DecoderFallbackException)
        {
            return new Line(number, null, "line is not valid UTF-8");
        }
    }
}
