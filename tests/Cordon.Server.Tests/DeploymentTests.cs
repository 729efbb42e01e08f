using System.Net;
using System.Text.Json.Nodes;

namespace Cordon.Server.Tests;

/// <summary>What a node tells browsers and peers about itself: security headers everywhere, its configured public URL.</summary>
public sealed class DeploymentTests : IAsyncLifetime
{
    private CordonApp app = null!;

    public async Task InitializeAsync()
    {
        app = new CordonApp { Settings = { ["Cordon:Node:PublicUrl"] = "https://cordon.bank.example" } };
        await app.InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    [Theory]
    [InlineData("/api/v1/indicators")]
    [InlineData("/api/v1/no-such-route")]
    [InlineData("/console/sign-in")]
    [InlineData("/public/check")]
    [InlineData("/health/live")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        using var client = app.Admin();
        using var response = await client.GetAsync(path);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task TaxiiDiscovery_NamesThePublicUrl_NotTheHostAClientSent()
    {
        var (organisationId, key) = await app.MemberAsync("Deployment Peer Bank", Core.Members.Sector.Bank, "GB", Core.Members.Role.Viewer);
        using var taxii = app.TaxiiClient(organisationId, key);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/taxii2/");
        request.Headers.Host = "evil.example";
        using var response = await taxii.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var discovery = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("https://cordon.bank.example/taxii2/cordon/", discovery["default"]!.GetValue<string>());
        Assert.DoesNotContain("evil.example", discovery.ToJsonString(), StringComparison.Ordinal);
    }
}
