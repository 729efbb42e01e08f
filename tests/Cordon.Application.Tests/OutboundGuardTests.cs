using System.Net;
using System.Net.Sockets;
using Cordon.Application.Outbound;
using Cordon.Core.Errors;
using Cordon.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Application.Tests;

public sealed class OutboundGuardTests
{
    private static HttpClient Client(string allowed = "")
    {
        var services = new ServiceCollection()
            .AddSingleton(new OutboundGuard(allowed.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(n => Core.Security.InternalAddresses.ParseNetwork(n)!.Value).ToList()))
            .AddOutboundHttpClient("test", TimeSpan.FromSeconds(10), followRedirects: true)
            .BuildServiceProvider();
        return services.GetRequiredService<IHttpClientFactory>().CreateClient("test");
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}/", "loopback")]
    [InlineData("http://localhost:{0}/", "loopback")]
    [InlineData("http://localhost.:{0}/", "loopback")]
    [InlineData("http://[::ffff:127.0.0.1]:{0}/", "loopback")]
    public async Task AConnection_ToAnInternalAddress_IsNeverMade(string template, string kind)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = Client();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, port)));

        Assert.Contains(kind, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1 is", failure.Message, StringComparison.Ordinal); // the kind, not the address resolved
        Assert.False(listener.Pending(), "the guarded client connected to the listener");
    }

    [Fact]
    public async Task ARedirect_ToAnInternalAddress_IsRefused_WhenTheFirstHopWasAllowed()
    {
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        var targetPort = ((IPEndPoint)target.LocalEndpoint).Port;
        using var allowedHost = new TcpListener(IPAddress.Parse("127.0.0.2"), 0);
        allowedHost.Start();
        var serving = HttpOnce.AnswerAsync(allowedHost, HttpOnce.Redirect($"http://127.0.0.1:{targetPort}/secret"));
        using var client = Client("127.0.0.2");

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.GetAsync($"http://127.0.0.2:{((IPEndPoint)allowedHost.LocalEndpoint).Port}/list.txt"));

        await serving;
        Assert.Contains("loopback", failure.Message, StringComparison.Ordinal);
        Assert.False(target.Pending(), "the redirect reached the internal address");
    }

    [Fact]
    public async Task AnAllowedNetwork_IsCalled()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = HttpOnce.AnswerAsync(listener, HttpOnce.Ok("ok"));
        using var client = Client("127.0.0.0/8");
        Assert.Equal("ok", await client.GetStringAsync($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"));
        await serving;
    }

    [Theory]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://localhost./")]
    [InlineData("http://198.18.0.1/")]
    [InlineData("http://224.0.0.1/")]
    [InlineData("http://255.255.255.255/")]
    [InlineData("http://[fe80::1]/")]
    public async Task SavingAUrl_ThatLeadsInside_IsRefused(string url)
    {
        var guard = new OutboundGuard([]);
        var refusal = await Assert.ThrowsAsync<InvalidInputException>(() => guard.CheckAsync(new Uri(url), "url", default));
        Assert.Equal("url", refusal.Field);
    }
}
