using Microsoft.AspNetCore.Http.HttpResults;

namespace Cordon.Server.Http;

/// <summary>Files attached to cases and bulletins, as they come in (the request body) and go out (always a download).</summary>
public static class AttachmentTransfer
{
    /// <summary>The request body, at most <see cref="Application.Members.AttachedFile.MaxBytes"/> (the route's size limit stops more).</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>
    /// Always a download, never rendered by the browser: an attachment is a file from the outside world (evidence, a
    /// scam app's screenshot). Its SHA-256 goes in <c>X-Content-SHA256</c>.
    /// </summary>
    public static FileContentHttpResult Download(HttpResponse response, string fileName, string sha256, byte[] content)
    {
        response.Headers["X-Content-SHA256"] = sha256;
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(content, "application/octet-stream", fileName);
    }
}
