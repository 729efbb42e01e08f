using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cordon.Application.Data;
using Cordon.Testing;

namespace Cordon.Federation.Tests;

/// <summary>
/// One Cordon node for the federation tests: the real server as its own process, on its own store (SQLite or
/// PostgreSQL), with federation's schedule off so that the test decides when each peer syncs.
/// </summary>
public sealed class FederationNode : IAsyncDisposable
{
    private const string AdminKey = "cdn_federation-tests-admin-key-0123456789";

    private FederationNode(string name, TestDatabase store, ServerProcess server)
    {
        Name = name;
        Store = store;
        Server = server;
        Admin = Client(AdminKey);
    }

    public string Name { get; }

    public TestDatabase Store { get; }

    public ServerProcess Server { get; }

    /// <summary>The node operator's administrator.</summary>
    public HttpClient Admin { get; }

    public string ApiRoot => new Uri(Server.Url, "/taxii2/cordon/").ToString();

    public static async Task<FederationNode> StartAsync(string name, StoreProvider provider, string folder)
    {
        var store = await TestDatabase.CreateAsync(provider);
        var server = new ServerProcess(name, folder, new Dictionary<string, string>
        {
            ["Cordon__Database__Provider"] = provider == StoreProvider.Postgres ? "postgres" : "sqlite",
            ["Cordon__Database__ConnectionString"] = store.Options.ConnectionString,
            ["Cordon__Bootstrap__AdminKey"] = AdminKey,
            ["Cordon__Node__Name"] = name,
            ["Cordon__Federation__IntervalSeconds"] = "0",
            ["Cordon__Outbound__AllowedNetworks"] = "127.0.0.0/8",
            ["Cordon__Federation__PageSize"] = "1500",
        });
        await server.StartAsync();
        return new FederationNode(name, store, server);
    }

    public HttpClient Client(string key) =>
        new() { BaseAddress = Server.Url, Timeout = TimeSpan.FromMinutes(10), DefaultRequestHeaders = { Authorization = new("Bearer", key) } };

    /// <summary>A member organisation of this node and an analyst key of it.</summary>
    public async Task<string> MemberAsync(string organisation, string country) => (await OrganisationAsync(organisation, country, "analyst")).Key;

    /// <summary>A member organisation of this node and a key of it with the roles given.</summary>
    public async Task<(Guid Id, string Key)> OrganisationAsync(string organisation, string country, params string[] roles)
    {
        var created = await ReadAsync(await Admin.PostAsJsonAsync("/api/v1/organisations", new { name = organisation, sector = "bank", country }));
        var key = await ReadAsync(await Admin.PostAsJsonAsync($"/api/v1/organisations/{created["id"]}/keys",
            new { name = "federation test", roles }));
        return (Guid.Parse(created["id"]!.GetValue<string>()), key["key"]!.GetValue<string>());
    }

    /// <summary>Adds a peer; answers the credentials the peer calls this node with.</summary>
    public async Task<(string Username, string Key)> AddPeerAsync(object peer)
    {
        var created = await ReadAsync(await Admin.PostAsJsonAsync("/api/v1/peers", peer));
        return (created["inboundUsername"]!.GetValue<string>(), created["inboundKey"]!.GetValue<string>());
    }

    public async Task<JsonObject> PeerAsync(string peer) => await ReadAsync(await Admin.GetAsync($"/api/v1/peers/{peer}"));

    public async Task<JsonObject> SyncAsync(string peer)
    {
        var report = await ReadAsync(await Admin.PostAsync($"/api/v1/peers/{peer}/sync", null));
        Assert.True(report["error"] is null, $"{Name} syncing with {peer}: {report["error"]}");
        return report;
    }

    public static async Task ImportCsvAsync(HttpClient member, string csv)
    {
        using var body = new StringContent(csv, Encoding.UTF8, "text/csv");
        var report = await ReadAsync(await member.PostAsync("/api/v1/indicators/import?format=csv", body));
        Assert.Equal(0, report["rejected"]!.GetValue<long>());
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Server.DisposeAsync();
        await Store.DisposeAsync();
    }
}
