using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace Cordon.Application.Demo;

/// <summary>Fetches the npm package eth-phishing-detect with <c>npm pack</c> and extracts its src/config.json.</summary>
public static class EthPhishingDetectPackage
{
    /// <summary>The config file's path, or null and the reason when npm is missing or the registry cannot be reached.</summary>
    public static async Task<(string? Path, string? Problem)> FetchConfigAsync(CancellationToken cancellationToken = default)
    {
        var folder = Directory.CreateTempSubdirectory("cordon-eth-phishing-detect-").FullName;
        try
        {
            var start = new ProcessStartInfo("npm", ["pack", "eth-phishing-detect", "--silent"])
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var npm = Process.Start(start)!;
            var output = await npm.StandardOutput.ReadToEndAsync(cancellationToken);
            await npm.WaitForExitAsync(cancellationToken);
            var tarball = Path.Combine(folder, output.Trim().Split('\n').Last().Trim());
            if (npm.ExitCode != 0 || !File.Exists(tarball))
            {
                return (null, "npm pack eth-phishing-detect failed");
            }
            await using (var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress))
            {
                await TarFile.ExtractToDirectoryAsync(gzip, folder, overwriteFiles: true, cancellationToken);
            }
            var config = Path.Combine(folder, "package", "src", "config.json");
            return File.Exists(config) ? (config, null) : (null, "the package has no src/config.json");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "npm is not installed");
        }
    }
}
