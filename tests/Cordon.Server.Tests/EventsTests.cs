using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Cordon.Core.Members;
using Cordon.Server.Response;

namespace Cordon.Server.Tests;

public sealed class EventsTests(CordonApp app) : IClassFixture<CordonApp>
{
    /// <summary>Reads the event stream until <paramref name="until"/> appears or a few seconds pass.</summary>
    private static async Task<string> ReadEventsAsync(HttpClient client, string? lastEventId, string until)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (!text.ToString().Contains(until, StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    break;
                }
                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (OperationCanceledException)
        {
            // Return what arrived.
        }
        return text.ToString();
    }

    [Fact]
    public async Task RecipientReceivesEvents_AndResumesAfterLastEventId()
    {
        var (_, senderKey) = await app.MemberAsync("Events Police", Sector.LawEnforcement, "SG", Role.Responder);
        var (recipientId, recipientKey) = await app.MemberAsync("Events Telecom", Sector.Telecom, "SG", Role.Responder);
        using var sender = app.ClientWithKey(senderKey);
        using var recipient = app.ClientWithKey(recipientKey);
        var first = await CordonApp.ReadAsync<RequestResponse>(await sender.PostAsJsonAsync("/api/v1/requests", new
        {
            kind = "block_number",
            recipient = recipientId,
            priority = "critical",
            legalBasis = "SPF notice 12",
            targets = new[] { new { type = "phone", value = "+65 8123 4567" } },
        }));
        var stream = await ReadEventsAsync(recipient, null, first.Id.ToString());
        Assert.Contains("event: request.sent", stream, StringComparison.Ordinal);
        Assert.Contains(first.Id.ToString(), stream, StringComparison.Ordinal);
        var lastId = stream.Split('\n').Last(l => l.StartsWith("id: ", StringComparison.Ordinal))[4..];

        await recipient.PostAsync($"/api/v1/requests/{first.Id}/acknowledge", null);
        var resumed = await ReadEventsAsync(recipient, lastId, "request.acknowledged");
        Assert.Contains("event: request.acknowledged", resumed, StringComparison.Ordinal);
        Assert.DoesNotContain("event: request.sent", resumed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKey_HoldsAtMostFiveStreams_AndGetsASlotBackWhenOneCloses()
    {
        var (_, key) = await app.MemberAsync("Stream Hoarder Bank", Sector.Bank, "GB", Role.Viewer);
        using var client = app.ClientWithKey(key);
        var open = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            open.Add(response);
        }
        using (var refused = await client.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead))
        {
            await ProblemAssert.IsProblemAsync(refused, System.Net.HttpStatusCode.TooManyRequests);
            Assert.NotNull(refused.Headers.RetryAfter);
        }
        open[0].Dispose();
        // The server notices the closed stream on its next write or poll, then frees the slot.
        var status = await Cordon.Testing.Eventually.UntilAsync(async () =>
        {
            using var again = await client.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead);
            return again.StatusCode;
        }, s => s == System.Net.HttpStatusCode.OK);
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        open.ForEach(r => r.Dispose());
    }
}
