namespace Cordon.Core.Identifiers;

/// <summary>File hashes: MD5, SHA-1 or SHA-256 as lower-case hex, told apart by length.</summary>
internal static class FileHashNormaliser
{
    public static Identifier Normalise(string input)
    {
        var (algorithm, hex) = SplitPrefix(input);
        if (!hex.All(char.IsAsciiHexDigit))
        {
            throw Refuse.Because("a file hash holds only hexadecimal digits");
        }
        var detected = hex.Length switch
        {
            32 => "md5",
            40 => "sha1",
            64 => "sha256",
            _ => throw Refuse.Because("a file hash has 32 (MD5), 40 (SHA-1) or 64 (SHA-256) hex digits"),
        };
        if (algorithm is not null && algorithm != detected)
        {
            throw Refuse.Because($"the {algorithm}: prefix does not match a hash of this length ({detected})");
        }
        var value = hex.ToLowerInvariant();
        return new Identifier(IdentifierType.FileHash, value, value, null);
    }

    private static (string? Algorithm, string Hex) SplitPrefix(string input)
    {
        var colon = input.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (null, input);
        }
        var algorithm = input[..colon].Trim().ToLowerInvariant() switch
        {
            "md5" => "md5",
            "sha1" or "sha-1" => "sha1",
            "sha256" or "sha-256" => "sha256",
            _ => throw Refuse.Because("a file hash prefix is md5:, sha1: or sha256:"),
        };
        return (algorithm, input[(colon + 1)..].Trim());
    }
}
