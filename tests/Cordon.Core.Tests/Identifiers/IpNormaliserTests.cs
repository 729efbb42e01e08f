using System.Net;
using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Identifiers;

public sealed class IpNormaliserTests
{
    [Theory]
    [InlineData("192.168.0.1", "192.168.0.1")]
    [InlineData(" 8.8.8.8 ", "8.8.8.8")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("255.255.255.255", "255.255.255.255")]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData("192.168.1.77/24", "192.168.1.0/24")]
    [InlineData("192.168.1.77/32", "192.168.1.77")]
    [InlineData("172.16.5.4/12", "172.16.0.0/12")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("8.8.8.8/0", "0.0.0.0/0")]
    [InlineData("2001:DB8::1", "2001:db8::1")]
    [InlineData("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1")]
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1")]
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]
    [InlineData("::1", "::1")]
    [InlineData("::", "::")]
    [InlineData("fe80::1", "fe80::1")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("::FFFF:C000:0201", "192.0.2.1")]
    [InlineData("2001:db8::1/32", "2001:db8::/32")]
    [InlineData("2001:db8:abcd:12::1/64", "2001:db8:abcd:12::/64")]
    [InlineData("2001:db8::1/128", "2001:db8::1")]
    [InlineData("::/0", "::/0")]
    [InlineData("::ffff:10.1.2.3/104", "10.0.0.0/8")]
    [InlineData("１９２．１６８．０．１", "192.168.0.1")]
    [InlineData("192.168.0.1\u200B", "192.168.0.1")]
    public void Accepted_BecomesCanonical(string raw, string expected)
    {
        var ip = Normalisation.Accept(IdentifierType.Ip, raw);
        Assert.Equal(expected, ip.Value);
        Assert.Equal(expected, ip.Display);
        Assert.Null(ip.RegistrableDomain);
    }

    [Theory]
    [InlineData("0x7f.0.0.1", "IPv4")]
    [InlineData("127.1", "IPv4")]
    [InlineData("2130706433", "IPv4")]
    [InlineData("010.0.0.1", "IPv4")]
    [InlineData("0177.0.0.1", "IPv4")]
    [InlineData("256.0.0.1", "IPv4")]
    [InlineData("1.2.3.4.5", "IPv4")]
    [InlineData("1.2.3", "IPv4")]
    [InlineData("1..2.3", "IPv4")]
    [InlineData("1.2.3.", "IPv4")]
    [InlineData("+1.2.3.4", "IPv4")]
    [InlineData("1.2.3.1000", "IPv4")]
    [InlineData("١٩٢.١٦٨.٠.١", "IPv4")]
    [InlineData("192.168.0.1 /24", "IPv4")]
    [InlineData("example.com", "IPv4")]
    [InlineData("192.168.0.1/33", "0 to 32")]
    [InlineData("192.168.0.1/", "0 to 32")]
    [InlineData("192.168.0.1/08", "0 to 32")]
    [InlineData("192.168.0.1/-1", "0 to 32")]
    [InlineData("192.168.0.1/24/8", "0 to 32")]
    [InlineData("2001:db8::1/129", "0 to 128")]
    [InlineData("fe80::1%eth0", "zone")]
    [InlineData("fe80::1%1", "zone")]
    [InlineData("[::1]", "IPv6")]
    [InlineData("[::1]:80", "IPv6")]
    [InlineData("192.168.0.1:80", "IPv6")]
    [InlineData("1::2::3", "IPv6")]
    [InlineData("2001:db8::g", "IPv6")]
    [InlineData("1:2:3:4:5:6:7:8:9", "IPv6")]
    [InlineData("::ffff:01.2.3.4", "IPv6")]
    [InlineData("::ffff:1.2.3", "IPv6")]
    [InlineData("2001:db8::1 ::2", "IPv6")]
    public void Refused_SaysWhy(string raw, string reasonMentions)
    {
        var reason = Normalisation.Refuse(IdentifierType.Ip, raw);
        Assert.Contains(reasonMentions, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.255.1.2", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("10.0.0.0/7", "11.1.1.1", true)]
    [InlineData("192.168.1.0/24", "192.168.1.255", true)]
    [InlineData("192.168.1.0/24", "192.168.2.0", false)]
    [InlineData("192.168.1.77/24", "192.168.1.1", true)]
    [InlineData("0.0.0.0/0", "8.8.8.8", true)]
    [InlineData("8.8.8.8", "8.8.8.8", true)]
    [InlineData("8.8.8.8", "8.8.8.9", false)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("2001:db8::1", "2001:db8::1", true)]
    [InlineData("::/0", "::1", true)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "2001:db8::1", false)]
    [InlineData("2001:db8::/32", "10.0.0.1", false)]
    [InlineData("0.0.0.0/0", "::1", false)]
    public void IpRange_ContainsTheAddressesOfItsNetwork(string range, string address, bool expected)
    {
        Assert.True(IpRange.TryParse(range, out var parsed));
        Assert.Equal(expected, parsed.Contains(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.1.2.3/8", "10.0.0.0/8", 8)]
    [InlineData("192.168.0.1", "192.168.0.1", 32)]
    [InlineData("2001:db8::1/48", "2001:db8::/48", 48)]
    [InlineData("2001:db8::1", "2001:db8::1", 128)]
    public void IpRange_ParsesAndPrintsTheCanonicalForm(string text, string canonical, int prefixLength)
    {
        Assert.True(IpRange.TryParse(text, out var range));
        Assert.Equal(canonical, range.ToString());
        Assert.Equal(prefixLength, range.PrefixLength);
        Assert.True(IpRange.TryParse(canonical, out var again));
        Assert.Equal(range, again);
    }

    [Theory]
    [InlineData("127.1")]
    [InlineData("10.0.0.0/33")]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("fe80::1%eth0")]
    public void IpRange_RefusesWhatTheNormaliserRefuses(string text)
    {
        Assert.False(IpRange.TryParse(text, out var range));
        Assert.Equal(default, range);
        Assert.False(range.Contains(IPAddress.Loopback));
    }
}
