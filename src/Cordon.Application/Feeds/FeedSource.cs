using Cordon.Core.Errors;

namespace Cordon.Application.Feeds;

/// <summary>
/// Opens what a feed names: an http(s) URL (through the outbound guard) or a file in the import folder, at most
/// <see cref="MaxBytes"/> long (a longer download is refused, not cut). A MISP feed's files are found relative to its folder.
/// </summary>
public sealed class FeedSource(HttpClient http, FeedFolder folder)
{
    public const long MaxBytes = 512L * 1024 * 1024;

    public async Task<Stream> OpenAsync(string location, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                response.Dispose();
                throw new HttpRequestException($"{Redacted(location)} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                response.Dispose();
                throw new InvalidInputException("location", $"{Redacted(location)} is larger than {MaxBytes / (1024 * 1024)} MB.");
            }
            return new BoundedStream(await response.Content.ReadAsStreamAsync(cancellationToken), MaxBytes, response);
        }
        var stream = folder.OpenRead(location);
        return new BoundedStream(stream, MaxBytes, stream);
    }

    /// <summary>
    /// A location (or a message naming one) as it may be shown, logged or audited: URLs without their user name,
    /// password or query, where a source's token would be.
    /// </summary>
    public static string Redacted(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"https?://[^\s""']+", url =>
        Uri.TryCreate(url.Value, UriKind.Absolute, out var uri)
            ? $"{uri.Scheme}://{(uri.UserInfo.Length > 0 ? "…@" : "")}{uri.Authority}{uri.AbsolutePath}{(uri.Query.Length > 1 ? "?…" : "")}"
            : "(a URL)");

    /// <summary>A file of a feed beside another: <c>manifest.json</c> and <c>{uuid}.json</c> of a MISP feed.</summary>
    public static string Beside(string folder, string file) =>
        Uri.TryCreate(folder, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new Uri(new Uri(folder.EndsWith('/') ? folder : folder + "/"), file).ToString()
            : Path.Combine(folder, file);

    /// <summary>Reads at most a number of bytes, then fails (a download is refused whole, never cut short silently).</summary>
    private sealed class BoundedStream(Stream inner, long limit, IDisposable owner) : Stream
    {
        private long read;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        private int Count(int n)
        {
            read += n;
            return read <= limit ? n : throw new InvalidInputException("location", $"the download is larger than {limit / (1024 * 1024)} MB.");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Dispose();
            }
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
