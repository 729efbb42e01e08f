using System.Globalization;

namespace Cordon.Core.Identifiers;

/// <summary>
/// http and https URLs to one canonical spelling: lower-case scheme and host (IDN to punycode), no userinfo, no
/// default port, dot segments resolved, percent-encoding normalised, empty path as "/", no fragment. A URL without a
/// scheme is taken as http.
/// </summary>
internal static class UrlNormaliser
{
    public static Identifier Normalise(string input, PublicSuffixList suffixes)
    {
        var (scheme, rest) = SplitScheme(BackslashesToSlashes(Defang.RefangScheme(input)));
        var fragment = rest.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            rest = rest[..fragment];
        }
        var authorityEnd = rest.IndexOfAny(['/', '?']);
        // Defanged separators are undone in the authority only: "(.)" is a legitimate path.
        var authority = Defang.RefangSeparators(authorityEnd < 0 ? rest : rest[..authorityEnd]);
        var pathAndQuery = authorityEnd < 0 ? "" : rest[authorityEnd..];
        var userInfoEnd = authority.LastIndexOf('@');
        if (userInfoEnd >= 0)
        {
            authority = authority[(userInfoEnd + 1)..];
        }
        var (hostText, port) = SplitPort(authority, scheme);
        var host = UrlHost.Parse(hostText);
        var queryStart = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? pathAndQuery : pathAndQuery[..queryStart];
        var query = queryStart < 0 ? "" : pathAndQuery[(queryStart + 1)..];
        path = DotSegments.Remove(PercentEncoding.NormalisePath(path));
        var tail = (path.Length == 0 ? "/" : path) + (query.Length == 0 ? "" : "?" + PercentEncoding.NormaliseQuery(query));
        var value = scheme + "://" + host.Value + port + tail;
        var display = scheme + "://" + host.Display + port + tail;
        return new Identifier(IdentifierType.Url, value, display, host.IsDomain ? suffixes.RegistrableDomain(host.Value) : null);
    }

    // Browsers read "\" as "/" in http(s) URLs before the query; phishing links use it to confuse parsers.
    private static string BackslashesToSlashes(string text)
    {
        var query = text.IndexOf('?', StringComparison.Ordinal);
        var head = query < 0 ? text : text[..query];
        return head.Replace('\\', '/') + (query < 0 ? "" : text[query..]);
    }

    private static (string Scheme, string Remainder) SplitScheme(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && IsSchemeName(text.AsSpan(0, colon)) && !StartsWithPort(text.AsSpan(colon + 1)))
        {
            var scheme = text[..colon].ToLowerInvariant();
            if (scheme is not ("http" or "https"))
            {
                throw Refuse.Because("only http and https URLs are accepted");
            }
            return (scheme, text[(colon + 1)..].TrimStart('/'));
        }
        return ("http", text.StartsWith("//", StringComparison.Ordinal) ? text.TrimStart('/') : text);
    }

    private static bool IsSchemeName(ReadOnlySpan<char> name) =>
        char.IsAsciiLetter(name[0]) && !name.ContainsAnyExcept(SchemeCharacters);

    private static readonly System.Buffers.SearchValues<char> SchemeCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    // "example.com:8080/login" has no scheme: what follows the colon is a port.
    private static bool StartsWithPort(ReadOnlySpan<char> afterColon)
    {
        var end = afterColon.IndexOfAny('/', '?', '#');
        var port = end < 0 ? afterColon : afterColon[..end];
        return port.Length > 0 && !port.ContainsAnyExceptInRange('0', '9');
    }

    private static (string Host, string Port) SplitPort(string authority, string scheme)
    {
        int hostEnd;
        if (authority.StartsWith('['))
        {
            hostEnd = authority.IndexOf(']', StringComparison.Ordinal) + 1;
            if (hostEnd == 0)
            {
                throw Refuse.Because("the URL host is not a valid IPv6 address");
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            hostEnd = colon < 0 ? authority.Length : colon;
        }
        var host = authority[..hostEnd];
        var portText = authority[hostEnd..];
        if (portText.Length == 0 || portText == ":")
        {
            return (host, "");
        }
        if (portText[0] != ':' || portText.Length > 6
            || !int.TryParse(portText.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw Refuse.Because("the URL port is not a number from 0 to 65535");
        }
        var isDefault = (scheme == "http" && port == 80) || (scheme == "https" && port == 443);
        return (host, isDefault ? "" : ":" + port.ToString(CultureInfo.InvariantCulture));
    }
}
