using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cordon.Core.Audit;

namespace Cordon.Core.Evidence;

/// <summary>One file of a package as its manifest lists it.</summary>
public sealed record EvidenceFile(string Path, string Sha256, long Size);

/// <summary>
/// What an evidence package says it holds: <c>manifest.json</c>, signed by the node (<c>manifest.sig</c>, ECDSA P-256
/// over SHA-256 of the manifest's bytes, DER, base64) with the key in <c>audit/public-key.pem</c>.
/// </summary>
public sealed record EvidenceManifest(
    string Format,
    string Node,
    DateTimeOffset CreatedAt,
    string SubjectType,
    Guid SubjectId,
    Guid RequestedByOrganisation,
    string RequestedBy,
    long AuditRecord,
    IReadOnlyList<EvidenceFile> Files)
{
    public const string Version = "cordon-evidence-v1";
    public const string ManifestPath = "manifest.json";
    public const string SignaturePath = "manifest.sig";
    public const string PublicKeyPath = "audit/public-key.pem";
    public const string TreeHeadPath = "audit/tree-head.json";
    public const string RecordsPath = "audit/records.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Sha256Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

/// <summary>
/// An audit record in a package: the record's canonical form (its leaf) and its inclusion proof in the signed head, or
/// for a record the requester may not read in full (another organisation's actors), its leaf hash alone.
/// </summary>
public sealed record EvidenceAuditRecord(long Sequence, string Action, DateTimeOffset At, string? Leaf, string LeafHash, IReadOnlyList<string> AuditPath);

/// <summary>A content proof: the canonical content of an item and the audit record whose digest commits to it.</summary>
public sealed record EvidenceContentProof(Guid ItemId, string ItemType, long Record, string ContentPath);

/// <summary>What <see cref="EvidenceVerifier"/> found: every problem, each naming its file where there is one.</summary>
public sealed record EvidenceVerification(bool Ok, int FilesChecked, int RecordsChecked, IReadOnlyList<string> Problems, string? SignedByKeyId = null);

/// <summary>
/// Checks an evidence package with nothing but the file: every listed file present with its SHA-256 and size, nothing
/// added, the manifest signed by the key the package carries (and, if given, the key the examiner trusts), the tree
/// head signed by the same key, every audit record in the tree under that head, and each content proof committed to by
/// its record.
/// </summary>
public static class EvidenceVerifier
{
    public static EvidenceVerification Verify(Stream package, byte[]? trustedPublicKey = null)
    {
        var problems = new List<string>();
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            return new EvidenceVerification(false, 0, 0, ["the file is not a ZIP archive"]);
        }
        using (zip)
        {
            var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
            {
                try
                {
                    using var stream = entry.Open();
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    if (!entries.TryAdd(entry.FullName, copy.ToArray()))
                    {
                        problems.Add($"added: {entry.FullName} (a second entry of the same name)");
                    }
                }
                catch (InvalidDataException)
                {
                    problems.Add($"altered: {entry.FullName} (its compressed bytes are damaged)");
                }
            }
            if (!entries.TryGetValue(EvidenceManifest.ManifestPath, out var manifestBytes))
            {
                problems.Add($"missing: {EvidenceManifest.ManifestPath}");
                return new EvidenceVerification(false, 0, 0, problems);
            }
            EvidenceManifest? manifest;
            try
            {
                manifest = JsonSerializer.Deserialize<EvidenceManifest>(manifestBytes, EvidenceManifest.Json);
            }
            catch (JsonException)
            {
                manifest = null;
            }
            if (manifest?.Files is null || manifest.Format != EvidenceManifest.Version)
            {
                problems.Add($"altered: {EvidenceManifest.ManifestPath} (not a {EvidenceManifest.Version} manifest)");
                return new EvidenceVerification(false, 0, 0, problems);
            }
            var publicKey = CheckFiles(manifest, entries, problems);
            var key = CheckSignature(manifestBytes, entries, publicKey, trustedPublicKey, problems);
            var records = CheckAudit(entries, key, manifest, problems);
            return new EvidenceVerification(problems.Count == 0, manifest.Files.Count, records, problems,
                key is null ? null : SignedTreeHead.KeyIdOf(key));
        }
    }

    private static byte[]? CheckFiles(EvidenceManifest manifest, Dictionary<string, byte[]> entries, List<string> problems)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            if (file?.Path is null || file.Sha256 is null)
            {
                problems.Add($"altered: {EvidenceManifest.ManifestPath} (an entry without a path or hash)");
                continue;
            }
            listed.Add(file.Path);
            if (!entries.TryGetValue(file.Path, out var content))
            {
                problems.Add($"missing: {file.Path}");
            }
            else if (content.Length != file.Size || EvidenceManifest.Sha256Of(content) != file.Sha256)
            {
                problems.Add($"altered: {file.Path} (its SHA-256 is not the manifest's)");
            }
        }
        foreach (var extra in entries.Keys.Where(k => !listed.Contains(k) && k is not EvidenceManifest.ManifestPath and not EvidenceManifest.SignaturePath))
        {
            problems.Add($"added: {extra} (not in the manifest)");
        }
        if (!entries.TryGetValue(EvidenceManifest.PublicKeyPath, out var pem))
        {
            problems.Add($"missing: {EvidenceManifest.PublicKeyPath}");
            return null;
        }
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(Encoding.ASCII.GetString(pem));
            return key.ExportSubjectPublicKeyInfo();
        }
        catch (Exception invalid) when (invalid is ArgumentException or CryptographicException)
        {
            problems.Add($"altered: {EvidenceManifest.PublicKeyPath} (not a public key)");
            return null;
        }
    }

    private static byte[]? CheckSignature(byte[] manifestBytes, Dictionary<string, byte[]> entries, byte[]? publicKey, byte[]? trusted,
        List<string> problems)
    {
        if (trusted is not null && (publicKey is null || !trusted.AsSpan().SequenceEqual(publicKey)))
        {
            problems.Add($"{EvidenceManifest.PublicKeyPath}: not the key you trust for this node");
        }
        // With a key the examiner trusts, everything is checked under that key, never under the one the package carries.
        publicKey = trusted ?? publicKey;
        if (publicKey is null)
        {
            problems.Add("no key to check the package's signatures with");
            return null;
        }
        if (!entries.TryGetValue(EvidenceManifest.SignaturePath, out var signature))
        {
            problems.Add($"missing: {EvidenceManifest.SignaturePath}");
            return publicKey;
        }
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(publicKey, out _);
            if (!key.VerifyData(manifestBytes, Convert.FromBase64String(Encoding.ASCII.GetString(signature).Trim()), HashAlgorithmName.SHA256,
                    DSASignatureFormat.Rfc3279DerSequence))
            {
                problems.Add($"altered: {EvidenceManifest.ManifestPath} (the node's signature over it does not hold)");
            }
        }
        catch (FormatException)
        {
            problems.Add($"altered: {EvidenceManifest.SignaturePath} (not a signature)");
        }
        return publicKey;
    }

    private static int CheckAudit(Dictionary<string, byte[]> entries, byte[]? publicKey, EvidenceManifest manifest, List<string> problems)
    {
        if (!entries.TryGetValue(EvidenceManifest.TreeHeadPath, out var headBytes) || !entries.TryGetValue(EvidenceManifest.RecordsPath, out var recordBytes))
        {
            problems.Add($"missing: {EvidenceManifest.TreeHeadPath} or {EvidenceManifest.RecordsPath}");
            return 0;
        }
        PublishedTreeHead head;
        List<EvidenceAuditRecord> records;
        try
        {
            head = PublishedTreeHead.Parse(Encoding.UTF8.GetString(headBytes));
            records = (JsonSerializer.Deserialize<List<EvidenceAuditRecord?>>(recordBytes, EvidenceManifest.Json) ?? [])
                .OfType<EvidenceAuditRecord>().Where(r => r.LeafHash is not null && r.AuditPath is not null).ToList();
        }
        catch (Exception invalid) when (invalid is FormatException or JsonException)
        {
            problems.Add("altered: audit files (not readable)");
            return 0;
        }
        if (publicKey is null || !head.ToSignedHead().VerifyWith(publicKey))
        {
            problems.Add($"altered: {EvidenceManifest.TreeHeadPath} (not signed by the key that signed the package)");
        }
        var root = Convert.FromHexString(head.RootHash);
        foreach (var record in records)
        {
            try
            {
                CheckRecord(record, head, root, problems);
            }
            catch (Exception invalid) when (invalid is FormatException or ArgumentException)
            {
                problems.Add($"altered: {EvidenceManifest.RecordsPath} (record {record.Sequence} is not readable)");
            }
        }
        if (!records.Any(r => r.Sequence == manifest.AuditRecord))
        {
            problems.Add($"{EvidenceManifest.RecordsPath}: the package's own export record ({manifest.AuditRecord}) is missing");
        }
        CheckContent(entries, records, problems);
        return records.Count;
    }

    private static void CheckRecord(EvidenceAuditRecord record, PublishedTreeHead head, byte[] root, List<string> problems)
    {
        var leafHash = record.Leaf is null ? Convert.FromHexString(record.LeafHash) : MerkleTree.LeafHash(Encoding.UTF8.GetBytes(record.Leaf));
        if (record.Leaf is not null && Convert.ToHexStringLower(leafHash) != record.LeafHash)
        {
            problems.Add($"altered: {EvidenceManifest.RecordsPath} (record {record.Sequence} does not hash to its leaf)");
        }
        else if (!MerkleTree.VerifyInclusion(record.Sequence - 1, head.Size, leafHash, record.AuditPath.Select(Convert.FromHexString).ToList(), root))
        {
            problems.Add($"{EvidenceManifest.RecordsPath}: record {record.Sequence} is not in the log under the signed head");
        }
    }

    /// <summary>Each content proof: the record's digest over (item, SHA-256 of the canonical content) must be the leaf's.</summary>
    private static void CheckContent(Dictionary<string, byte[]> entries, List<EvidenceAuditRecord> records, List<string> problems)
    {
        if (!entries.TryGetValue("audit/content-proofs.json", out var proofBytes))
        {
            return;
        }
        List<EvidenceContentProof> proofs;
        try
        {
            proofs = (JsonSerializer.Deserialize<List<EvidenceContentProof?>>(proofBytes, EvidenceManifest.Json) ?? [])
                .OfType<EvidenceContentProof>().Where(p => p.ContentPath is not null && p.ItemType is not null).ToList();
        }
        catch (JsonException)
        {
            problems.Add("altered: audit/content-proofs.json (not readable)");
            return;
        }
        foreach (var proof in proofs)
        {
            var leaf = records.FirstOrDefault(r => r.Sequence == proof.Record)?.Leaf;
            if (leaf is null || !entries.TryGetValue(proof.ContentPath, out var content))
            {
                problems.Add($"{proof.ContentPath}: its content proof names a record or file the package does not hold");
                continue;
            }
            var digest = AuditContent.Digest([(proof.ItemId, AuditContent.Hash(Encoding.UTF8.GetString(content)))]);
            string? committed;
            try
            {
                using var parsed = JsonDocument.Parse(leaf);
                committed = parsed.RootElement.ValueKind == JsonValueKind.Array && parsed.RootElement.GetArrayLength() == 11
                    ? parsed.RootElement[10].GetString()
                    : null;
            }
            catch (JsonException)
            {
                committed = null;
            }
            if (committed != digest)
            {
                problems.Add($"altered: {proof.ContentPath} (not the content audit record {proof.Record} committed to)");
            }
        }
    }
}
