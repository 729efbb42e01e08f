using System.Security.Cryptography;

namespace Cordon.Application.Secrets;

/// <summary>AES-256-GCM under a key-encryption key: nonce (12 bytes) ‖ tag (16) ‖ ciphertext.</summary>
public static class SealedBox
{
    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> plain)
    {
        var sealedBytes = new byte[12 + 16 + plain.Length];
        var nonce = sealedBytes.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16));
        return sealedBytes;
    }

    /// <summary>Opens a sealed box; throws <see cref="CryptographicException"/> when the key is wrong or a byte changed.</summary>
    public static byte[] Open(byte[] key, ReadOnlySpan<byte> sealedBytes)
    {
        var plain = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(sealedBytes[..12], sealedBytes[28..], sealedBytes.Slice(12, 16), plain);
        return plain;
    }
}
