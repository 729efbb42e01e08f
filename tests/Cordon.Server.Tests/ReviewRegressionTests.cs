using System.Net;
using System.Net.Http.Json;
using System.Text;
using Cordon.Core.Members;
using Cordon.Server.Indicators;
using Cordon.Server.Response;

namespace Cordon.Server.Tests;

/// <summary>Defects found in review, each pinned by the behaviour that was wrong.</summary>
public sealed class ReviewRegressionTests(CordonApp app) : IClassFixture<CordonApp>
{
    [Fact]
    public async Task CommunityMember_CannotCloseABroadcast_ForEveryone()
    {
        var (victim, victimKey) = await app.MemberAsync("Broadcast Victim", Sector.Bank, "NZ", Role.Responder);
        var (member, memberKey) = await app.MemberAsync("Broadcast Member", Sector.Bank, "NZ", Role.Responder);
        using var admin = app.Admin();
        var community = await CordonApp.ReadAsync<Members.CommunityResponse>(await admin.PostAsJsonAsync("/api/v1/communities",
            new { name = "NZ banks", members = new[] { victim, member } }));
        using var victimClient = app.ClientWithKey(victimKey);
        var alert = await CordonApp.ReadAsync<RequestResponse>(await victimClient.PostAsJsonAsync("/api/v1/requests", new
        {
            kind = "under_attack",
            community = community.Id,
            legalBasis = "charter",
            targets = new[] { new { type = "domain", value = "nz-bank-login.example" } },
        }));
        using var memberClient = app.ClientWithKey(memberKey);
        await ProblemAssert.IsProblemAsync(await memberClient.PostAsJsonAsync($"/api/v1/requests/{alert.Id}/decline", new { reason = "x" }),
            HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await victimClient.PostAsync($"/api/v1/requests/{alert.Id}/withdraw", null)).StatusCode);
    }

    [Theory]
    [InlineData("/public/check?value=%2B44%207700%20900999&type=%20")]
    [InlineData("/public/check?value=%2B44%207700%20900999&type=")]
    public async Task PublicCheck_BlankType_IsNotAServerError(string path)
    {
        using var anonymous = app.ClientWithKey(null);
        var response = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task NullItemsAndTargets_AreRefusedPerItem_NotServerErrors()
    {
        var (recipient, key) = await app.MemberAsync("Null Items Bank", Sector.Bank, "GB", Role.Admin);
        var (_, senderKey) = await app.MemberAsync("Null Items Sender", Sector.Bank, "GB", Role.Responder);
        using var client = app.ClientWithKey(key);
        var batch = await CordonApp.ReadAsync<BatchResult>(await client.PostAsync("/api/v1/indicators",
            new StringContent("{\"items\":[null]}", Encoding.UTF8, "application/json")));
        Assert.Equal(1, batch.Rejected);
        using var sender = app.ClientWithKey(senderKey);
        await ProblemAssert.IsProblemAsync(await sender.PostAsync("/api/v1/requests", new StringContent(
            $"{{\"kind\":\"block_number\",\"recipient\":\"{recipient}\",\"legalBasis\":\"x\",\"targets\":[null]}}", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        var import = await client.PostAsync("/api/v1/indicators/import?format=csv&type=ip&tlp=green&distribution=node&category=malware,%20",
            new StringContent("value\n198.51.100.99\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
    }

    [Fact]
    public async Task RemovedWebhookEndpoint_GetsNothingMore()
    {
        var (_, key) = await app.MemberAsync("Removed Hook Telecom", Sector.Telecom, "GB", Role.Admin);
        using var client = app.ClientWithKey(key);
        var hook = await CordonApp.ReadAsync<WebhookResponse>(await client.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://127.0.0.1:9/hook" }));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/webhooks/{hook.Id}")).StatusCode);
        await client.PostAsync("/api/v1/webhooks/test", null);
        await using var db = app.Database.Open();
        Assert.Empty(db.WebhookDeliveries.Where(d => d.SubscriptionId == hook.Id && d.DeliveredAt == null && d.DeadAt == null));
    }
}
