using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Identifiers;

public sealed class DomainNormaliserTests
{
    [Theory]
    [InlineData("example.com", "example.com", "example.com", "example.com")]
    [InlineData("EXAMPLE.COM.", "example.com", "example.com", "example.com")]
    [InlineData("www.Example.co.uk", "www.example.co.uk", "www.example.co.uk", "example.co.uk")]
    [InlineData("foo.github.io", "foo.github.io", "foo.github.io", "foo.github.io")]
    [InlineData("co.uk", "co.uk", "co.uk", null)]
    [InlineData("github.io", "github.io", "github.io", null)]
    [InlineData("a.b.example.com.cn", "a.b.example.com.cn", "a.b.example.com.cn", "example.com.cn")]
    [InlineData("www.city.kobe.jp", "www.city.kobe.jp", "www.city.kobe.jp", "city.kobe.jp")]
    [InlineData("login.test.blogspot.com", "login.test.blogspot.com", "login.test.blogspot.com", "test.blogspot.com")]
    [InlineData("my-site.example.org", "my-site.example.org", "my-site.example.org", "example.org")]
    [InlineData("123.example.com", "123.example.com", "123.example.com", "example.com")]
    [InlineData("bücher.de", "xn--bcher-kva.de", "bücher.de", "xn--bcher-kva.de")]
    [InlineData("BÜCHER.DE", "xn--bcher-kva.de", "bücher.de", "xn--bcher-kva.de")]
    [InlineData("xn--bcher-kva.de", "xn--bcher-kva.de", "bücher.de", "xn--bcher-kva.de")]
    [InlineData("XN--BCHER-KVA.DE", "xn--bcher-kva.de", "bücher.de", "xn--bcher-kva.de")]
    [InlineData("faß.de", "xn--fa-hia.de", "faß.de", "xn--fa-hia.de")]
    [InlineData("пример.рф", "xn--e1afmkfd.xn--p1ai", "пример.рф", "xn--e1afmkfd.xn--p1ai")]
    [InlineData("例え.テスト", "xn--r8jz45g.xn--zckzah", "例え.テスト", "xn--r8jz45g.xn--zckzah")]
    [InlineData("食狮.公司.cn", "xn--85x722f.xn--55qx5d.cn", "食狮.公司.cn", "xn--85x722f.xn--55qx5d.cn")]
    [InlineData("ｅｘａｍｐｌｅ．ｃｏｍ", "example.com", "example.com", "example.com")]
    [InlineData("example。com", "example.com", "example.com", "example.com")]
    [InlineData("example.com。", "example.com", "example.com", "example.com")]
    [InlineData("ex\u200Bample.com", "example.com", "example.com", "example.com")]
    [InlineData("exa\u202Emple.com", "example.com", "example.com", "example.com")]
    [InlineData("evil[.]example[.]com", "evil.example.com", "evil.example.com", "example.com")]
    [InlineData("evil(.)example(.)com", "evil.example.com", "evil.example.com", "example.com")]
    [InlineData("  example.com\n", "example.com", "example.com", "example.com")]
    // homoglyphs: punycode, never the Latin name, and shown as punycode
    [InlineData("аpple.com", "xn--pple-43d.com", "xn--pple-43d.com", "xn--pple-43d.com")]
    [InlineData("xn--pple-43d.com", "xn--pple-43d.com", "xn--pple-43d.com", "xn--pple-43d.com")]
    [InlineData("pаypal.com", "xn--pypal-4ve.com", "xn--pypal-4ve.com", "xn--pypal-4ve.com")]
    [InlineData("paypal.cоm", "paypal.xn--cm-fmc", "paypal.xn--cm-fmc", "paypal.xn--cm-fmc")]
    public void Accepted_BecomesLowerCasePunycode(string raw, string value, string display, string? registrable)
    {
        var domain = Normalisation.Accept(IdentifierType.Domain, raw);
        Assert.Equal(value, domain.Value);
        Assert.Equal(display, domain.Display);
        Assert.Equal(registrable, domain.RegistrableDomain);
    }

    [Theory]
    [InlineData("аррӏе.com")]
    [InlineData("еxаmрlе.com")]
    [InlineData("gооgle.com")]
    [InlineData("αpple.com")]
    [InlineData("ѕсаm.org")]
    public void Homoglyphs_NeverMatchTheLatinName_AndShowAsPunycode(string raw)
    {
        var domain = Normalisation.Accept(IdentifierType.Domain, raw);
        Assert.StartsWith("xn--", domain.Value, StringComparison.Ordinal);
        Assert.Equal(domain.Value, domain.Display);
        Assert.NotEqual("apple.com", domain.Value);
    }

    [Theory]
    [InlineData("http://example.com/", "url")]
    [InlineData("https://example.com", "url")]
    [InlineData("example.com/login", "url")]
    [InlineData("example.com?x=1", "url")]
    [InlineData("//example.com", "url")]
    [InlineData("user@example.com", "email")]
    [InlineData("example.com:8080", "port")]
    [InlineData("[::1]", "IPv6")]
    [InlineData("192.168.0.1", "ip")]
    [InlineData("127.1", "ip")]
    [InlineData("localhost", "two labels")]
    [InlineData("com", "two labels")]
    [InlineData("example..com", "empty")]
    [InlineData(".example.com", "empty")]
    [InlineData("example.com..", "empty")]
    [InlineData("-example.com", "valid domain")]
    [InlineData("example-.com", "valid domain")]
    [InlineData("ex_ample.com", "valid domain")]
    [InlineData("ex!ample.com", "valid domain")]
    [InlineData("xn--zz.com", "valid domain")]
    [InlineData("exa mple.com", "spaces")]
    [InlineData("example.123", "all digits")]
    [InlineData("0x7f.1", "all digits")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com", "63")]
    public void Refused_SaysWhy(string raw, string reasonMentions)
    {
        var reason = Normalisation.Refuse(IdentifierType.Domain, raw);
        Assert.Contains(reasonMentions, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LongestLabelAndName_AreAccepted_OneMoreIsRefused()
    {
        var label = new string('a', 63);
        Assert.Equal(label + ".com", Normalisation.Accept(IdentifierType.Domain, label + ".com").Value);
        var longest = string.Join('.', Enumerable.Repeat(label, 3)) + "." + new string('b', 61); // 253 characters
        Assert.Equal(253, Normalisation.Accept(IdentifierType.Domain, longest).Value.Length);
        Assert.Contains("253", Normalisation.Refuse(IdentifierType.Domain, longest + "b"), StringComparison.Ordinal);
    }
}
