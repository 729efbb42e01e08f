using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cordon.Core.Members;
using Cordon.Core.Text;
using Cordon.Server.Members;
using Cordon.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Server.Tests;

/// <summary>The host in process over a throwaway store, with a known bootstrap admin key.</summary>
public sealed class CordonApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "cdn_test-bootstrap-admin-key-0123456789abcdef";

    public static readonly JsonSerializerOptions Json = CreateJson();

    private TestDatabase? database;
    private bool ownsDatabase = true;

    /// <summary>When set before the host starts, the host's clock (deadlines, expiry) is this fake one.</summary>
    public FakeClock? Clock { get; init; }

    /// <summary>Extra settings applied last, e.g. to pause the webhook dispatcher.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    public TestDatabase Database => database ?? throw new InvalidOperationException("Not started.");

    /// <summary>A second host over the same store, as a second instance behind a load balancer would be.</summary>
    public static CordonApp SharingStoreWith(CordonApp first, Dictionary<string, string>? settings = null)
    {
        var second = new CordonApp { database = first.Database, ownsDatabase = false, Settings = settings ?? [] };
        _ = second.Server;
        return second;
    }

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        _ = Server; // start the host: migrate and bootstrap
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (database is not null && ownsDatabase)
        {
            await database.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Cordon:Database:Provider", Database.Options.Provider.ToString());
        builder.UseSetting("Cordon:Database:ConnectionString", Database.Options.ConnectionString);
        builder.UseSetting("Cordon:Bootstrap:AdminKey", AdminKey);
        builder.UseSetting("Cordon:Node:Name", "Test node operator");
        builder.UseSetting("Cordon:Node:Country", "GB");
        builder.UseSetting("Cordon:Screening:PollMilliseconds", "100");
        builder.UseSetting("Cordon:Public:RequestsPerMinute", "1000");
        builder.UseSetting("Cordon:Cards:HashKey", Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("test-card-hash-key-0123456789abcdef")));
        builder.UseSetting("Cordon:Audit:KeyEncryptionKey", Convert.ToBase64String(new byte[32]));
        builder.UseSetting("Cordon:Webhooks:PollMilliseconds", "100");
        // The tests' webhook receivers, feeds and peers listen on 127.0.0.1; the guard's own tests clear this.
        builder.UseSetting(Application.Outbound.OutboundGuard.AllowedNetworksSetting, "127.0.0.0/8,::1");
        builder.UseSetting(Application.Outbound.OutboundGuard.WebhookNetworksSetting, "127.0.0.0/8,::1");
        // Every in-process request comes from one (unknown) address: the guessing limits are tested on a real server.
        builder.UseSetting("Cordon:Auth:FreeKeyFailuresPerAddress", "1000000");
        builder.UseSetting("Cordon:Auth:FreePasswordFailuresPerAddress", "1000000");
        builder.UseSetting("Cordon:Auth:FreePasswordFailuresPerAccount", "1000000");
        // Local feed files: the tests write theirs in temporary folders.
        builder.UseSetting(Application.Feeds.FeedFolder.Setting, Path.GetTempPath());
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        if (Clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    public HttpClient ClientWithKey(string? key)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    public HttpClient Admin() => ClientWithKey(AdminKey);

    public const string TaxiiMedia = "application/taxii+json;version=2.1";

    /// <summary>A TAXII client as TAXII 2.1 asks servers to accept one: HTTP Basic with the organisation id and a key.</summary>
    public HttpClient TaxiiClient(Guid organisation, string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{organisation:D}:{key}")));
        client.DefaultRequestHeaders.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(TaxiiMedia));
        return client;
    }

    /// <summary>A body declared as TAXII.</summary>
    public static StringContent TaxiiContent(string body)
    {
        var content = new StringContent(body, System.Text.Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(TaxiiMedia);
        return content;
    }

    /// <summary>Creates an organisation with one key holding the given roles (viewer if none); returns its id and key.</summary>
    public async Task<(Guid OrganisationId, string Key)> MemberAsync(string name, Sector sector, string country, params Role[] roles)
    {
        using var admin = Admin();
        var organisation = await ReadAsync<OrganisationResponse>(
            await admin.PostAsJsonAsync("/api/v1/organisations", new { name, sector, country }, Json));
        var key = await ReadAsync<CreatedKeyResponse>(
            await admin.PostAsJsonAsync($"/api/v1/organisations/{organisation.Id}/keys", new { name = "test key", roles = roles.Length == 0 ? [Role.Viewer] : roles }, Json));
        return (organisation.Id, key.Key);
    }

    /// <summary>A peer this node pulls from (at a made-up address): the organisation that stands for it here and the key it calls with.</summary>
    public async Task<(Guid Organisation, string Key)> PeerAsync(string name, params string[] tlps)
    {
        using var admin = Admin();
        var created = await ReadAsync<Server.Federation.PeerCreatedResponse>(await admin.PostAsJsonAsync("/api/v1/peers", new
        {
            name,
            apiRoot = $"https://{name}.example/taxii2/cordon/",
            collectionId = Application.Federation.TaxiiCollections.FederationId,
            direction = "pull",
            secret = "the key this node holds at the peer",
            tlps,
        }, Json));
        return (Guid.Parse(created.InboundUsername), created.InboundKey);
    }

    /// <summary>A console session of a new user of the organisation, signed in through the sign-in form; redirects are not followed.</summary>
    public async Task<HttpClient> ConsoleUserAsync(Guid organisationId, string email, params string[] roles)
    {
        const string password = "console-password-2026";
        using var admin = Admin();
        (await admin.PostAsJsonAsync($"/api/v1/organisations/{organisationId}/users",
            new { email, displayName = email, roles = roles.Length == 0 ? ["viewer"] : roles, password })).EnsureSuccessStatusCode();
        var browser = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync("/console/sign-in");
        var signedIn = await browser.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["__RequestVerificationToken"] = FormToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    /// <summary>The antiforgery token of a console page's (first) form.</summary>
    public static string FormToken(string page) => System.Net.WebUtility.HtmlDecode(
        System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        CordonJson.Configure(options);
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        return options;
    }
}
