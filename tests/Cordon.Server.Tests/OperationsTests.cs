using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cordon.Core.Members;

namespace Cordon.Server.Tests;

/// <summary>
/// An anti-fraud centre leads an operation with two banks and a telecom (and an observer): requests sent under it and
/// results reported by hand add up exactly on the board and in the report; an organisation that is not a participant
/// gets 404 for the operation and everything under it, and cannot be sent a request under it.
/// </summary>
public sealed class OperationsTests(CordonApp app) : IClassFixture<CordonApp>
{
    [Fact]
    public async Task AnOperation_AddsUpItsResults_AndIsItsParticipantsOnly()
    {
        var (centreId, centreKey) = await app.MemberAsync("Operation Centre", Sector.LawEnforcement, "HK", Role.Analyst, Role.Responder);
        var (bankAId, bankAKey) = await app.MemberAsync("Operation Bank A", Sector.Bank, "HK", Role.Responder);
        var (bankBId, bankBKey) = await app.MemberAsync("Operation Bank B", Sector.Bank, "SG", Role.Responder);
        var (telecomId, telecomKey) = await app.MemberAsync("Operation Telecom", Sector.Telecom, "MO", Role.Responder);
        var (observerId, observerKey) = await app.MemberAsync("Operation Observer", Sector.LawEnforcement, "GB", Role.Responder);
        var (outsiderId, outsiderKey) = await app.MemberAsync("Operation Outsider", Sector.Bank, "HK", Role.Admin, Role.Responder);
        using var centre = app.ClientWithKey(centreKey);
        using var bankA = app.ClientWithKey(bankAKey);
        using var bankB = app.ClientWithKey(bankBKey);
        using var telecom = app.ClientWithKey(telecomKey);
        using var observer = app.ClientWithKey(observerKey);
        using var outsider = app.ClientWithKey(outsiderKey);

        var created = await centre.PostAsJsonAsync("/api/v1/operations", new
        {
            name = "Operation Night Courier",
            objectives = "Freeze the mule accounts and take down the fake courier sites.",
            countries = new[] { "hk", "SG", "MO" },
            startsAt = "2026-12-01T00:00:00+08:00",
            endsAt = "2027-01-31T00:00:00+08:00",
            participants = new object[]
            {
                new { organisation = bankAId }, new { organisation = bankBId, role = "participant" }, new { organisation = telecomId },
                new { organisation = observerId, role = "observer" },
            },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var operation = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = operation.GetProperty("id").GetGuid();
        Assert.Equal("planning", operation.GetProperty("status").GetString());
        Assert.Equal(5, operation.GetProperty("participants").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await centre.PatchAsJsonAsync($"/api/v1/operations/{id}", new { status = "active" })).StatusCode);

        // Requests under the operation: two freezes (HKD and SGD) and a takedown; one freeze is declined.
        async Task<Guid> SendAsync(object body)
        {
            var sent = await centre.PostAsJsonAsync("/api/v1/requests", body);
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
            var request = await sent.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(id, request.GetProperty("operation").GetGuid());
            return request.GetProperty("id").GetGuid();
        }
        var freezeA = await SendAsync(new
        {
            kind = "freeze_funds",
            recipient = bankAId,
            operation = id,
            amount = 250_000m,
            currency = "HKD",
            legalBasis = "Order 1",
            transactionAt = "2026-12-02T09:30:00+08:00",
            targets = new[] { new { type = "bank_account", value = "GB33BUKB20201555555555" }, new { type = "bank_account", value = "GB94BARC10201530093459" } },
        });
        var freezeB = await SendAsync(new
        {
            kind = "freeze_funds",
            recipient = bankBId,
            operation = id,
            amount = 80_000m,
            currency = "SGD",
            legalBasis = "Order 2",
            targets = new[] { new { type = "bank_account", value = "GB82WEST12345698765432" } },
        });
        var declined = await SendAsync(new
        {
            kind = "freeze_funds",
            recipient = bankBId,
            operation = id,
            amount = 5_000m,
            currency = "SGD",
            legalBasis = "Order 3",
            targets = new[] { new { type = "bank_account", value = "DE89370400440532013000" } },
        });
        var takedown = await SendAsync(new
        {
            kind = "takedown",
            recipient = telecomId,
            operation = id,
            legalBasis = "Order 4",
            targets = new[] { new { type = "domain", value = "fake-courier-a.example" }, new { type = "domain", value = "fake-courier-b.example" },
                new { type = "domain", value = "fake-courier-c.example" } },
        });
        Assert.Equal(HttpStatusCode.OK, (await bankA.PostAsJsonAsync($"/api/v1/requests/{freezeA}/action",
            new { outcome = "Both accounts frozen", amountFrozen = 180_000m, currency = "HKD" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bankB.PostAsJsonAsync($"/api/v1/requests/{freezeB}/action",
            new { outcome = "Frozen", amountFrozen = 80_000m })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bankB.PostAsJsonAsync($"/api/v1/requests/{declined}/decline", new { reason = "Account closed" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await telecom.PostAsJsonAsync($"/api/v1/requests/{takedown}/action", new { outcome = "All three gone" })).StatusCode);

        // A request under the operation to an organisation that is not a participant is refused; so is one from an observer.
        var notParticipant = await centre.PostAsJsonAsync("/api/v1/requests", new
        {
            kind = "block_number",
            recipient = outsiderId,
            operation = id,
            legalBasis = "Order 5",
            targets = new[] { new { type = "phone", value = "+85291230000" } },
        });
        await ProblemAssert.IsProblemAsync(notParticipant, HttpStatusCode.BadRequest);
        var fromObserver = await observer.PostAsJsonAsync("/api/v1/requests", new
        {
            kind = "block_number",
            recipient = telecomId,
            operation = id,
            legalBasis = "Order 6",
            targets = new[] { new { type = "phone", value = "+85291230000" } },
        });
        Assert.Equal(HttpStatusCode.Forbidden, fromObserver.StatusCode);

        // Results by hand: arrests in HK by the centre, an amount returned in SG by bank B; an observer cannot report.
        Assert.Equal(HttpStatusCode.Created, (await centre.PostAsJsonAsync($"/api/v1/operations/{id}/results",
            new { measure = "arrests", quantity = 12, note = "Raid in Kowloon" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await centre.PostAsJsonAsync($"/api/v1/operations/{id}/results",
            new { measure = "arrests", quantity = 3, country = "mo" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await bankB.PostAsJsonAsync($"/api/v1/operations/{id}/results",
            new { measure = "amount_returned", quantity = 20_000.50m, currency = "sgd" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await observer.PostAsJsonAsync($"/api/v1/operations/{id}/results",
            new { measure = "arrests", quantity = 1 })).StatusCode);
        await ProblemAssert.IsProblemAsync(await centre.PostAsJsonAsync($"/api/v1/operations/{id}/results", new { measure = "arrests", quantity = 1.5m }),
            HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await centre.PostAsJsonAsync($"/api/v1/operations/{id}/results", new { measure = "amount_seized", quantity = 10 }),
            HttpStatusCode.BadRequest);

        // A free task for the telecom, done by it.
        var task = await (await centre.PostAsJsonAsync($"/api/v1/operations/{id}/tasks",
            new { title = "Trace the SIM boxes", assignee = telecomId, dueAt = "2026-12-20T18:00:00+08:00" })).Content.ReadFromJsonAsync<JsonElement>();
        var taskId = task.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await bankA.PatchAsJsonAsync($"/api/v1/operations/{id}/tasks/{taskId}", new { state = "done" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await telecom.PatchAsJsonAsync($"/api/v1/operations/{id}/tasks/{taskId}",
            new { state = "done", note = "Two SIM boxes found" })).StatusCode);

        // The board adds up exactly what was done.
        var seen = await bankA.GetFromJsonAsync<JsonElement>($"/api/v1/operations/{id}");
        var board = seen.GetProperty("board");
        decimal Total(JsonElement figures, string measure, string? currency = null) => figures.EnumerateArray()
            .Where(f => f.GetProperty("measure").GetString() == measure
                        && (currency is null ? f.GetProperty("currency").ValueKind == JsonValueKind.Null : f.GetProperty("currency").GetString() == currency))
            .Sum(f => f.GetProperty("total").GetDecimal());
        var totals = board.GetProperty("totals");
        Assert.Equal(4, Total(totals, "requests_sent"));
        Assert.Equal(3, Total(totals, "requests_actioned"));
        Assert.Equal(180_000m, Total(totals, "amount_frozen", "HKD"));
        Assert.Equal(80_000m, Total(totals, "amount_frozen", "SGD"));
        Assert.Equal(3, Total(totals, "accounts_frozen"));
        Assert.Equal(3, Total(totals, "domains_taken_down"));
        Assert.Equal(15, Total(totals, "arrests"));
        Assert.Equal(20_000.50m, Total(totals, "amount_returned", "SGD"));
        JsonElement Row(string scope, string key) => board.GetProperty(scope).EnumerateArray().Single(r => r.GetProperty("key").GetString() == key).GetProperty("figures");
        Assert.Equal(180_000m, Total(Row("byParticipant", bankAId.ToString()), "amount_frozen", "HKD"));
        Assert.Equal(12, Total(Row("byCountry", "HK"), "arrests"));
        Assert.Equal(3, Total(Row("byCountry", "MO"), "arrests"));
        Assert.Equal(3, Total(Row("byCountry", "MO"), "domains_taken_down"));
        Assert.Equal(80_000m, Total(Row("byCountry", "SG"), "amount_frozen", "SGD"));
        Assert.Equal(4, seen.GetProperty("requests").GetArrayLength());
        Assert.DoesNotContain("Order 1", seen.GetRawText(), StringComparison.Ordinal); // a request's legal basis stays with its two parties
        var timeline = seen.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("created", timeline);
        Assert.Contains("request.actioned", timeline);
        Assert.Contains("result", timeline);
        Assert.Equal("done", seen.GetProperty("tasks")[0].GetProperty("state").GetString());

        // Outsiders: 404 for the operation and everything under it, and nothing in their lists.
        foreach (var path in new[] { $"/api/v1/operations/{id}", $"/api/v1/operations/{id}/report", $"/api/v1/operations/{id}/report?format=csv" })
        {
            await ProblemAssert.IsProblemAsync(await outsider.GetAsync(path), HttpStatusCode.NotFound);
        }
        await ProblemAssert.IsProblemAsync(await outsider.PostAsJsonAsync($"/api/v1/operations/{id}/results", new { measure = "arrests", quantity = 1 }),
            HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await outsider.GetAsync($"/api/v1/requests/{freezeA}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain("Night Courier", await outsider.GetStringAsync("/api/v1/operations"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await bankA.PatchAsJsonAsync($"/api/v1/operations/{id}", new { status = "closed" })).StatusCode);

        // Closed: final, and its report adds up as the board did.
        Assert.Equal(HttpStatusCode.OK, (await centre.PatchAsJsonAsync($"/api/v1/operations/{id}", new { status = "closed" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await centre.PostAsJsonAsync($"/api/v1/operations/{id}/results",
            new { measure = "arrests", quantity = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await centre.PatchAsJsonAsync($"/api/v1/operations/{id}", new { status = "active" })).StatusCode);
        var report = await telecom.GetFromJsonAsync<JsonElement>($"/api/v1/operations/{id}/report");
        Assert.Equal("final", report.GetProperty("report").GetString());
        Assert.Equal(15, Total(report.GetProperty("operation").GetProperty("board").GetProperty("totals"), "arrests"));
        var csv = await telecom.GetStringAsync($"/api/v1/operations/{id}/report?format=csv");
        Assert.StartsWith("scope,key,name,measure,currency,from_requests,reported,total", csv, StringComparison.Ordinal);
        Assert.Contains($"total,{id},Operation Night Courier,amount_frozen,HKD,180000,0,180000", csv, StringComparison.Ordinal);
        Assert.Contains("country,HK,HK,arrests,,0,12,12", csv, StringComparison.Ordinal);
        Assert.Contains("country,SG,SG,amount_returned,SGD,0,20000.5,20000.5", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_IsRefusedWithAProblem()
    {
        var (_, key) = await app.MemberAsync("Operation Bad Input", Sector.LawEnforcement, "HK", Role.Responder);
        using var client = app.ClientWithKey(key);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/operations", new { objectives = "x" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/operations", new { name = "x", objectives = "y", countries = new[] { "XX" } }),
            HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/operations",
            new { name = "x", objectives = "y", startsAt = "2026-12-02T00:00:00Z", endsAt = "2026-12-01T00:00:00Z" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/operations",
            new { name = "x", objectives = "y", participants = new[] { new { organisation = Guid.NewGuid() } } }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/operations?status=paused"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/operations/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheConsole_ShowsTheBoard_TakesResults_AndPrintsTheReportInChinese()
    {
        var (leadId, leadKey) = await app.MemberAsync("Console Operation Centre", Sector.LawEnforcement, "HK", Role.Responder);
        var (bankId, _) = await app.MemberAsync("Console Operation Bank", Sector.Bank, "SG", Role.Responder);
        var (outsiderId, _) = await app.MemberAsync("Console Operation Outsider", Sector.Bank, "SG", Role.Responder);
        using var lead = app.ClientWithKey(leadKey);
        var operation = await (await lead.PostAsJsonAsync("/api/v1/operations", new
        {
            name = "Operation Lantern",
            objectives = "Find the call centre.",
            countries = new[] { "HK", "SG" },
            participants = new[] { new { organisation = bankId } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var id = operation.GetProperty("id").GetGuid();
        using var bank = await app.ConsoleUserAsync(bankId, "analyst@console-operation-bank.example", "responder");
        using var outsider = await app.ConsoleUserAsync(outsiderId, "analyst@console-operation-outsider.example", "responder");

        var page = await bank.GetStringAsync($"/console/operations/{id}");
        Assert.Contains("Operation Lantern", page, StringComparison.Ordinal);
        var reported = await bank.PostAsync($"/console/operations/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "result",
            ["Measure"] = "victims_contacted",
            ["Quantity"] = "42",
            ["__RequestVerificationToken"] = CordonApp.FormToken(page),
        }));
        var after = await reported.Content.ReadAsStringAsync();
        Assert.True(reported.StatusCode == HttpStatusCode.OK, after);
        Assert.Contains("Victims contacted", after, StringComparison.Ordinal);
        Assert.Contains("42", after, StringComparison.Ordinal);

        await bank.GetAsync("/console/culture?name=zh-Hans&back=/console");
        var chinese = await bank.GetStringAsync($"/console/operations/{id}/report");
        Assert.Contains("阶段报告", chinese, StringComparison.Ordinal);
        Assert.Contains("联系受害人数", chinese, StringComparison.Ordinal);
        var csv = await bank.GetStringAsync($"/console/operations/{id}/report.csv");
        Assert.Contains("victims_contacted,,0,42,42", csv, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/console/operations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/console/operations/{id}/report")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/console/operations/{id}/report.csv")).StatusCode);
        Assert.DoesNotContain("Operation Lantern", await outsider.GetStringAsync("/console/operations"), StringComparison.Ordinal);
    }
}
