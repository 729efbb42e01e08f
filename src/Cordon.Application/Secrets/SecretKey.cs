using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace Cordon.Application.Secrets;

/// <summary>
/// A node's secret key: from a setting (base64; how several instances share one, or how a secret store hands it in),
/// else from a file created with a random key on first use, readable by the node's user only. A second process that
/// races to create the file reads the one that won.
/// </summary>
public static class SecretKey
{
    public static byte[] Resolve(IConfiguration configuration, string valueSetting, string fileSetting, string defaultFile, int minBytes = 32,
        int? exactBytes = null)
    {
        if (configuration[valueSetting] is { } configured && !string.IsNullOrWhiteSpace(configured))
        {
            var key = Convert.FromBase64String(configured);
            return exactBytes is { } exact
                ? key.Length == exact ? key : throw new InvalidOperationException($"{valueSetting} must be exactly {exact} bytes (base64).")
                : key.Length >= minBytes ? key : throw new InvalidOperationException($"{valueSetting} must be at least {minBytes} bytes (base64).");
        }
        var file = configuration[fileSetting] ?? defaultFile;
        if (File.Exists(file))
        {
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var created = RandomNumberGenerator.GetBytes(32);
        // Written whole under another name, then moved into place: a racing process never reads a half-written key.
        var temporary = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToBase64String(created));
        }
        try
        {
            File.Move(temporary, file, overwrite: false);
        }
        catch (IOException) when (File.Exists(file))
        {
            File.Delete(temporary);
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
        return created;
    }
}
