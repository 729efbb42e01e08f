using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cordon.Core.Audit;

/// <summary>
/// A node's signed statement of its audit log: "my log has <see cref="Size"/> records and this root", at a time, under
/// its key. Whoever keeps one can later ask for a consistency proof and see whether the log only grew.
/// </summary>
/// <param name="Node">The node's name.</param>
/// <param name="RootHash">The Merkle tree root (RFC 9162), lower-case hex.</param>
/// <param name="KeyId">SHA-256 of the public key (SubjectPublicKeyInfo), lower-case hex.</param>
/// <param name="Signature">ECDSA P-256 over SHA-256 of <see cref="SignedText"/>, DER, base64.</param>
public sealed record SignedTreeHead(string Node, long Size, string RootHash, DateTimeOffset Time, string KeyId, string Signature)
{
    public const string Algorithm = "ecdsa-p256-sha256";

    /// <summary>What is signed: a versioned text, one field per line, the time in UTC to the millisecond.</summary>
    public static string SignedText(string node, long size, string rootHash, DateTimeOffset time) =>
        string.Join('\n', "cordon-tree-head-v1", node, size.ToString(CultureInfo.InvariantCulture), rootHash,
            AuditChain.Truncate(time).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)) + "\n";

    public static SignedTreeHead Sign(string node, long size, byte[] root, DateTimeOffset time, ECDsa key)
    {
        var rootHash = Convert.ToHexStringLower(root);
        var signature = key.SignData(Encoding.UTF8.GetBytes(SignedText(node, size, rootHash, time)), HashAlgorithmName.SHA256,
            DSASignatureFormat.Rfc3279DerSequence);
        return new SignedTreeHead(node, size, rootHash, AuditChain.Truncate(time), KeyIdOf(key.ExportSubjectPublicKeyInfo()),
            Convert.ToBase64String(signature));
    }

    /// <summary>True when the signature holds under <paramref name="publicKey"/> (SubjectPublicKeyInfo) and names it.</summary>
    public bool VerifyWith(byte[] publicKey)
    {
        if (!string.Equals(KeyId, KeyIdOf(publicKey), StringComparison.Ordinal))
        {
            return false;
        }
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(publicKey, out _);
            return key.VerifyData(Encoding.UTF8.GetBytes(SignedText(Node, Size, RootHash, Time)), Convert.FromBase64String(Signature),
                HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception invalid) when (invalid is CryptographicException or FormatException or ArgumentException)
        {
            return false;
        }
    }

    public static string KeyIdOf(byte[] publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey));
}

/// <summary>
/// A signed tree head as published and saved (<c>GET /api/v1/audit/head</c>, <c>--head FILE</c>, evidence packages,
/// witnesses): the head and the public key it verifies under, as JSON in the API's camelCase.
/// </summary>
public sealed record PublishedTreeHead(
    string Node,
    long Size,
    string RootHash,
    DateTimeOffset Time,
    string Algorithm,
    string KeyId,
    string Signature,
    string PublicKey)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
    };

    public static PublishedTreeHead From(SignedTreeHead head, byte[] publicKey) =>
        new(head.Node, head.Size, head.RootHash, head.Time, SignedTreeHead.Algorithm, head.KeyId, head.Signature, Convert.ToBase64String(publicKey));

    public SignedTreeHead ToSignedHead() => new(Node, Size, RootHash, Time, KeyId, Signature);

    public byte[] PublicKeyBytes() => Convert.FromBase64String(PublicKey);

    /// <summary>Every field present, the root 64 lower-case hex characters, the size not negative (as read from anyone).</summary>
    public bool IsWellFormed() =>
        Node is not null && Size >= 0 && RootHash is { Length: 64 } && RootHash.All(char.IsAsciiHexDigitLower) && Algorithm is not null
        && KeyId is { Length: 64 } && Signature is not null && PublicKey is not null;

    /// <summary>Well formed, and the signature holds under the key this document carries.</summary>
    public bool Verifies()
    {
        try
        {
            return IsWellFormed() && Algorithm == SignedTreeHead.Algorithm && ToSignedHead().VerifyWith(PublicKeyBytes());
        }
        catch (Exception invalid) when (invalid is FormatException or ArgumentException)
        {
            return false;
        }
    }

    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a saved head; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static PublishedTreeHead Parse(string json)
    {
        PublishedTreeHead? head;
        try
        {
            head = System.Text.Json.JsonSerializer.Deserialize<PublishedTreeHead>(json, Json);
        }
        catch (System.Text.Json.JsonException invalid)
        {
            throw new FormatException($"Not a tree head: {invalid.Message}");
        }
        if (head is null || !head.IsWellFormed())
        {
            throw new FormatException("Not a tree head: node, size, rootHash, time, keyId, signature and publicKey are required.");
        }
        return head;
    }
}
