using System.Security.Cryptography;
using Cordon.Application.Data;
using Cordon.Application.Secrets;
using Cordon.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Cordon.Application.Audit;

/// <summary>The node's signing key as stored: the public part in the clear, the private part sealed.</summary>
public sealed class NodeSigningKey
{
    public int Id { get; set; }
    public required string KeyId { get; set; }

    /// <summary>SubjectPublicKeyInfo, base64.</summary>
    public required string PublicKey { get; set; }

    /// <summary>PKCS#8, sealed (<see cref="SealedBox"/>) under the key-encryption key, base64.</summary>
    public required string SealedPrivateKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The ECDSA P-256 key that signs the audit log's tree heads. Made on first use and kept in the store with its private
/// part sealed under <c>Cordon:Audit:KeyEncryptionKey</c> (base64, 32 bytes; every instance sharing a store needs the
/// same one), else <c>./data/audit-signing.kek</c>, created readable by the node's user only: a copy of the database
/// alone signs nothing. The public part is published at <c>GET /api/v1/audit/key</c> and in every evidence package.
/// </summary>
public sealed class AuditSigningKey(IConfiguration configuration, TimeProvider clock) : IDisposable
{
    public const string DefaultKeyEncryptionKeyFile = "./data/audit-signing.kek";

    private readonly SemaphoreSlim loading = new(1, 1);
    private Loaded? loaded;

    public sealed record Loaded(ECDsa Key, byte[] PublicKey, string KeyId);

    public string NodeName => configuration["Cordon:Node:Name"] ?? "cordon";

    public async Task<Loaded> GetAsync(CordonDb db, CancellationToken cancellationToken)
    {
        if (loaded is { } ready)
        {
            return ready;
        }
        await loading.WaitAsync(cancellationToken);
        try
        {
            return loaded ??= await LoadOrCreateAsync(db, cancellationToken);
        }
        finally
        {
            loading.Release();
        }
    }

    public void Dispose()
    {
        loading.Dispose();
        loaded?.Key.Dispose();
    }

    public async Task<SignedTreeHead> SignAsync(CordonDb db, long size, byte[] root, CancellationToken cancellationToken)
    {
        var key = await GetAsync(db, cancellationToken);
        return SignedTreeHead.Sign(NodeName, size, root, clock.GetUtcNow(), key.Key);
    }

    private async Task<Loaded> LoadOrCreateAsync(CordonDb db, CancellationToken cancellationToken)
    {
        var kek = SecretKey.Resolve(configuration, "Cordon:Audit:KeyEncryptionKey", "Cordon:Audit:KeyEncryptionKeyFile",
            DefaultKeyEncryptionKeyFile, exactBytes: 32);
        var stored = await db.SigningKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == 1, cancellationToken);
        if (stored is null)
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var publicKey = created.ExportSubjectPublicKeyInfo();
            var candidate = new NodeSigningKey
            {
                Id = 1,
                KeyId = SignedTreeHead.KeyIdOf(publicKey),
                PublicKey = Convert.ToBase64String(publicKey),
                SealedPrivateKey = Convert.ToBase64String(SealedBox.Seal(kek, created.ExportPkcs8PrivateKey())),
                CreatedAt = clock.GetUtcNow(),
            };
            db.SigningKeys.Add(candidate);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance or process made the key first: use theirs.
                db.Entry(candidate).State = EntityState.Detached;
            }
            db.Entry(candidate).State = EntityState.Detached;
            stored = await db.SigningKeys.AsNoTracking().SingleAsync(k => k.Id == 1, cancellationToken);
        }
        byte[] pkcs8;
        try
        {
            pkcs8 = SealedBox.Open(kek, Convert.FromBase64String(stored.SealedPrivateKey));
        }
        catch (CryptographicException)
        {
            throw new InvalidOperationException(
                "The audit signing key cannot be opened with this node's key-encryption key (Cordon:Audit:KeyEncryptionKey or "
                + "./data/audit-signing.kek): every instance sharing the store needs the same one.");
        }
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        CryptographicOperations.ZeroMemory(pkcs8);
        return new Loaded(key, Convert.FromBase64String(stored.PublicKey), stored.KeyId);
    }
}

/// <summary>
/// A peer's report, as this node's witness, of the head of this node's log it last checked (its own signed statement
/// of what it saw), and whether that head is consistent with this node's log as it stands.
/// </summary>
public sealed class WitnessReport
{
    public Guid Id { get; set; }
    public required string Witness { get; set; }
    public long Size { get; set; }
    public required string RootHash { get; set; }

    /// <summary>The witness's own signed head of its log at the time, so that the report itself can be checked.</summary>
    public required string WitnessHead { get; set; }

    public bool Consistent { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
