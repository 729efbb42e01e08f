using System.Net.Http.Json;
using System.Text.Json;
using Cordon.Core.Members;
using Cordon.Testing;

namespace Cordon.Server.Tests;

/// <summary>
/// Reads of restricted data leave a record — who, what, which route — batched (one record per caller, route and kind
/// of item in each flush, never one per item); reads of what the whole node may see leave none.
/// </summary>
public sealed class ReadAuditTests(CordonApp app) : IClassFixture<CordonApp>
{
    [Fact]
    public async Task RestrictedReads_AreRecorded_OpenOnesAreNot()
    {
        var (_, ownerKey) = await app.MemberAsync("Read Audit Owner", Sector.Bank, "GB", Role.Analyst);
        var (readerId, readerKey) = await app.MemberAsync("Read Audit Reader", Sector.Bank, "DE", Role.Analyst);
        using var owner = app.ClientWithKey(ownerKey);
        using var reader = app.ClientWithKey(readerKey);
        (await owner.PostAsJsonAsync("/api/v1/indicators", new
        {
            items = new[]
            {
                new { type = "domain", value = "amber-read-audit.example", categories = new[] { "phishing" }, confidence = 70, tlp = "amber", distribution = "node" },
                new { type = "domain", value = "green-read-audit.example", categories = new[] { "phishing" }, confidence = 70, tlp = "green", distribution = "node" },
            },
        })).EnsureSuccessStatusCode();
        var amber = await IdOfAsync(reader, "amber-read-audit.example");
        var green = await IdOfAsync(reader, "green-read-audit.example");
        var created = await (await owner.PostAsJsonAsync("/api/v1/cases", new
        {
            category = "romance",
            loss = new { amount = 900m, currency = "EUR" },
            victimCountry = "GB",
            occurredAt = new DateTimeOffset(2026, 11, 2, 14, 30, 0, TimeSpan.Zero),
            tlp = "green",
            distribution = "node",
            identifiers = new[] { new { type = "phone", value = "+44 20 7946 0771" } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var caseId = created.GetProperty("id").GetGuid();
        using var file = new ByteArrayContent([1, 2, 3]);
        var attachment = await (await owner.PostAsync($"/api/v1/cases/{caseId}/attachments?fileName=chat.png", file)).Content.ReadFromJsonAsync<JsonElement>();
        var attachmentId = attachment.GetProperty("id").GetGuid();

        (await reader.GetAsync($"/api/v1/indicators/{amber}")).EnsureSuccessStatusCode();
        (await reader.GetAsync($"/api/v1/indicators/{green}")).EnsureSuccessStatusCode();
        (await reader.GetAsync($"/api/v1/cases/{caseId}")).EnsureSuccessStatusCode();
        (await reader.GetAsync($"/api/v1/cases/{caseId}/attachments/{attachmentId}")).EnsureSuccessStatusCode();
        (await reader.GetAsync("/api/v1/indicators/export?format=csv")).EnsureSuccessStatusCode();

        using var admin = app.Admin();
        string Route(JsonElement r) => JsonDocument.Parse(r.GetProperty("details").GetString()!).RootElement.GetProperty("route").GetString()!;
        // Flushed in batches: wait for the last read (the export) rather than for a count, which earlier reads can make up.
        var reads = await Eventually.UntilAsync(async () => await ReadRecordsAsync(admin, readerId),
            found => found.Any(r => Route(r) == "GET /api/v1/indicators/export"));
        Assert.Contains(reads, r => Route(r) == $"GET /api/v1/indicators/{amber}" && r.GetProperty("itemIds")[0].GetGuid() == amber);
        Assert.DoesNotContain(reads, r => Route(r) == $"GET /api/v1/indicators/{green}");
        Assert.Contains(reads, r => Route(r) == $"GET /api/v1/cases/{caseId}" && r.GetProperty("itemType").GetString() == "case");
        Assert.Contains(reads, r => r.GetProperty("itemType").GetString() == "attachment" && r.GetProperty("itemIds")[0].GetGuid() == attachmentId);
        Assert.Contains(reads, r => Route(r) == "GET /api/v1/indicators/export"
                                    && JsonDocument.Parse(r.GetProperty("details").GetString()!).RootElement.GetProperty("items").GetInt64() >= 1);
    }

    private static async Task<Guid> IdOfAsync(HttpClient client, string domain)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?type=domain&value={domain}");
        return page.GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    private static async Task<List<JsonElement>> ReadRecordsAsync(HttpClient admin, Guid organisation)
    {
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?limit=1000");
        return page.GetProperty("items").EnumerateArray()
            .Where(r => r.GetProperty("action").GetString() == "read.restricted" && r.GetProperty("organisationId").GetGuid() == organisation).ToList();
    }
}
