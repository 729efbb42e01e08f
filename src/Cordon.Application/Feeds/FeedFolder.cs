using Cordon.Core.Errors;
using Microsoft.Extensions.Configuration;

namespace Cordon.Application.Feeds;

/// <summary>
/// The one folder local feed files are read from (<c>Cordon:Feeds:ImportFolder</c>, by default <c>data/feeds</c> under
/// the folder the node runs in): a feed may name a file inside it, never anything else on the machine — not the node's
/// keys, not <c>/etc</c>, not <c>/proc</c>; links out of it are refused too. A missing file and a refused one answer alike.
/// </summary>
public sealed class FeedFolder(string root)
{
    public const string Setting = "Cordon:Feeds:ImportFolder";

    public string Root { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

    public static FeedFolder FromConfiguration(IConfiguration configuration) =>
        new(configuration[Setting] is { Length: > 0 } folder ? folder : Path.Combine("data", "feeds"));

    /// <summary>The full path of a location inside the folder (relative to it, or absolute within it).</summary>
    public string Resolve(string location)
    {
        var full = Path.GetFullPath(Path.IsPathRooted(location) ? location : Path.Combine(Root, location));
        if (!Inside(full))
        {
            throw Refused();
        }
        // Follow links, each hop: a link inside the folder must not lead out of it.
        var info = new FileInfo(full);
        if (info.Exists && info.ResolveLinkTarget(returnFinalTarget: true) is { } target && !Inside(Path.GetFullPath(target.FullName)))
        {
            throw Refused();
        }
        for (var folder = info.Directory; folder is not null && Inside(folder.FullName); folder = folder.Parent)
        {
            if (folder.Exists && folder.ResolveLinkTarget(returnFinalTarget: true) is { } linked && !Inside(Path.GetFullPath(linked.FullName)))
            {
                throw Refused();
            }
        }
        return full;
    }

    public InvalidInputException Refused() =>
        new("location", $"must be an http(s) URL, or a file in the node's import folder ({Setting}: {Root}) that exists.");

    private bool Inside(string path) =>
        path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || path == Root;
}
