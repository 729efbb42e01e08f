using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Cordon.Application.Figures;
using Cordon.Core.Members;
using Cordon.Server.Response;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Tests;

/// <summary>
/// Many requests and transitions across 20 organisations, in parallel, then the figures endpoint checked against the
/// test's own count: nothing lost, no transition twice. CORDON_LOAD_REQUESTS sets the size (default 300; the
/// recorded run in docs/benchmarks.md used 10,000).
/// </summary>
public sealed class ResponseLoadTests(CordonApp app) : IClassFixture<CordonApp>
{
    private const int Organisations = 20;

    [Fact]
    public async Task ManyRequestsAndTransitions_FiguresMatchAnIndependentCount()
    {
        var size = int.TryParse(Environment.GetEnvironmentVariable("CORDON_LOAD_REQUESTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 300;
        var members = new List<(Guid Id, HttpClient Client)>();
        for (var i = 0; i < Organisations; i++)
        {
            var (id, key) = await app.MemberAsync($"Load Org {i:D2}", i % 2 == 0 ? Sector.Bank : Sector.LawEnforcement, i % 3 == 0 ? "HK" : "GB", Role.Responder);
            members.Add((id, app.ClientWithKey(key)));
        }
        var expectedTransitions = 0;
        var actioned = 0;
        var declined = 0;
        var requested = 0m;
        var frozen = 0m;
        var conflicts = 0;
        var sync = new object();
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, size), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var sender = members[i % Organisations];
            var recipient = members[(i + 1 + (i / Organisations)) % Organisations];
            if (recipient.Id == sender.Id)
            {
                recipient = members[(i + 2) % Organisations];
            }
            var amount = 1000m + i;
            var sent = await CordonApp.ReadAsync<RequestResponse>(await sender.Client.PostAsJsonAsync("/api/v1/requests", new
            {
                kind = "freeze_funds",
                recipient = recipient.Id,
                priority = "high",
                amount,
                currency = "GBP",
                legalBasis = "load",
                targets = new[] { new { type = "bank_account", value = "GB33BUKB20201555555555" } },
            }, ct));
            // Two responders race to acknowledge: exactly one may win.
            var racers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => recipient.Client.PostAsync($"/api/v1/requests/{sent.Id}/acknowledge", null, ct)));
            var won = racers.Count(r => r.StatusCode == HttpStatusCode.OK);
            if (won != 1 || racers.Any(r => r.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Conflict)))
            {
                failures.Add($"request {i}: {string.Join(",", racers.Select(r => (int)r.StatusCode))}");
            }
            var start = await recipient.Client.PostAsync($"/api/v1/requests/{sent.Id}/start", null, ct);
            var decline = i % 5 == 0;
            var final = decline
                ? await recipient.Client.PostAsJsonAsync($"/api/v1/requests/{sent.Id}/decline", new { reason = "no such account" }, ct)
                : await recipient.Client.PostAsJsonAsync($"/api/v1/requests/{sent.Id}/action", new { outcome = "frozen", amountFrozen = amount / 2 }, ct);
            if (start.StatusCode != HttpStatusCode.OK || final.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"request {i}: start {(int)start.StatusCode}, close {(int)final.StatusCode}");
            }
            lock (sync)
            {
                expectedTransitions += 4;
                conflicts += racers.Length - won;
                requested += amount;
                if (decline)
                {
                    declined++;
                }
                else
                {
                    actioned++;
                    frozen += amount / 2;
                }
            }
        });
        Assert.Empty(failures);
        Assert.Equal(size, conflicts);

        // Every request is seen by its sender and its recipient, so the figures over all members count each twice.
        var totals = new List<ResponseFigures>();
        foreach (var (_, client) in members)
        {
            totals.Add((await CordonApp.ReadAsync<ResponseStats>(await client.GetAsync("/api/v1/response/stats"))).Total);
        }
        Assert.Equal(2 * size, totals.Sum(t => t.Requests));
        Assert.Equal(2 * actioned, totals.Sum(t => t.Actioned));
        Assert.Equal(2 * declined, totals.Sum(t => t.Declined));
        Assert.Equal(2 * requested, totals.SelectMany(t => t.Amounts).Where(a => a.Currency == "GBP").Sum(a => a.Requested));
        Assert.Equal(2 * frozen, totals.SelectMany(t => t.Amounts).Where(a => a.Currency == "GBP").Sum(a => a.Frozen));

        await using var db = app.Database.Open();
        var ids = members.Select(m => m.Id).ToList();
        var requests = db.Requests.Where(r => ids.Contains(r.SenderId));
        Assert.Equal(size, await requests.CountAsync());
        Assert.Equal(expectedTransitions, await db.RequestTransitions.CountAsync(t => requests.Any(r => r.Id == t.RequestId)));
        var duplicates = await db.RequestTransitions.Where(t => requests.Any(r => r.Id == t.RequestId))
            .GroupBy(t => new { t.RequestId, t.To }).CountAsync(g => g.Count() > 1);
        Assert.Equal(0, duplicates);
        members.ForEach(m => m.Client.Dispose());
    }
}
