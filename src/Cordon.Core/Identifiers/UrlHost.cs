namespace Cordon.Core.Identifiers;

/// <summary>The host of a URL: a domain through the domain normaliser, or an IP literal through the IP normaliser.</summary>
internal sealed record UrlHost(string Value, string Display, bool IsDomain)
{
    public static UrlHost Parse(string host)
    {
        if (host.Length == 0)
        {
            throw Refuse.Because("the URL has no host");
        }
        if (host.StartsWith('['))
        {
            return IPv6Literal(host);
        }
        if (host.Contains('%', StringComparison.Ordinal))
        {
            host = PercentEncoding.DecodeHost(host);
        }
        if (WhatwgIPv4.EndsInNumber(host))
        {
            return WhatwgIPv4.ToDottedQuad(host) is { } ipv4
                ? new UrlHost(ipv4, ipv4, IsDomain: false)
                : throw Refuse.Because("the URL host is not a valid IPv4 address");
        }
        var ascii = DomainNormaliser.ToAscii(host);
        return new UrlHost(ascii, IdnDisplay.For(ascii), IsDomain: true);
    }

    private static UrlHost IPv6Literal(string host)
    {
        if (!host.EndsWith(']') || !IpNormaliser.TryParseAddress(host[1..^1], out var address, out _)
            || !host.Contains(':', StringComparison.Ordinal))
        {
            throw Refuse.Because("the URL host is not a valid IPv6 address");
        }
        var text = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? address.ToString()
            : "[" + address + "]";
        return new UrlHost(text, text, IsDomain: false);
    }
}
