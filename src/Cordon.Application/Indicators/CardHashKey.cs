using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace Cordon.Application.Indicators;

/// <summary>
/// The secret key of the keyed hash that stands for payment card numbers. From <c>Cordon:Cards:HashKey</c> (base64,
/// at least 32 bytes: required when several instances share a store), else from <c>./data/card-hash.key</c>, created
/// with a random key on first use. Losing it makes stored card hashes unmatchable.
/// </summary>
public static class CardHashKey
{
    public const string DefaultFile = "./data/card-hash.key";

    public static byte[] Resolve(IConfiguration configuration)
    {
        var configured = configuration["Cordon:Cards:HashKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var key = Convert.FromBase64String(configured);
            return key.Length >= 32 ? key : throw new InvalidOperationException("Cordon:Cards:HashKey must be at least 32 bytes (base64).");
        }
        var file = configuration["Cordon:Cards:HashKeyFile"] ?? DefaultFile;
        if (File.Exists(file))
        {
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var created = RandomNumberGenerator.GetBytes(32);
        using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(created));
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return created;
    }
}
