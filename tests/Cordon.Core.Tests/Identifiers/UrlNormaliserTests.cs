using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Identifiers;

public sealed class UrlNormaliserTests
{
    [Theory]
    [InlineData("https://EXAMPLE.com:443/a/../b#x", "https://example.com/b", "example.com")]
    [InlineData("example.com/login", "http://example.com/login", "example.com")]
    [InlineData("example.com", "http://example.com/", "example.com")]
    [InlineData("HTTP://Example.COM", "http://example.com/", "example.com")]
    [InlineData("HTTPS://EXAMPLE.COM/PATH", "https://example.com/PATH", "example.com")]
    [InlineData("http://example.com:80/", "http://example.com/", "example.com")]
    [InlineData("https://example.com:8443/", "https://example.com:8443/", "example.com")]
    [InlineData("http://example.com:443/", "http://example.com:443/", "example.com")]
    [InlineData("http://example.com:0080/", "http://example.com/", "example.com")]
    [InlineData("http://example.com:/", "http://example.com/", "example.com")]
    [InlineData("https://user:pass@example.com/x", "https://example.com/x", "example.com")]
    [InlineData("https://paypal.com@evil.example.net/login", "https://evil.example.net/login", "example.net")]
    [InlineData("http://example.com/a/./b/../../c", "http://example.com/c", "example.com")]
    [InlineData("http://example.com/../../a", "http://example.com/a", "example.com")]
    [InlineData("http://example.com/a/b/..", "http://example.com/a/", "example.com")]
    [InlineData("http://example.com/a/b/.", "http://example.com/a/b/", "example.com")]
    [InlineData("http://example.com/a//b", "http://example.com/a//b", "example.com")]
    [InlineData("http://example.com/%2e%2E/a/%2E/b", "http://example.com/a/b", "example.com")]
    [InlineData("http://example.com/%7Euser/%41%42", "http://example.com/~user/AB", "example.com")]
    [InlineData("http://example.com/a%2fb%3f", "http://example.com/a%2Fb%3F", "example.com")]
    [InlineData("http://example.com/a b", "http://example.com/a%20b", "example.com")]
    [InlineData("http://example.com/über", "http://example.com/%C3%BCber", "example.com")]
    [InlineData("http://example.com/%c3%bcber", "http://example.com/%C3%BCber", "example.com")]
    [InlineData("http://example.com/100%", "http://example.com/100%25", "example.com")]
    [InlineData("http://example.com/%zz", "http://example.com/%25zz", "example.com")]
    [InlineData("http://example.com/[x]{y}|", "http://example.com/%5Bx%5D%7By%7D%7C", "example.com")]
    [InlineData("http://example.com/a;b=c,d!$'()*+&", "http://example.com/a;b=c,d!$'()*+&", "example.com")]
    [InlineData("http://example.com/@user:1", "http://example.com/@user:1", "example.com")]
    [InlineData("http://example.com/?q=1&r=a b", "http://example.com/?q=1&r=a%20b", "example.com")]
    [InlineData("http://example.com/search?q=%e4%bd%a0+x", "http://example.com/search?q=%E4%BD%A0+x", "example.com")]
    [InlineData("http://example.com/search?q=你", "http://example.com/search?q=%E4%BD%A0", "example.com")]
    [InlineData("http://example.com/p?next=/a/../b?c", "http://example.com/p?next=/a/../b?c", "example.com")]
    [InlineData("http://example.com/?", "http://example.com/", "example.com")]
    [InlineData("http://example.com/path?#top", "http://example.com/path", "example.com")]
    [InlineData("https://example.com/a?b=c#d?e", "https://example.com/a?b=c", "example.com")]
    [InlineData("https://bücher.de/kaufen", "https://xn--bcher-kva.de/kaufen", "xn--bcher-kva.de")]
    [InlineData("https://аpple.com/", "https://xn--pple-43d.com/", "xn--pple-43d.com")]
    [InlineData("hxxps://evil[.]example[.]com/login", "https://evil.example.com/login", "example.com")]
    [InlineData("hxxp://evil[.]example[.]com[:]8080/x", "http://evil.example.com:8080/x", "example.com")]
    [InlineData("http://192.168.0.1:8080/admin", "http://192.168.0.1:8080/admin", null)]
    [InlineData("http://0x7f.1/", "http://127.0.0.1/", null)]
    [InlineData("http://2130706433/", "http://127.0.0.1/", null)]
    [InlineData("http://0177.0.0.1/", "http://127.0.0.1/", null)]
    [InlineData("http://192.168.0.1./", "http://192.168.0.1/", null)]
    [InlineData("http://[2001:DB8::1]:8080/x", "http://[2001:db8::1]:8080/x", null)]
    [InlineData("http://[::ffff:192.168.0.1]/", "http://192.168.0.1/", null)]
    [InlineData("http:\\\\example.com\\a\\b", "http://example.com/a/b", "example.com")]
    [InlineData("https:/example.com/x", "https://example.com/x", "example.com")]
    [InlineData("//example.com/x", "http://example.com/x", "example.com")]
    [InlineData("example.com:8080/login", "http://example.com:8080/login", "example.com")]
    [InlineData("https://www.example.co.uk/path#frag", "https://www.example.co.uk/path", "example.co.uk")]
    [InlineData("https://foo.github.io/", "https://foo.github.io/", "foo.github.io")]
    [InlineData("https://co.uk/", "https://co.uk/", null)]
    [InlineData("http://ex%61mple.com/", "http://example.com/", "example.com")]
    [InlineData("http://example.com./", "http://example.com/", "example.com")]
    [InlineData("https://example.com/ａｂｃ", "https://example.com/abc", "example.com")]
    [InlineData("  https://example.com/\u200Blogin  ", "https://example.com/login", "example.com")]
    [InlineData("ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／", "https://example.com/", "example.com")]
    public void Accepted_BecomesCanonical(string raw, string expected, string? registrable)
    {
        var url = Normalisation.Accept(IdentifierType.Url, raw);
        Assert.Equal(expected, url.Value);
        Assert.Equal(registrable, url.RegistrableDomain);
    }

