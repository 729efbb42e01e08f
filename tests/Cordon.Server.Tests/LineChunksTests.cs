using System.Text;
using Cordon.Server.Screening;

namespace Cordon.Server.Tests;

public sealed class LineChunksTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1 << 20)]
    public async Task Lines_ComeOutWhole_WhateverTheReadSizes(int readSize)
    {
        var tooLong = new string('x', LineChunks.MaxLineBytes + 10);
        var atLimit = new string('y', LineChunks.MaxLineBytes);
        var body = $"first\r\n\nthird\n{tooLong}\n{atLimit}\nafter the long one\nno newline at the end";

        var lines = await ReadAllAsync(Encoding.UTF8.GetBytes(body), readSize);

        Assert.Equal(
            [(1L, "first\r", null), (2, "", null), (3, "third", null), (4, "", $"line is longer than {LineChunks.MaxLineBytes} bytes"),
                (5, atLimit, null), (6, "after the long one", null), (7, "no newline at the end", null)],
            lines);
    }

    [Fact]
    public async Task ManyChunks_NumberEveryLineOnce_InOrder()
    {
        var body = string.Concat(Enumerable.Range(1, 200_000).Select(i => $"{i}\n"));
        var lines = await ReadAllAsync(Encoding.UTF8.GetBytes(body), 64 * 1024);
        Assert.Equal(Enumerable.Range(1, 200_000).Select(i => (long)i), lines.Select(l => l.Number));
        Assert.All(lines, l => Assert.Equal(l.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), l.Text));
    }

    [Fact]
    public async Task ALongLineAtTheEnd_WithoutNewline_IsReportedToo()
    {
        var lines = await ReadAllAsync(Encoding.UTF8.GetBytes("ok\n" + new string('z', 3 * LineChunks.MaxLineBytes)), 4096);
        Assert.Equal([(1L, "ok", null), (2, "", $"line is longer than {LineChunks.MaxLineBytes} bytes")], lines);
    }

    private static async Task<List<(long Number, string Text, string? Error)>> ReadAllAsync(byte[] body, int readSize)
    {
        var reader = new LineChunks(new TrickleStream(body, readSize));
        var lines = new List<(long, string, string?)>();
        IReadOnlyList<LineChunks.Line> chunk;
        while ((chunk = await reader.NextAsync(CancellationToken.None)).Count > 0)
        {
            lines.AddRange(chunk.Select(l => (l.Number, Encoding.UTF8.GetString(reader.Buffer.Slice(l.Start, l.Length)), l.Error)));
        }
        return lines;
    }

    /// <summary>Hands out at most a few bytes per read, as a slow network does.</summary>
    private sealed class TrickleStream(byte[] data, int readSize) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);
    }
}
