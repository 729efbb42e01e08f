using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Cordon.Application.Feeds;
using Cordon.Core.Identifiers;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Cordon.Server.Feeds;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Tests;

/// <summary>Feeds from the outside: a MISP feed folder, a plain list over HTTP, a STIX bundle; their runs, counts, errors and cursors.</summary>
public sealed class FeedTests(CordonApp app) : IClassFixture<CordonApp>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cordon-feed-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task<FeedResponse> AddAsync(object feed)
    {
        using var admin = app.Admin();
        return await CordonApp.ReadAsync<FeedResponse>(await admin.PostAsJsonAsync("/api/v1/feeds", feed, CordonApp.Json));
    }

    private async Task<FeedRunReport> RunAsync(string feed)
    {
        using var admin = app.Admin();
        return await CordonApp.ReadAsync<FeedRunReport>(await admin.PostAsync($"/api/v1/feeds/{feed}/run", null));
    }

    private async Task<List<(IdentifierType Type, string Value, Tlp Tlp)>> HeldAsync(Guid organisation)
    {
        await using var db = app.Database.Open();
        return (await db.Indicators.AsNoTracking().Include(i => i.Observable).Where(i => i.OrganisationId == organisation).ToListAsync())
            .Select(i => (i.Observable.Type, i.Observable.Value, i.Tlp)).OrderBy(i => i.Value, StringComparer.Ordinal).ToList();
    }

    private static string MispEvent(string uuid, string eventTlp, params object[] attributes) => new JsonObject
    {
        ["Event"] = new JsonObject
        {
            ["uuid"] = uuid,
            ["info"] = "Investment scam infrastructure",
            ["Tag"] = new JsonArray(new JsonObject { ["name"] = eventTlp }),
            ["Attribute"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(attributes)),
            ["Object"] = new JsonArray(new JsonObject
            {
                ["name"] = "bank-account",
                ["Attribute"] = new JsonArray(new JsonObject { ["type"] = "iban", ["value"] = "GB29 NWBK 6016 1331 9268 19", ["to_ids"] = true }),
            }),
        },
    }.ToJsonString();

    [Fact]
    public async Task AMispFeed_ImportsItsEvents_ByTheirTags_OnceUntilAnEventChanges()
    {
        const string first = "5f0c1c2e-8a43-4d6e-9d4b-3a8e2f1b0c01", second = "5f0c1c2e-8a43-4d6e-9d4b-3a8e2f1b0c02";
        const string missing = "5f0c1c2e-8a43-4d6e-9d4b-3a8e2f1b0c03", traversal = "../../etc/passwd";
        await File.WriteAllTextAsync(Path.Combine(folder, "manifest.json"),
            $"{{\"{first}\": {{\"info\": \"one\", \"timestamp\": \"1764000000\"}}, \"{second}\": {{\"info\": \"two\", \"timestamp\": \"1764000100\"}}, \"{missing}\": {{\"timestamp\": \"1764000050\"}}, \"{traversal}\": {{\"timestamp\": \"1\"}}}}");
        await File.WriteAllTextAsync(Path.Combine(folder, $"{first}.json"), MispEvent(first, "tlp:white",
            new { type = "domain", value = "Safe-Account-Transfer.example", to_ids = true },
            new { type = "phone-number", value = "+44 20 7946 0123", to_ids = true, Tag = new[] { new { name = "tlp:amber" } } },
            new { type = "comment", value = "seen in a WhatsApp group", to_ids = false },
            new { type = "ip-dst|port", value = "203.0.113.9|443", to_ids = true },
            new { type = "url", value = "https://gone.example/", to_ids = true, deleted = true }));
        await File.WriteAllTextAsync(Path.Combine(folder, $"{second}.json"), MispEvent(second, "tlp:green",
            new { type = "btc", value = "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", to_ids = "1" }));

        var feed = await AddAsync(new { name = "circl-osint", kind = "misp", location = folder, categories = new[] { "investment_scam" }, intervalMinutes = 0 });
        var run = await RunAsync("circl-osint");
        Assert.Null(run.Error);
        // Event one: domain, phone, the object's IBAN, and the refused ip-dst|port; event two: the wallet and its IBAN again.
        Assert.Equal(6, run.Rows);
        Assert.Equal(4, run.Created);
        Assert.Equal(1, run.Rejected);
        Assert.Contains(run.RowErrors, e => e.Contains(first, StringComparison.Ordinal) && e.Contains("ip-dst|port", StringComparison.Ordinal));
        // An event the manifest names but the feed does not hold, and a name that is no event uuid, are errors of their own.
        Assert.Contains(run.RowErrors, e => e.StartsWith($"event {missing}:", StringComparison.Ordinal));
        Assert.Contains(run.RowErrors, e => e.StartsWith("manifest: '../../etc/passwd' is not an event uuid", StringComparison.Ordinal));
        Assert.Equal(
        [
            (IdentifierType.CryptoWallet, "btc:1BoatSLRHtKNngkdXEeobR76b53LETtpyT", Tlp.Green),
            (IdentifierType.Phone, "+442079460123", Tlp.Amber),
            (IdentifierType.BankAccount, "GB29NWBK60161331926819", Tlp.Green),
            (IdentifierType.Domain, "safe-account-transfer.example", Tlp.Clear),
        ], (await HeldAsync(feed.OrganisationId)).OrderBy(i => i.Type == IdentifierType.CryptoWallet ? 0 : i.Type == IdentifierType.Phone ? 1 : i.Type == IdentifierType.BankAccount ? 2 : 3));

        // Nothing changed: nothing is read again.
        Assert.Equal(0, (await RunAsync("circl-osint")).Rows);
        // The second event moved on: only it is read again.
        await File.WriteAllTextAsync(Path.Combine(folder, "manifest.json"),
            $"{{\"{first}\": {{\"info\": \"one\", \"timestamp\": \"1764000000\"}}, \"{second}\": {{\"info\": \"two\", \"timestamp\": \"1764000200\"}}}}");
        var again = await RunAsync("circl-osint");
        Assert.Equal((2, 0, 2), (again.Rows, again.Created, again.Updated));

        using var admin = app.Admin();
        var shown = await CordonApp.ReadAsync<FeedResponse>(await admin.GetAsync("/api/v1/feeds/circl-osint"));
        Assert.Equal((2L, 2L), (shown.LastRows, shown.LastUpdated));
        Assert.NotNull(shown.LastSuccessAt);
    }

    [Fact]
    public async Task APlainListOverHttp_IsImported_AndAnUnreachableSource_IsAnErrorThatBacksOff()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = HttpOnce.AnswerAsync(listener, HttpOnce.Ok("# scam domains\nfake-bank-login.example\n\nnot a domain at all\nFAKE-BANK-LOGIN.EXAMPLE\nwallet-drainer.example\n"));

        var feed = await AddAsync(new { name = "scam-domains", kind = "list", type = "domain", tlp = "clear", location = $"http://127.0.0.1:{port}/domains.txt?token=s3cret", intervalMinutes = 0 });
        var run = await RunAsync("scam-domains");
        await serving;
        Assert.Null(run.Error);
        Assert.Equal((4L, 2L, 1L, 1L), (run.Rows, run.Created, run.Updated, run.Rejected));
        Assert.Contains(run.RowErrors, e => e.StartsWith("line 4:", StringComparison.Ordinal));
        Assert.Equal(["fake-bank-login.example", "wallet-drainer.example"], (await HeldAsync(feed.OrganisationId)).Select(i => i.Value));

        listener.Stop();
        var failed = await RunAsync("scam-domains");
        Assert.NotNull(failed.Error);
        using var admin = app.Admin();
        var shown = await CordonApp.ReadAsync<FeedResponse>(await admin.GetAsync("/api/v1/feeds/scam-domains"));
        Assert.Equal(1, shown.ConsecutiveFailures);
        Assert.NotNull(shown.RetryAfter);
        Assert.Equal(failed.Error, shown.LastError);
        // A token in a feed's URL is never shown back.
        Assert.Equal($"http://127.0.0.1:{port}/domains.txt?…", shown.Location);
        Assert.DoesNotContain("s3cret", shown.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStixBundle_WithoutAuthors_IsIngested_AsTheFeedOrganisationsReports()
    {
        var bundle = Path.Combine(folder, "indicator-for-c2-ip-address.json");
        File.Copy(Path.Combine(StixSchemaValidator.SharedDirectory, "stix2-examples", "indicator-for-c2-ip-address.json"), bundle);
        var feed = await AddAsync(new { name = "c2-bundle", kind = "stix", location = bundle, tlp = "green", intervalMinutes = 0 });
        var run = await RunAsync("c2-bundle");
        Assert.Null(run.Error);
        Assert.True(run.Rejected == 0, string.Join("; ", run.RowErrors));
        Assert.Contains((await HeldAsync(feed.OrganisationId)), i => i.Type == IdentifierType.Ip);
    }

    [Fact]
    public async Task BadFeeds_AreRefusedWithProblemDetails_AndOnlyNodeAdministratorsManageFeeds()
    {
        using var admin = app.Admin();
        foreach (var bad in new object[]
                 {
                     new { name = "x1", kind = "list", location = "/tmp/list.txt" },
                     new { name = "x2", kind = "csv", location = "relative/path.csv" },
                     new { name = "x3", kind = "taxii", location = "https://taxii.example/api/" },
                     new { name = "x4", kind = "misp", location = "ftp://feed.example/" },
                     new { name = "x5", kind = "stix", location = "/tmp/b.json", confidence = 101 },
                 })
        {
            var response = await admin.PostAsJsonAsync("/api/v1/feeds", bad, CordonApp.Json);
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        }
        var (_, analystKey) = await app.MemberAsync("Feed Curious Bank", Sector.Bank, "GB", Role.Analyst, Role.Admin);
        using var member = app.ClientWithKey(analystKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/v1/feeds", new { name = "mine", kind = "stix", location = "/tmp/b.json" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/feeds")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/feeds")).StatusCode);
    }
}
