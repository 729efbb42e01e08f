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
        app = new CordonApp { Clock = clock, Settings = { ["Cordon:Response:SweepSeconds"] = "3600" } };
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
}
