using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Server.Tests;

/// <summary>What a node tells browsers and peers about itself: security headers everywhere, its configured public URL.</summary>
public sealed class DeploymentTests : IAsyncLifetime
{
    private static readonly string KeyEncryptionKey = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray());
    private readonly string keysFolder = Directory.CreateTempSubdirectory("cordon-dp-").FullName;
    private CordonApp app = null!;

    public async Task InitializeAsync()
    {
        app = new CordonApp { Settings = Settings(KeyEncryptionKey) };
        await app.InitializeAsync();
    }

    private Dictionary<string, string> Settings(string keyEncryptionKey) => new()
    {
        ["Cordon:Node:PublicUrl"] = "https://cordon.bank.example",
        ["Cordon:DataProtection:KeysFolder"] = keysFolder,
        ["Cordon:DataProtection:KeyEncryptionKey"] = keyEncryptionKey,
    };

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)app).DisposeAsync();
        Directory.Delete(keysFolder, recursive: true);
    }

    [Fact]
    public async Task TheCookieKeys_AreEncryptedAtRest_AndUsableOnlyWithTheKeyEncryptionKey()
    {
        var protectedText = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("console session");
        var files = Directory.GetFiles(keysFolder, "*.xml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var xml = await File.ReadAllTextAsync(file);
            Assert.Contains("aesGcmEncryptedKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        }

        await using var second = CordonApp.SharingStoreWith(app, Settings(KeyEncryptionKey));
        Assert.Equal("console session", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
        await using var wrongKey = CordonApp.SharingStoreWith(app, Settings(Convert.ToBase64String(new byte[32])));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() =>
            wrongKey.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
    }

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
        // The console's one script file, never inline script.
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single().Split(';').Select(d => d.Trim()));
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
