using System.Security.Cryptography;
using Cordon.Core.Errors;

namespace Cordon.Application.Members;

/// <summary>
/// A file a member attaches to a case or a bulletin, checked once on the way in: a plain file name (no path), 1 byte to
/// 10 MiB, a bounded media type (octet-stream when none), and its SHA-256 (lower-case hex) for the audit record.
/// </summary>
public sealed record AttachedFile(string FileName, string MediaType, byte[] Content, string Sha256)
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public static AttachedFile Check(string? fileName, string? mediaType, byte[] content)
    {
        var name = InputText.Required(fileName, "fileName", 255);
        if (name.IndexOfAny(['/', '\\']) >= 0)
        {
            throw new InvalidInputException("fileName", "must be a file name, not a path.");
        }
        if (content.Length == 0 || content.Length > MaxBytes)
        {
            throw new InvalidInputException("file", $"must hold between 1 byte and {MaxBytes / (1024 * 1024)} MiB.");
        }
        var type = string.IsNullOrWhiteSpace(mediaType) ? "application/octet-stream" : InputText.Required(mediaType, "mediaType", 127);
        return new AttachedFile(name, type, content, Convert.ToHexStringLower(SHA256.HashData(content)));
    }
}
