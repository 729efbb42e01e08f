using System.Text;

namespace Cordon.Core.Identifiers;

/// <summary>Removes "." and ".." segments from a URI path (RFC 3986 §5.2.4).</summary>
internal static class DotSegments
{
    public static string Remove(string path)
    {
        var input = path;
        var output = new StringBuilder(path.Length);
        while (input.Length > 0)
        {
            if (input.StartsWith("../", StringComparison.Ordinal))
            {
                input = input[3..];
            }
            else if (input.StartsWith("./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input.StartsWith("/./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input == "/.")
            {
                input = "/";
            }
            else if (input.StartsWith("/../", StringComparison.Ordinal) || input == "/..")
            {
                input = "/" + input[Math.Min(4, input.Length)..];
                RemoveLastSegment(output);
            }
            else if (input is "." or "..")
            {
                input = "";
            }
            else
            {
                var next = input.IndexOf('/', 1);
                var segment = next < 0 ? input : input[..next];
                output.Append(segment);
                input = input[segment.Length..];
            }
        }
        return output.ToString();
    }

    private static void RemoveLastSegment(StringBuilder output)
    {
        var text = output.ToString();
        var lastSlash = text.LastIndexOf('/');
        output.Length = lastSlash < 0 ? 0 : lastSlash;
    }
}