    [Theory]
    [InlineData("https://bücher.de/kaufen", "https://bücher.de/kaufen")]
    [InlineData("https://аpple.com/", "https://xn--pple-43d.com/")]
    [InlineData("https://example.com/a b", "https://example.com/a%20b")]
    public void Display_ShowsSafeIdnsInUnicode(string raw, string display) =>
        Assert.Equal(display, Normalisation.Accept(IdentifierType.Url, raw).Display);

    [Fact]
    public void Normalising_IsIdempotent()
    {
        foreach (var raw in new[] { "https://EXAMPLE.com:443/a/../b#x", "http://example.com/%7e/ü?q=a b&r=%2f", "http://0x7f.1/a/./b" })
        {
            var once = Normalisation.Accept(IdentifierType.Url, raw).Value;
            Assert.Equal(once, Normalisation.Accept(IdentifierType.Url, once).Value);
        }
    }

    [Theory]
    [InlineData("ftp://example.com/", "http and https")]
    [InlineData("javascript:alert(1)", "http and https")]
    [InlineData("data:text/html,hello", "http and https")]
    [InlineData("mailto:a@example.com", "http and https")]
    [InlineData("file:///etc/passwd", "http and https")]
    [InlineData("http://", "host")]
    [InlineData("http:///", "host")]
    [InlineData("https://?q=1", "host")]
    [InlineData("https://exa mple.com/", "spaces")]
    [InlineData("http://localhost/", "two labels")]
    [InlineData("http://example.com:99999/", "port")]
    [InlineData("http://example.com:8o/", "port")]
    [InlineData("http://example.com:-1/", "port")]
    [InlineData("http://[::1/", "IPv6")]
    [InlineData("http://[1.2.3.4]/", "IPv6")]
    [InlineData("http://[fe80::1%25eth0]/", "IPv6")]
    [InlineData("http://256.1.1.1/", "IPv4")]
    [InlineData("http://1.2.3.4.5/", "IPv4")]
    [InlineData("http://4294967296/", "IPv4")]
    [InlineData("http://0x1g.1/", "IPv4")]
    [InlineData("http://exa_mple.com/", "valid domain")]
    [InlineData("http://ex%ZZample.com/", "valid domain")]
    [InlineData("http://%C0%80.com/", "UTF-8")]
    [InlineData("http://example.com\u0000/", "control")]
    [InlineData("https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com/", "63")]
    public void Refused_SaysWhy(string raw, string reasonMentions)
    {
        var reason = Normalisation.Refuse(IdentifierType.Url, raw);
        Assert.Contains(reasonMentions, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LengthLimit_Is2048()
    {
        var prefix = "https://example.com/";
        Normalisation.Accept(IdentifierType.Url, prefix + new string('a', 2048 - prefix.Length));
        Assert.Contains("2048", Normalisation.Refuse(IdentifierType.Url, prefix + new string('a', 2049 - prefix.Length)), StringComparison.Ordinal);
    }
}
