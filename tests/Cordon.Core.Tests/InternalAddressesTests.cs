using System.Net;
using Cordon.Core.Security;

namespace Cordon.Core.Tests;

public sealed class InternalAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::127.0.0.1", "loopback")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")]
    [InlineData("2002:7f00:1::", "loopback")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.0.1", "private")]
    [InlineData("fd00::1", "unique-local")]
    [InlineData("100.64.0.1", "shared (CGNAT)")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("198.19.255.255", "benchmarking")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("255.255.255.255", "reserved or broadcast")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("192.0.2.10", "documentation")]
    public void InternalAddresses_AreNamed(string address, string kind) =>
        Assert.Equal(kind, InternalAddresses.KindOf(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("198.20.0.1")]
    [InlineData("2a00:1450:4009:81f::200e")]
    [InlineData("::ffff:8.8.8.8")]
    public void PublicAddresses_AreNot(string address) => Assert.Null(InternalAddresses.KindOf(IPAddress.Parse(address)));

    [Fact]
    public void Networks_ParseAsCidrOrSingleAddresses()
    {
        Assert.True(InternalAddresses.ParseNetwork("10.20.0.0/16")!.Value.Contains(IPAddress.Parse("10.20.3.4")));
        Assert.True(InternalAddresses.ParseNetwork(" 127.0.0.1 ")!.Value.Contains(IPAddress.Parse("127.0.0.1")));
        Assert.False(InternalAddresses.ParseNetwork("127.0.0.1")!.Value.Contains(IPAddress.Parse("127.0.0.2")));
        Assert.Null(InternalAddresses.ParseNetwork("intranet"));
    }
}
