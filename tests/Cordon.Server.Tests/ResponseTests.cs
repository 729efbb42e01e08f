using System.Net;
using System.Net.Http.Json;
using Cordon.Application.Figures;
using Cordon.Core.Members;
using Cordon.Core.Response;
using Cordon.Server.Response;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Tests;

public sealed class ResponseTests(CordonApp app) : IClassFixture<CordonApp>
{
    private static object Freeze(Guid recipient, string priority = "critical") => new
    {
        kind = "freeze_funds",
        recipient,
        priority,
        targets = new[] { new { type = "bank_account", value = "GB33 BUKB 2020 1555 5555 55" } },
        amount = 125_000.50m,
        currency = "hkd",
        transactionRef = "TX-2026-11-22-0042",
        legalBasis = "Art. 12 mutual assistance; case HK-AFC-991",
        caseId = "HK-AFC-991",
    };

    [Fact]
    public async Task FreezeRequest_WalksTheWorkflow_VisibleToBothSidesOnly()
    {
        var (_, policeKey) = await app.MemberAsync("Response Police", Sector.LawEnforcement, "HK", Role.Responder);
        var (bankId, bankKey) = await app.MemberAsync("Response Bank", Sector.Bank, "GB", Role.Responder);
        var (_, outsiderKey) = await app.MemberAsync("Response Outsider", Sector.Telecom, "SG", Role.Admin);
        using var police = app.ClientWithKey(policeKey);
        using var bank = app.ClientWithKey(bankKey);
        using var outsider = app.ClientWithKey(outsiderKey);

        var sent = await CordonApp.ReadAsync<RequestResponse>(await police.PostAsJsonAsync("/api/v1/requests", Freeze(bankId)));
        Assert.Equal(RequestState.Sent, sent.State);
        Assert.Equal("GB33BUKB20201555555555", Assert.Single(sent.Targets).Value);
        Assert.Equal("HKD", sent.Currency);
        Assert.Equal(sent.SentAt.AddMinutes(15), sent.AcknowledgeDueAt);
        Assert.Equal(sent.SentAt.AddHours(2), sent.ActionDueAt);

        await ProblemAssert.IsProblemAsync(await police.PostAsync($"/api/v1/requests/{sent.Id}/acknowledge", null), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await outsider.GetAsync($"/api/v1/requests/{sent.Id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await outsider.PostAsync($"/api/v1/requests/{sent.Id}/acknowledge", null), HttpStatusCode.NotFound);
        Assert.DoesNotContain(await CordonApp.ReadAsync<List<RequestResponse>>(await outsider.GetAsync("/api/v1/requests")), r => r.Id == sent.Id);

        Assert.Equal(RequestState.Acknowledged, (await CordonApp.ReadAsync<RequestResponse>(await bank.PostAsync($"/api/v1/requests/{sent.Id}/acknowledge", null))).State);
        Assert.Equal(RequestState.InProgress, (await CordonApp.ReadAsync<RequestResponse>(await bank.PostAsync($"/api/v1/requests/{sent.Id}/start", null))).State);
        await ProblemAssert.IsProblemAsync(await bank.PostAsJsonAsync($"/api/v1/requests/{sent.Id}/action", new { amountFrozen = 1m }), HttpStatusCode.BadRequest);
        var actioned = await CordonApp.ReadAsync<RequestResponse>(await bank.PostAsJsonAsync($"/api/v1/requests/{sent.Id}/action",
            new { outcome = "beneficiary account frozen", amountFrozen = 98_000m, currency = "HKD" }));
        Assert.Equal(RequestState.Actioned, actioned.State);
        Assert.Equal(98_000m, actioned.AmountFrozen);
        var conflict = await ProblemAssert.IsProblemAsync(await police.PostAsync($"/api/v1/requests/{sent.Id}/withdraw", null), HttpStatusCode.Conflict);
        Assert.Contains("actioned", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var seenBySender = await CordonApp.ReadAsync<RequestResponse>(await police.GetAsync($"/api/v1/requests/{sent.Id}"));
        Assert.Equal([RequestState.Sent, RequestState.Acknowledged, RequestState.InProgress, RequestState.Actioned], seenBySender.History!.Select(h => h.To));
        var received = await CordonApp.ReadAsync<List<RequestResponse>>(await bank.GetAsync("/api/v1/requests?box=received"));
        Assert.Contains(received, r => r.Id == sent.Id);

        await using var db = app.Database.Open();
        Assert.Equal(4, await db.AuditRecords.CountAsync(a => a.ItemIds.Contains(sent.Id.ToString()) && a.Action.StartsWith("request.")));
        Assert.True(await db.Outbox.CountAsync(m => m.Payload.Contains(sent.Id.ToString())) >= 8);
    }

    [Theory]
    [InlineData("{\"kind\":\"freeze_funds\",\"targets\":[{\"type\":\"phone\",\"value\":\"+442079460018\"}],\"legalBasis\":\"x\"}", "recipient")]
    [InlineData("{\"kind\":\"teleport\"}", null)]
    [InlineData("{\"kind\":\"block_number\",\"recipient\":\"RECIPIENT\",\"targets\":[],\"legalBasis\":\"x\"}", "targets")]
    [InlineData("{\"kind\":\"block_number\",\"recipient\":\"RECIPIENT\",\"targets\":[{\"type\":\"phone\",\"value\":\"12\"}],\"legalBasis\":\"x\"}", "targets[0]")]
    [InlineData("{\"kind\":\"block_number\",\"recipient\":\"RECIPIENT\",\"targets\":[{\"type\":\"phone\",\"value\":\"+442079460018\"}]}", "legalBasis")]
    [InlineData("{\"kind\":\"freeze_funds\",\"recipient\":\"RECIPIENT\",\"targets\":[{\"type\":\"phone\",\"value\":\"+442079460018\"}],\"legalBasis\":\"x\"}", "amount")]
    [InlineData("{\"kind\":\"under_attack\",\"targets\":[{\"type\":\"domain\",\"value\":\"bank.example\"}],\"legalBasis\":\"x\"}", "community")]
    public async Task InvalidRequests_Are400(string body, string? field)
    {
        var (_, key) = await app.MemberAsync($"Bad Request Sender {body.GetHashCode(StringComparison.Ordinal)}", Sector.Bank, "GB", Role.Responder);
        var (recipient, _) = await app.MemberAsync($"Bad Request Recipient {body.GetHashCode(StringComparison.Ordinal)}", Sector.Bank, "GB", Role.Responder);
        using var client = app.ClientWithKey(key);
        var response = await client.PostAsync("/api/v1/requests",
            new StringContent(body.Replace("RECIPIENT", recipient.ToString(), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
    }

    [Fact]
    public async Task ConcurrentAcknowledgements_OneWins_NoDuplicateTransition()
    {
        var (_, senderKey) = await app.MemberAsync("Race Sender", Sector.LawEnforcement, "DE", Role.Responder);
        var (recipientId, recipientKey) = await app.MemberAsync("Race Recipient", Sector.Telecom, "DE", Role.Responder);
        using var sender = app.ClientWithKey(senderKey);
        var sent = await CordonApp.ReadAsync<RequestResponse>(await sender.PostAsJsonAsync("/api/v1/requests", new
        {
            kind = "block_number",
            recipient = recipientId,
            priority = "high",
            legalBasis = "§100 TKG",
            targets = new[] { new { type = "phone", value = "+49 151 23456789" } },
        }));
        var clients = Enumerable.Range(0, 8).Select(_ => app.ClientWithKey(recipientKey)).ToList();
        var responses = await Task.WhenAll(clients.Select(c => c.PostAsync($"/api/v1/requests/{sent.Id}/acknowledge", null)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        await using var db = app.Database.Open();
        Assert.Equal(1, await db.RequestTransitions.CountAsync(t => t.RequestId == sent.Id && t.To == RequestState.Acknowledged));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task UnderAttack_BroadcastsToTheCommunity_Only()
    {
        var (victim, victimKey) = await app.MemberAsync("Attacked Bank", Sector.Bank, "AU", Role.Responder);
        var (ally, allyKey) = await app.MemberAsync("Ally ISP", Sector.Isp, "AU", Role.Viewer);
        var (_, strangerKey) = await app.MemberAsync("Stranger Registrar", Sector.Registrar, "US", Role.Viewer);
        using var admin = app.Admin();
        var community = await CordonApp.ReadAsync<Members.CommunityResponse>(await admin.PostAsJsonAsync("/api/v1/communities",
            new { name = "AU rapid response", members = new[] { victim, ally } }));
        using var victimClient = app.ClientWithKey(victimKey);
        var alert = await CordonApp.ReadAsync<RequestResponse>(await victimClient.PostAsJsonAsync("/api/v1/requests", new
        {
            kind = "under_attack",
            community = community.Id,
            priority = "critical",
            legalBasis = "alliance charter §4",
            description = "Phishing wave impersonating our login page",
            targets = new[] { new { type = "domain", value = "attacked-bank-login.example" } },
        }));
        using var allyClient = app.ClientWithKey(allyKey);
        using var strangerClient = app.ClientWithKey(strangerKey);
        Assert.Equal(HttpStatusCode.OK, (await allyClient.GetAsync($"/api/v1/requests/{alert.Id}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await strangerClient.GetAsync($"/api/v1/requests/{alert.Id}"), HttpStatusCode.NotFound);

        // In the console: the ally's dashboard counts the open broadcast and its desk lists it, to the community by name.
        using var allyConsole = await app.ConsoleUserAsync(ally, "ally@attack.example", "responder");
        var dashboard = await allyConsole.GetStringAsync("/console");
        Assert.Matches("Open requests</div><div class=\"figure\">[1-9]", dashboard);
        Assert.Contains($"/console/requests/{alert.Id}", dashboard, StringComparison.Ordinal);
        var desk = await allyConsole.GetStringAsync("/console/requests?box=received");
        Assert.Contains($"data-row=\"{alert.Id}\"", desk, StringComparison.Ordinal);
        Assert.Contains("AU rapid response", desk, StringComparison.Ordinal);
        Assert.Contains("Member under attack", desk, StringComparison.Ordinal);
        using var strangerConsole = await app.ConsoleUserAsync((await app.MemberAsync("Stranger Console", Sector.Isp, "US")).OrganisationId,
            "stranger@attack.example", "responder");
        Assert.DoesNotContain(alert.Id.ToString(), await strangerConsole.GetStringAsync("/console/requests?box=all"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_CountWhatTheCallerMaySee()
    {
        var (_, senderKey) = await app.MemberAsync("Stats Police", Sector.LawEnforcement, "HK", Role.Responder);
        var (bankId, bankKey) = await app.MemberAsync("Stats Bank", Sector.Bank, "HK", Role.Responder);
        using var sender = app.ClientWithKey(senderKey);
        using var bank = app.ClientWithKey(bankKey);
        for (var i = 0; i < 3; i++)
        {
            var sent = await CordonApp.ReadAsync<RequestResponse>(await sender.PostAsJsonAsync("/api/v1/requests", Freeze(bankId, "high")));
            if (i < 2)
            {
                await bank.PostAsJsonAsync($"/api/v1/requests/{sent.Id}/action", new { outcome = "frozen", amountFrozen = 1000m });
            }
        }
        var stats = await CordonApp.ReadAsync<ResponseStats>(await sender.GetAsync("/api/v1/response/stats"));
        Assert.Equal(3, stats.Total.Requests);
        Assert.Equal(2, stats.Total.Actioned);
        var hkd = Assert.Single(stats.Total.Amounts);
        Assert.Equal(("HKD", 375_001.50m, 2000m), (hkd.Currency, hkd.Requested, hkd.Frozen));
        Assert.Equal("HK", Assert.Single(stats.ByRecipientCountry).Group);
    }

    [Fact]
    public async Task Stats_CountAFreezeInAnotherCurrency_AndNameGroupsAsTheApiDoes()
    {
        var (_, senderKey) = await app.MemberAsync("Currency Police", Sector.LawEnforcement, "HK", Role.Responder);
        var (bankId, bankKey) = await app.MemberAsync("Currency Bank GB", Sector.Bank, "GB", Role.Responder);
        using var sender = app.ClientWithKey(senderKey);
        using var bank = app.ClientWithKey(bankKey);
        var sent = await CordonApp.ReadAsync<RequestResponse>(await sender.PostAsJsonAsync("/api/v1/requests", new
        {
            kind = "freeze_funds",
            recipient = bankId,
            priority = "critical",
            amount = 250_000m,
            currency = "HKD",
            legalBasis = "AFC order 11",
            targets = new[] { new { type = "bank_account", value = "GB29 NWBK 6016 1331 9268 19" } },
        }));
        (await bank.PostAsJsonAsync($"/api/v1/requests/{sent.Id}/action", new { outcome = "frozen what was left", amountFrozen = 20_000m, currency = "GBP" }))
            .EnsureSuccessStatusCode();

        var stats = await CordonApp.ReadAsync<ResponseStats>(await sender.GetAsync("/api/v1/response/stats"));
        Assert.Equal([("GBP", 0m, 20_000m), ("HKD", 250_000m, 0m)],
            stats.Total.Amounts.OrderBy(a => a.Currency).Select(a => (a.Currency, a.Requested, a.Frozen)));
        // 250,000 HKD at 0.118 and 20,000 GBP at 1.17, in the one reporting currency.
        Assert.Equal(("EUR", 29_500m, 23_400m), (stats.Total.Converted.Currency, stats.Total.Converted.Requested, stats.Total.Converted.Frozen));
        Assert.Equal("freeze_funds", Assert.Single(stats.ByKind).Group);
        Assert.Equal("GB", Assert.Single(stats.ByRecipientCountry).Group);
        Assert.Equal(new DateOnly(2026, 12, 1), stats.Rates.AsOf);
    }
}
