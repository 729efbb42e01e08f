using System.Collections.Concurrent;
using System.Net.Http.Json;
using Cordon.Application.Response;
using Cordon.Core.Members;
using Cordon.Server.Response;
using Cordon.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Server.Tests;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 that checks signatures and deduplicates by webhook-id, and a host killed between
/// commit and delivery: after restart every message arrives, exactly once per webhook-id after deduplication.
/// </summary>
public sealed class WebhookDeliveryTests
{
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication web;
        public ConcurrentDictionary<string, int> Received { get; } = new();
        public ConcurrentBag<string> BadSignatures { get; } = [];
        public string Url { get; }

        private Receiver(WebApplication web, string url)
        {
            this.web = web;
            Url = url;
        }

        public static async Task<Receiver> StartAsync(Func<string> secret, int failFirst = 0)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var web = builder.Build();
            Receiver? self = null;
            var failures = 0;
            web.MapPost("/hook", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync();
                var id = request.Headers["webhook-id"].ToString();
                var timestamp = long.Parse(request.Headers["webhook-timestamp"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
                if (!WebhookSignature.Verify(secret(), id, timestamp, body, request.Headers["webhook-signature"].ToString()))
                {
                    self!.BadSignatures.Add(id);
                    return Results.StatusCode(401);
                }
                if (Interlocked.Increment(ref failures) <= failFirst)
                {
                    return Results.StatusCode(503);
                }
                self!.Received.AddOrUpdate(id, 1, (_, n) => n + 1);
                return Results.NoContent();
            });
            await web.StartAsync();
            var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            self = new Receiver(web, address + "/hook");
            return self;
        }

        public async ValueTask DisposeAsync() => await web.DisposeAsync();
    }

    [Fact]
    public async Task HostKilledBetweenCommitAndDelivery_DeliversEveryMessageAfterRestart()
    {
        var secret = "";
        await using var receiver = await Receiver.StartAsync(() => secret);
        // The first host's dispatcher never gets to run: requests are committed with their outbox rows, then it is killed.
        var first = new CordonApp { Settings = { ["Cordon:Webhooks:PollMilliseconds"] = "3600000" } };
        await first.InitializeAsync();
        try
        {
            var (bankId, bankKey) = await first.MemberAsync("Webhook Bank", Sector.Bank, "GB", Role.Admin);
            var (_, policeKey) = await first.MemberAsync("Webhook Police", Sector.LawEnforcement, "GB", Role.Responder);
            using (var bankAdmin = first.ClientWithKey(bankKey))
            {
                secret = (await CordonApp.ReadAsync<WebhookResponse>(await bankAdmin.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url }))).Secret!;
            }
            using (var police = first.ClientWithKey(policeKey))
            {
                for (var i = 0; i < 5; i++)
                {
                    await CordonApp.ReadAsync<RequestResponse>(await police.PostAsJsonAsync("/api/v1/requests", new
                    {
                        kind = "block_number",
                        recipient = bankId,
                        legalBasis = "test",
                        targets = new[] { new { type = "phone", value = $"+44 7700 90012{i}" } },
                    }));
                }
            }
            await first.DisposeAsync();
            Assert.Empty(receiver.Received);

            // Restart: a fresh host over the same store delivers what was committed.
            await using var restarted = CordonApp.SharingStoreWith(first);
            await Eventually.UntilAsync(() => receiver.Received.Count >= 5);
            Assert.Equal(5, receiver.Received.Count);
            Assert.All(receiver.Received.Values, count => Assert.Equal(1, count));
            Assert.Empty(receiver.BadSignatures);
        }
        finally
        {
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    [Fact]
    public async Task FailingReceiver_IsRetried_ThenDeadLettered_AndCanBeResent()
    {
        await using var receiver = await Receiver.StartAsync(() => "whsec_" + Convert.ToBase64String(new byte[32]), failFirst: 0);
        // Its own host and store: no other dispatcher may take the delivery and retry it on its own schedule.
        var fast = new CordonApp { Settings = { ["Cordon:Webhooks:MaxAttempts"] = "1" } };
        await fast.InitializeAsync();
        try
        {
            var (_, adminKey) = await fast.MemberAsync("Dead Letter Telecom", Sector.Telecom, "FR", Role.Admin);
            using var fastAdmin = fast.ClientWithKey(adminKey);
            // The receiver checks another secret: every attempt is refused (401), so the delivery is given up.
            await CordonApp.ReadAsync<WebhookResponse>(await fastAdmin.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url }));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await fastAdmin.PostAsync("/api/v1/webhooks/test", null)).StatusCode);
            var dead = await Eventually.UntilAsync(
                async () => await CordonApp.ReadAsync<List<DeliveryResponse>>(await fastAdmin.GetAsync("/api/v1/webhooks/dead-letters")),
                letters => letters.Count > 0);
            var letter = Assert.Single(dead);
            Assert.Equal(401, letter.LastStatus);
            Assert.NotEmpty(receiver.BadSignatures);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await fastAdmin.PostAsync($"/api/v1/webhooks/deliveries/{letter.Id}/resend", null)).StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)fast).DisposeAsync();
        }
    }
}
