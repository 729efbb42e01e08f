namespace Cordon.Core.Identifiers;

/// <summary>
/// The parts of a web link that profile and store links are read from: the host (lower case, without <c>www.</c>,
/// <c>m.</c> or <c>mobile.</c>), the non-empty path segments and the raw query.
/// </summary>
internal sealed record LinkParts(string Host, string[] Segments, string Query)
{
    public static LinkParts Parse(string text)
    {
        var rest = text;
        var schemeEnd = rest.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            if (rest[..schemeEnd].ToLowerInvariant() is not ("http" or "https"))
            {
                throw Refuse.Because("only http and https links are recognised");
            }
            rest = rest[(schemeEnd + 3)..];
        }
        var fragment = rest.IndexOf('#', StringComparison.Ordinal);
        rest = fragment < 0 ? rest : rest[..fragment];
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart < 0 ? "" : rest[(queryStart + 1)..];
        rest = queryStart < 0 ? rest : rest[..queryStart];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var host = (slash < 0 ? rest : rest[..slash]).ToLowerInvariant();
        var path = slash < 0 ? "" : rest[slash..];
        return new LinkParts(HostWithoutMobilePrefix(host), path.Split('/', StringSplitOptions.RemoveEmptyEntries), query);
    }

    /// <summary>The host written before the first "/" of a link without scheme, as <see cref="Parse"/> would read it.</summary>
    public static string HostOf(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return HostWithoutMobilePrefix((slash < 0 ? text : text[..slash]).ToLowerInvariant());
    }

    public string? QueryValue(string name)
    {
        foreach (var pair in Query.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && string.Equals(pair[..equals], name, StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            }
        }
        return null;
    }

    private static string HostWithoutMobilePrefix(string host)
    {
        foreach (var prefix in (string[])["www.", "m.", "mobile."])
        {
            if (host.StartsWith(prefix, StringComparison.Ordinal))
            {
                return host[prefix.Length..];
            }
        }
        return host;
    }
}
