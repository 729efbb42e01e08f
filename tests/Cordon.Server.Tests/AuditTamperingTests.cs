using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Tests;

/// <summary>
/// An insider with the database cuts or edits the audit log's tail: the node then refuses writes with a 503 problem
/// naming where the log breaks, and says so on /health/ready — never a 500, never an append to a log that lies.
/// </summary>
public sealed class AuditTamperingTests
{
    [Theory]
    [InlineData("the last 20 records and the head")]
    [InlineData("the head only")]
    [InlineData("the last record only")]
    [InlineData("the head's hash edited")]
    [InlineData("both tables wiped")]
    [InlineData("the tree's edge edited")]
    [InlineData("a record in the middle edited, then found by verification")]
    public async Task ACutOrEditedTail_StopsWrites_With503_AndUnreadiness(string tampering)
    {
        var app = new CordonApp();
        await app.InitializeAsync();
        try
        {
            await TamperAndWriteAsync(app, tampering);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    private static async Task TamperAndWriteAsync(CordonApp app, string tampering)
    {
        using var admin = app.Admin();
        for (var i = 0; i < 25; i++)
        {
            (await admin.PostAsJsonAsync("/api/v1/organisations", new { name = $"Tamper Org {i}", sector = "bank", country = "GB" }))
                .EnsureSuccessStatusCode();
        }
        await using (var db = app.Database.Open())
        {
            var last = await db.AuditRecords.MaxAsync(a => a.Sequence);
            switch (tampering)
            {
                case "the last 20 records and the head":
                    await db.AuditRecords.Where(a => a.Sequence > last - 20).ExecuteDeleteAsync();
                    await db.AuditHeads.ExecuteDeleteAsync();
                    break;
                case "the head only":
                    await db.AuditHeads.ExecuteDeleteAsync();
                    break;
                case "the last record only":
                    await db.AuditRecords.Where(a => a.Sequence == last).ExecuteDeleteAsync();
                    break;
                case "both tables wiped":
                    await db.AuditRecords.ExecuteDeleteAsync();
                    await db.AuditHeads.ExecuteDeleteAsync();
                    break;
                case "the tree's edge edited":
                    await db.AuditHeads.ExecuteUpdateAsync(h => h.SetProperty(x => x.TreeFrontier, "not a frontier"));
                    break;
                case "a record in the middle edited, then found by verification":
                    await db.AuditRecords.Where(a => a.Sequence == 5).ExecuteUpdateAsync(a => a.SetProperty(x => x.ActorId, "mallory"));
                    var verified = await admin.PostAsync("/api/v1/audit/verify", null);
                    Assert.Equal(5, (await verified.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("brokenAt").GetInt64());
                    break;
                default:
                    await db.AuditHeads.ExecuteUpdateAsync(h => h.SetProperty(x => x.Hash, new string('0', 64)));
                    break;
            }
        }

        var refused = await admin.PostAsJsonAsync("/api/v1/organisations", new { name = "After tampering", sector = "bank", country = "GB" });

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("audit log is broken at record", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(refused.Headers.RetryAfter);
        var ready = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("audit log is broken at record", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/organisations")).StatusCode); // reads still work
    }
}
