using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Identifiers;

public sealed class PublicSuffixListTests
{
    private const string SmallList = """
        // ===BEGIN ICANN DOMAINS===
        com
        jp
        // wildcard and exception rules
        *.ck
        !www.ck
        *.kawasaki.jp
        !city.kawasaki.jp
        cn
        公司.cn
        // ===END ICANN DOMAINS===
        // ===BEGIN PRIVATE DOMAINS===
        github.io   trailing text is ignored
        // ===END PRIVATE DOMAINS===
        """;

    private static readonly PublicSuffixList Small = PublicSuffixList.Parse(new StringReader(SmallList));

    [Theory]
    // the checkPublicSuffix cases of publicsuffix.org's test data that this list still holds
    [InlineData("com", null)]
    [InlineData("example.com", "example.com")]
    [InlineData("b.example.com", "example.com")]
    [InlineData("a.b.example.com", "example.com")]
    [InlineData("uk.com", null)]
    [InlineData("example.uk.com", "example.uk.com")]
    [InlineData("b.example.uk.com", "example.uk.com")]
    [InlineData("test.ac", "test.ac")]
    [InlineData("mm", null)]
    [InlineData("c.mm", null)]
    [InlineData("b.c.mm", "b.c.mm")]
    [InlineData("a.b.c.mm", "b.c.mm")]
    [InlineData("jp", null)]
    [InlineData("test.jp", "test.jp")]
    [InlineData("www.test.jp", "test.jp")]
    [InlineData("ac.jp", null)]
    [InlineData("test.ac.jp", "test.ac.jp")]
    [InlineData("kyoto.jp", null)]
    [InlineData("test.kyoto.jp", "test.kyoto.jp")]
    [InlineData("ide.kyoto.jp", null)]
    [InlineData("b.ide.kyoto.jp", "b.ide.kyoto.jp")]
    [InlineData("a.b.ide.kyoto.jp", "b.ide.kyoto.jp")]
    [InlineData("c.kobe.jp", null)]
    [InlineData("b.c.kobe.jp", "b.c.kobe.jp")]
    [InlineData("city.kobe.jp", "city.kobe.jp")]
    [InlineData("www.city.kobe.jp", "city.kobe.jp")]
    [InlineData("ck", null)]
    [InlineData("test.ck", null)]
    [InlineData("b.test.ck", "b.test.ck")]
    [InlineData("www.ck", "www.ck")]
    [InlineData("www.www.ck", "www.ck")]
    [InlineData("us", null)]
    [InlineData("test.us", "test.us")]
    [InlineData("ak.us", null)]
    [InlineData("test.ak.us", "test.ak.us")]
    [InlineData("k12.ak.us", null)]
    [InlineData("test.k12.ak.us", "test.k12.ak.us")]
    [InlineData("xn--85x722f.com.cn", "xn--85x722f.com.cn")]
    [InlineData("xn--55qx5d.cn", null)]
    [InlineData("xn--85x722f.xn--55qx5d.cn", "xn--85x722f.xn--55qx5d.cn")]
    [InlineData("www.xn--85x722f.xn--55qx5d.cn", "xn--85x722f.xn--55qx5d.cn")]
    [InlineData("shishi.xn--55qx5d.cn", "shishi.xn--55qx5d.cn")]
    // the examples of the issue, the private section, and names under no rule (the default rule "*")
    [InlineData("www.example.co.uk", "example.co.uk")]
    [InlineData("co.uk", null)]
    [InlineData("a.b.example.com.cn", "example.com.cn")]
    [InlineData("foo.github.io", "foo.github.io")]
    [InlineData("www.foo.github.io", "foo.github.io")]
    [InlineData("github.io", null)]
    [InlineData("example", null)]
    [InlineData("example.example", "example.example")]
    [InlineData("b.example.example", "example.example")]
    [InlineData("WWW.Example.CO.UK", "example.co.uk")]
    [InlineData("", null)]
    [InlineData(".com", null)]
    [InlineData("example.com.", null)]
    [InlineData("a..example.com", null)]
    public void DebianList_GivesTheRegistrableDomain(string domain, string? expected) =>
        Assert.Equal(expected, Normalisation.Suffixes.RegistrableDomain(domain));

    [Theory]
    [InlineData("ck", null)]
    [InlineData("test.ck", null)]
    [InlineData("b.test.ck", "b.test.ck")]
    [InlineData("a.b.test.ck", "b.test.ck")]
    [InlineData("www.ck", "www.ck")]
    [InlineData("www.www.ck", "www.ck")]
    [InlineData("kawasaki.jp", "kawasaki.jp")]
    [InlineData("x.kawasaki.jp", null)]
    [InlineData("y.x.kawasaki.jp", "y.x.kawasaki.jp")]
    [InlineData("city.kawasaki.jp", "city.kawasaki.jp")]
    [InlineData("www.city.kawasaki.jp", "city.kawasaki.jp")]
    [InlineData("xn--55qx5d.cn", null)]
    [InlineData("a.xn--55qx5d.cn", "a.xn--55qx5d.cn")]
    [InlineData("b.a.xn--55qx5d.cn", "a.xn--55qx5d.cn")]
    [InlineData("example.com", "example.com")]
    [InlineData("example.org", "example.org")]
    [InlineData("foo.github.io", "foo.github.io")]
    [InlineData("github.io", null)]
    public void InlineList_AppliesWildcardAndExceptionRules(string domain, string? expected) =>
        Assert.Equal(expected, Small.RegistrableDomain(domain));

    [Fact]
    public void Parse_CountsEveryRule_AndLoadReadsTheWholeDebianList()
    {
        Assert.Equal(9, Small.RuleCount);
        Assert.True(Normalisation.Suffixes.RuleCount > 9000, $"only {Normalisation.Suffixes.RuleCount} rules");
        Assert.Equal(Normalisation.Suffixes.RuleCount, PublicSuffixList.Default.RuleCount);
    }

    [Fact]
    public void AnEmptyList_AppliesOnlyTheDefaultRule()
    {
        var empty = PublicSuffixList.Parse(new StringReader("// nothing here\n\n"));
        Assert.Equal(0, empty.RuleCount);
        Assert.Equal("co.uk", empty.RegistrableDomain("www.example.co.uk"));
        Assert.Equal("co.uk", empty.RegistrableDomain("co.uk"));
        Assert.Null(empty.RegistrableDomain("uk"));
    }
}
