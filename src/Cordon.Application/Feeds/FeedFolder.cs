using Cordon.Core.Errors;
using Microsoft.Extensions.Configuration;

namespace Cordon.Application.Feeds;

/// <summary>
/// The one folder local feed files are read from (<c>Cordon:Feeds:ImportFolder</c>, by default <c>data/feeds</c> under
/// the folder the node runs in): a feed may name a file inside it, never anything else on the machine — not the node's
/// keys, not <c>/etc</c>, not <c>/proc</c>. Links are followed to where they really lead, and a file is judged by the
/// path the kernel opened (so a link swapped in between the check and the read changes nothing). A missing file and a
/// refused one answer alike.
/// </summary>
public sealed class FeedFolder(string root)
{
    public const string Setting = "Cordon:Feeds:ImportFolder";

    public string Root { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

    private string RealRoot => RealPath(Root);

    public static FeedFolder FromConfiguration(IConfiguration configuration) =>
        new(configuration[Setting] is { Length: > 0 } folder ? folder : Path.Combine("data", "feeds"));

    /// <summary>The full path of a location inside the folder (relative to it, or absolute within it), links followed.</summary>
    public string Resolve(string location)
    {
        var full = Path.GetFullPath(Path.IsPathRooted(location) ? location : Path.Combine(Root, location));
        if (!Inside(full, Root) || !Inside(RealPath(full), RealRoot))
        {
            throw Refused();
        }
        return full;
    }

    /// <summary>Opens a file of the folder for reading, checking the file the kernel actually opened.</summary>
    public FileStream OpenRead(string location)
    {
        var file = new FileInfo(Resolve(location));
        if (!file.Exists || (file.Attributes & (FileAttributes.Device | FileAttributes.Directory)) != 0)
        {
            throw Refused();
        }
        var stream = file.OpenRead();
        var opened = OperatingSystem.IsLinux()
            ? new FileInfo($"/proc/self/fd/{stream.SafeFileHandle.DangerousGetHandle()}").LinkTarget
            : RealPath(file.FullName);
        if (opened is null || !Inside(opened, RealRoot))
        {
            stream.Dispose();
            throw Refused();
        }
        return stream;
    }

    public InvalidInputException Refused() =>
        new("location", $"must be an http(s) URL, or a file in the node's import folder ({Setting}: {Root}) that exists.");

    private static bool Inside(string path, string folder) =>
        path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || path == folder;

    /// <summary>The path with every link in it followed, component by component (as realpath(3) does).</summary>
    private static string RealPath(string path)
    {
        var pending = new Stack<string>(Path.GetFullPath(path).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = Path.GetPathRoot(Path.GetFullPath(path)) ?? "/";
        for (var hops = 0; pending.Count > 0;)
        {
            var next = Path.Combine(current, pending.Pop());
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++hops > 40)
                {
                    throw new InvalidInputException("location", "leads through too many links.");
                }
                var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
                foreach (var part in resolved.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
                {
                    pending.Push(part);
                }
                current = Path.GetPathRoot(resolved) ?? "/";
                continue;
            }
            current = next;
        }
        return Path.TrimEndingDirectorySeparator(current);
    }
}
