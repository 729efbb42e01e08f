using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Cordon.Application.Feeds;
using Cordon.Application.Outbound;
using Cordon.Server.Audit;
using Cordon.Testing;

namespace Cordon.Server.Tests;

/// <summary>
/// A node must never become a way into its network: feeds read only the import folder and say nothing of what a file
/// holds; feeds, peers and webhooks never call an internal address unless the operator allowed its network.
/// </summary>
public sealed class OutboundHardeningTests : IAsyncLifetime
{
    private readonly string importFolder = Directory.CreateTempSubdirectory("cordon-import-").FullName;
    private CordonApp app = null!;

    public async Task InitializeAsync()
    {
        // Only 127.0.0.2 is allowed, as an operator would allow one internal peer; every other internal address is not.
        app = new CordonApp
        {
            Settings =
            {
                [OutboundGuard.AllowedNetworksSetting] = "127.0.0.2", [OutboundGuard.WebhookNetworksSetting] = "", [FeedFolder.Setting] = importFolder,
            },
        };
        await app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)app).DisposeAsync();
        Directory.Delete(importFolder, recursive: true);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/proc/self/environ")]
    [InlineData("../../../../etc/passwd")]
    [InlineData("data/card-hash.key")]
    [InlineData("/no/such/file.csv")]
    public async Task AFeed_OutsideTheImportFolder_IsRefused_AliveOrMissingAlike(string location)
    {
        using var admin = app.Admin();
        var refused = await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync("/api/v1/feeds", new { name = "peek", kind = "csv", location, intervalMinutes = 0 }), HttpStatusCode.BadRequest);
        var detail = refused.GetProperty("detail").GetString()!;
        Assert.Contains(FeedFolder.Setting, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALinkOutOfTheImportFolder_IsRefused_AndAFileThatIsNoCsv_IsNotQuoted()
    {
        File.CreateSymbolicLink(Path.Combine(importFolder, "shadow.csv"), "/etc/passwd");
        // A link whose target looks inside, through a folder link that leads out.
        Directory.CreateSymbolicLink(Path.Combine(importFolder, "etc"), "/etc");
        File.CreateSymbolicLink(Path.Combine(importFolder, "inside.csv"), Path.Combine(importFolder, "etc", "passwd"));
        using var admin = app.Admin();
        foreach (var location in new[] { "shadow.csv", "inside.csv", "etc/passwd" })
        {
            await ProblemAssert.IsProblemAsync(
                await admin.PostAsJsonAsync("/api/v1/feeds", new { name = "linked", kind = "csv", location, intervalMinutes = 0 }),
                HttpStatusCode.BadRequest);
        }

        await File.WriteAllTextAsync(Path.Combine(importFolder, "secret.csv"), "s3cret-line-of-a-key-file:0123456789\n");
        var added = await admin.PostAsJsonAsync("/api/v1/feeds", new { name = "not-a-csv", kind = "csv", location = "secret.csv", intervalMinutes = 0 });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var run = await CordonApp.ReadAsync<FeedRunReport>(await admin.PostAsync("/api/v1/feeds/not-a-csv/run", null));
        Assert.NotNull(run.Error);
        Assert.DoesNotContain("s3cret", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/list.txt")]
    [InlineData("http://[::1]:9/list.txt")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://localhost:9/list.txt")]
    [InlineData("http://localhost.:9/list.txt")]
    [InlineData("http://[::ffff:127.0.0.1]:9/list.txt")]
    public async Task FeedsPeersAndWebhooks_PointedInside_AreRefused(string url)
    {
        using var admin = app.Admin();
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/feeds",
            new { name = "inside", kind = "list", type = "domain", location = url, intervalMinutes = 0 }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/peers",
            new { name = "inside-peer", apiRoot = url.Replace("list.txt", "taxii2/", StringComparison.Ordinal), collectionId = Guid.NewGuid(), secret = "x" }),
            HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/webhooks", new { url }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheOperatorsAllowedNetwork_IsNotOpenToMembersWebhooks()
    {
        using var admin = app.Admin();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/feeds",
            new { name = "internal-list", kind = "list", type = "domain", location = "http://127.0.0.2:9/list.txt", intervalMinutes = 0 })).StatusCode);
        var refused = await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://127.0.0.2:9/hook" }),
            HttpStatusCode.BadRequest);
        Assert.DoesNotContain("127.0.0.2 is", refused.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFeedRedirectedInside_FailsItsRun_WithoutCallingIt_AndTheFailureIsAudited()
    {
        using var inside = new TcpListener(IPAddress.Loopback, 0);
        inside.Start();
        using var allowed = new TcpListener(IPAddress.Parse("127.0.0.2"), 0);
        allowed.Start();
        var redirecting = HttpOnce.AnswerAsync(allowed, HttpOnce.Redirect($"http://127.0.0.1:{((IPEndPoint)inside.LocalEndpoint).Port}/admin"));
        using var admin = app.Admin();
        var location = $"http://127.0.0.2:{((IPEndPoint)allowed.LocalEndpoint).Port}/list.txt";
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/feeds",
            new { name = "redirected", kind = "list", type = "domain", location, intervalMinutes = 0 })).StatusCode);

        var run = await CordonApp.ReadAsync<FeedRunReport>(await admin.PostAsync("/api/v1/feeds/redirected/run", null));

        await redirecting;
        Assert.Contains("loopback", run.Error, StringComparison.Ordinal);
        Assert.False(inside.Pending(), "the redirect reached the internal address");
        var audit = await CordonApp.ReadAsync<AuditPage>(await admin.GetAsync("/api/v1/audit?limit=20"));
        Assert.Contains(audit.Items, r => r.Action == "feed.run_failed" && r.Details.Contains("loopback", StringComparison.Ordinal));
    }
}
