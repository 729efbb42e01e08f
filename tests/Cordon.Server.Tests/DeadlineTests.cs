using System.Net.Http.Json;
using Cordon.Application.Response;
using Cordon.Core.Members;
using Cordon.Core.Response;
using Cordon.Server.Response;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Server.Tests;

/// <summary>A critical freeze request walked through breach and escalation with a fake clock: no sleeping.</summary>
public sealed class DeadlineTests : IAsyncLifetime
{
    private readonly FakeClock clock = new();
    private CordonApp app = null!;

    public async Task InitializeAsync()
    {
        app = new CordonApp
        {
            Clock = clock,
            Settings =
            {
                ["Cordon:Response:SweepSeconds"] = "3600",
                ["Cordon:Response:Escalation:0:Notify"] = "recipient_admins",
                ["Cordon:Response:Escalation:1:After"] = "00:10:00",
                ["Cordon:Response:Escalation:1:Notify"] = "node_operator",
                ["Cordon:Response:Escalation:2:After"] = "00:30:00",
                ["Cordon:Response:Escalation:2:Notify"] = "organisation",
                ["Cordon:Response:Escalation:2:Organisation"] = "National Fraud Contact",
            },
        };
        await app.InitializeAsync();
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)app).DisposeAsync();

    private async Task<int> SweepAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RequestService>().SweepDeadlinesAsync();
    }

    [Fact]
    public async Task CriticalFreeze_BreachesAcknowledgeThenAction_EscalatesToBothSides_ThenExpires()
    {
        var (policeId, policeKey) = await app.MemberAsync("Deadline Police", Sector.LawEnforcement, "HK", Role.Responder);
        var (bankId, _) = await app.MemberAsync("Deadline Bank", Sector.Bank, "HK", Role.Responder);
        using var police = app.ClientWithKey(policeKey);
        var sent = await CordonApp.ReadAsync<RequestResponse>(await police.PostAsJsonAsync("/api/v1/requests", new
        {
            kind = "freeze_funds",
            recipient = bankId,
            priority = "critical",
            amount = 50_000m,
            currency = "HKD",
            legalBasis = "AFC order 7",
            targets = new[] { new { type = "bank_account", value = "HK:004:123-456789-001" } },
        }));

        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(0, await SweepAsync());

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await SweepAsync());
        var afterAcknowledge = await CordonApp.ReadAsync<RequestResponse>(await police.GetAsync($"/api/v1/requests/{sent.Id}"));
        Assert.Equal(sent.SentAt.AddMinutes(16), afterAcknowledge.AcknowledgeBreachedAt);
        Assert.Null(afterAcknowledge.ActionBreachedAt);
        Assert.Equal(0, await SweepAsync());

        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await SweepAsync());
        var afterAction = await CordonApp.ReadAsync<RequestResponse>(await police.GetAsync($"/api/v1/requests/{sent.Id}"));
        Assert.NotNull(afterAction.ActionBreachedAt);
        Assert.Equal(RequestState.Sent, afterAction.State);

        await using (var db = app.Database.Open())
        {
            var escalations = await db.Outbox.Where(m => m.EventType == "request.breached" && m.Payload.Contains(sent.Id.ToString())).ToListAsync();
            Assert.Equal(4, escalations.Count);
            Assert.Equal(2, escalations.Count(m => m.OrganisationId == bankId));
            Assert.Equal(2, escalations.Count(m => m.OrganisationId == policeId));
        }

        clock.Advance(TimeSpan.FromDays(7));
        await SweepAsync();
        var expired = await CordonApp.ReadAsync<RequestResponse>(await police.GetAsync($"/api/v1/requests/{sent.Id}"));
        Assert.Equal(RequestState.Expired, expired.State);
        Assert.Equal(RequestState.Expired, expired.History![^1].To);
    }

    [Fact]
    public async Task AMissedDeadline_ClimbsTheNodesLadder_StepByStep_EachRecordedOnce_AndStopsWhenAnswered()
    {
        var (policeId, policeKey) = await app.MemberAsync("Ladder Police", Sector.LawEnforcement, "HK", Role.Responder);
        var (bankId, bankKey) = await app.MemberAsync("Ladder Bank", Sector.Bank, "HK", Role.Responder);
        var (contactId, contactKey) = await app.MemberAsync("National Fraud Contact", Sector.LawEnforcement, "HK", Role.Responder);
        Guid operatorId;
        await using (var db = app.Database.Open())
        {
            operatorId = await db.Organisations.Where(o => o.IsNodeOperator).Select(o => o.Id).SingleAsync();
        }
        using var police = app.ClientWithKey(policeKey);
        var sent = await CordonApp.ReadAsync<RequestResponse>(await police.PostAsJsonAsync("/api/v1/requests", new
        {
            kind = "freeze_funds",
            recipient = bankId,
            priority = "critical",
            amount = 80_000m,
            currency = "HKD",
            legalBasis = "AFC order 9",
            targets = new[] { new { type = "bank_account", value = "HK:004:123-456789-002" } },
        }));

        // 16 minutes: the acknowledgement is missed; the first step (the bank's admins) is taken at once.
        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(1, await SweepAsync());
        Assert.Equal(0, await SweepAsync());
        var first = await CordonApp.ReadAsync<RequestResponse>(await police.GetAsync($"/api/v1/requests/{sent.Id}"));
        var step1 = Assert.Single(first.Escalations!);
        Assert.Equal((Breach.Acknowledge, 1, EscalationTarget.RecipientAdmins, (Guid?)bankId), (step1.Breach, step1.Step, step1.Notify, step1.Organisation));

        // Ten minutes on: the node operator; half an hour on: the named national contact, each once.
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await SweepAsync());
        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(1, await SweepAsync());
        Assert.Equal(0, await SweepAsync());
        var climbed = await CordonApp.ReadAsync<RequestResponse>(await police.GetAsync($"/api/v1/requests/{sent.Id}"));
        Assert.Equal([(1, bankId), (2, operatorId), (3, contactId)], climbed.Escalations!.Select(e => (e.Step, e.Organisation!.Value)));
        await using (var db = app.Database.Open())
        {
            var notices = await db.Outbox.Where(m => m.EventType == "request.escalated" && m.Payload.Contains(sent.Id.ToString())).ToListAsync();
            // Each step tells the two parties, whose history gains it, and whom it names; an outsider learns no more than
            // that a deadline was missed, by whom.
            Assert.Equal([policeId, bankId, policeId, bankId, operatorId, policeId, bankId, contactId],
                notices.OrderBy(m => m.Sequence).ThenBy(m => m.Index).Select(m => m.OrganisationId));
            Assert.All(notices.Where(m => m.OrganisationId == operatorId || m.OrganisationId == contactId), m =>
            {
                var request = System.Text.Json.JsonDocument.Parse(m.Payload).RootElement.GetProperty("request");
                Assert.Equal(["id", "kind", "priority", "sender", "recipient", "acknowledgeDueAt", "actionDueAt"],
                    request.EnumerateObject().Select(p => p.Name));
            });
            Assert.All(notices, m => Assert.DoesNotContain("123-456789", m.Payload, StringComparison.Ordinal));
            var audited = await db.AuditRecords.Where(a => a.Action == "request.deadline" && a.ItemIds.Contains(sent.Id.ToString())).CountAsync();
            Assert.Equal(3, audited);
        }

        // The contact is told, but a request stays between its parties.
        using var contact = app.ClientWithKey(contactKey);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await contact.GetAsync($"/api/v1/requests/{sent.Id}")).StatusCode);

        // Acknowledged late: the acknowledgement ladder stops; the action deadline has a ladder of its own.
        using var bank = app.ClientWithKey(bankKey);
        (await bank.PostAsync($"/api/v1/requests/{sent.Id}/acknowledge", null)).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromMinutes(80));
        Assert.Equal(1, await SweepAsync());
        var late = await CordonApp.ReadAsync<RequestResponse>(await bank.GetAsync($"/api/v1/requests/{sent.Id}"));
        Assert.NotNull(late.ActionBreachedAt);
        Assert.Equal([(Breach.Acknowledge, 1), (Breach.Acknowledge, 2), (Breach.Acknowledge, 3), (Breach.Action, 1)],
            late.Escalations!.Select(e => (e.Breach, e.Step)));
        (await bank.PostAsJsonAsync($"/api/v1/requests/{sent.Id}/action", new { outcome = "Frozen", amountFrozen = 80_000m })).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await SweepAsync());
    }

    [Fact]
    public async Task ABroadcast_RecordsItsMissedDeadlines_ButClimbsNoLadder()
    {
        var (victimId, victimKey) = await app.MemberAsync("Ladder Attacked Bank", Sector.Bank, "AU", Role.Responder);
        var (allyId, _) = await app.MemberAsync("Ladder Ally ISP", Sector.Isp, "AU", Role.Viewer);
        using var admin = app.Admin();
        var community = await CordonApp.ReadAsync<Members.CommunityResponse>(await admin.PostAsJsonAsync("/api/v1/communities",
            new { name = "Ladder AU response", members = new[] { victimId, allyId } }));
        using var victim = app.ClientWithKey(victimKey);
        var alert = await CordonApp.ReadAsync<RequestResponse>(await victim.PostAsJsonAsync("/api/v1/requests", new
        {
            kind = "under_attack",
            community = community.Id,
            priority = "critical",
            legalBasis = "alliance charter §4",
            targets = new[] { new { type = "domain", value = "ladder-attacked-bank.example" } },
        }));
        clock.Advance(TimeSpan.FromHours(5));
        await SweepAsync();
        var swept = await CordonApp.ReadAsync<RequestResponse>(await victim.GetAsync($"/api/v1/requests/{alert.Id}"));
        Assert.NotNull(swept.AcknowledgeBreachedAt);
        Assert.NotNull(swept.ActionBreachedAt);
        Assert.Empty(swept.Escalations!);
        await using var db = app.Database.Open();
        Assert.False(await db.Outbox.AnyAsync(m => m.EventType == "request.escalated" && m.Payload.Contains(alert.Id.ToString())));
    }
}
