using Cordon.Core.Identifiers;
using Microsoft.Extensions.Configuration;

namespace Cordon.Application.Indicators;

/// <summary>
/// The Public Suffix List from <c>Cordon:PublicSuffixList:Path</c>, else Debian's publicsuffix package, reloaded when
/// the file changes (checked at most once a minute), so that updating the package refreshes a running node.
/// </summary>
public sealed class PublicSuffixLists(string path, TimeProvider clock)
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private PublicSuffixList current = LoadOrEmpty(path);
    private DateTime loadedWriteTime = WriteTime(path);
    private DateTimeOffset nextCheck = clock.GetUtcNow() + CheckInterval;

    public static PublicSuffixLists FromConfiguration(IConfiguration configuration, TimeProvider clock)
    {
        var configured = configuration["Cordon:PublicSuffixList:Path"];
        return new PublicSuffixLists(string.IsNullOrWhiteSpace(configured) ? PublicSuffixList.DebianPath : configured, clock);
    }

    public PublicSuffixList Current
    {
        get
        {
            if (clock.GetUtcNow() < nextCheck)
            {
                return current;
            }
            lock (gate)
            {
                nextCheck = clock.GetUtcNow() + CheckInterval;
                var writeTime = WriteTime(path);
                if (writeTime != loadedWriteTime)
                {
                    current = LoadOrEmpty(path);
                    loadedWriteTime = writeTime;
                }
                return current;
            }
        }
    }

    private static DateTime WriteTime(string path) => File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;

    // Without the file the list is empty and the PSL's default rule applies: the last label is the public suffix.
    private static PublicSuffixList LoadOrEmpty(string path) =>
        File.Exists(path) ? PublicSuffixList.Load(path) : PublicSuffixList.Parse(new StringReader(""));
}
