using System.Net;
using System.Net.Http.Json;
using Cordon.Core.Members;
using Cordon.Server.Audit;

namespace Cordon.Server.Tests;

public sealed class AuditApiTests(CordonApp app) : IClassFixture<CordonApp>
{
    [Fact]
    public async Task EveryChange_AppendsAChainedRecord_AndVerifies()
    {
        var (organisationId, _) = await app.MemberAsync("Audited Bank", Sector.Bank, "CH", Role.Viewer);
        using var admin = app.Admin();
        var page = await CordonApp.ReadAsync<AuditPage>(await admin.GetAsync("/api/v1/audit?limit=1000"));
        var create = Assert.Single(page.Items, a => a.Action == "organisation.create" && a.ItemIds.Contains(organisationId.ToString()));
        Assert.Contains(page.Items, a => a.Action == "key.create" && a.ItemIds.Contains(organisationId.ToString()));
        Assert.Equal(page.Items.Single(a => a.Sequence == create.Sequence - 1).Hash, create.PreviousHash);

        var verify = await CordonApp.ReadAsync<AuditVerifyResponse>(await admin.PostAsync("/api/v1/audit/verify", null));
        Assert.True(verify.Ok);
        Assert.Null(verify.BrokenAt);
        Assert.True(verify.Records >= 4);
    }

    [Fact]
    public async Task MemberAdmin_SeesOnlyItsOrganisationsRecords_AndCannotVerify()
    {
        var (organisationId, key) = await app.MemberAsync("Audit Member", Sector.Isp, "PL", Role.Admin);
        using var memberAdmin = app.ClientWithKey(key);
        await memberAdmin.PostAsJsonAsync($"/api/v1/organisations/{organisationId}/keys", new { name = "second", roles = new[] { "viewer" } });
        var page = await CordonApp.ReadAsync<AuditPage>(await memberAdmin.GetAsync("/api/v1/audit"));
        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, a => Assert.Equal(organisationId, a.OrganisationId));
        await ProblemAssert.IsProblemAsync(await memberAdmin.PostAsync("/api/v1/audit/verify", null), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Paging_WalksTheWholeChainOnce()
    {
        for (var i = 0; i < 5; i++)
        {
            await app.MemberAsync($"Paging Org {i}", Sector.Other, "CA");
        }
        using var admin = app.Admin();
        var seen = new List<long>();
        long? before = null;
        do
        {
            var page = await CordonApp.ReadAsync<AuditPage>(await admin.GetAsync($"/api/v1/audit?limit=3{(before is null ? "" : $"&before={before}")}"));
            seen.AddRange(page.Items.Select(a => a.Sequence));
            before = page.Next;
        }
        while (before is not null);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => (long)i).Reverse(), seen);
    }

    [Fact]
    public async Task ConcurrentWrites_NeverForkTheChain()
    {
        var tasks = Enumerable.Range(0, 16).Select(i => app.MemberAsync($"Concurrent Org {i}", Sector.Bank, "GB", Role.Viewer));
        await Task.WhenAll(tasks);
        using var admin = app.Admin();
        var verify = await CordonApp.ReadAsync<AuditVerifyResponse>(await admin.PostAsync("/api/v1/audit/verify", null));
        Assert.True(verify.Ok, $"broken at {verify.BrokenAt}");
        Assert.True(verify.Records >= 32);
    }

    [Fact]
    public async Task SigningInAndOut_AreRecorded()
    {
        var (organisationId, _) = await app.MemberAsync("Signing Out Bank", Sector.Bank, "NL", Role.Viewer);
        using var admin = app.Admin();
        const string email = "leaver@signing-out.example", password = "leaver-password-2026";
        var user = await CordonApp.ReadAsync<Members.UserResponse>(await admin.PostAsJsonAsync($"/api/v1/organisations/{organisationId}/users",
            new { email, displayName = "Leaver", roles = new[] { "viewer" }, password }));
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/console/sign-in", Form(await TokenAsync(browser, "/console/sign-in"),
            ("email", email), ("password", password)))).StatusCode);
        var signedOut = await browser.PostAsync("/console/sign-out", Form(await TokenAsync(browser, "/console")));

        Assert.True(signedOut.Headers.Location?.OriginalString == "/console/sign-in", $"{(int)signedOut.StatusCode}: {await signedOut.Content.ReadAsStringAsync()}");
        var page = await CordonApp.ReadAsync<AuditPage>(await admin.GetAsync("/api/v1/audit?limit=50"));
        Assert.Contains(page.Items, a => a.Action == "user.sign_in" && a.ItemIds.Contains(user.Id.ToString()));
        Assert.Contains(page.Items, a => a.Action == "user.sign_out" && a.ItemIds.Contains(user.Id.ToString()));
    }

    [Fact]
    public async Task TheConsolesEvidenceButton_GivesAPackageThatVerifies()
    {
        var (organisationId, key) = await app.MemberAsync("Evidence Console Police", Sector.LawEnforcement, "GB", Role.Analyst);
        using var admin = app.Admin();
        const string email = "officer@evidence-console.example", password = "officer-password-2026";
        (await admin.PostAsJsonAsync($"/api/v1/organisations/{organisationId}/users",
            new { email, displayName = "Officer", roles = new[] { "analyst", "admin" }, password })).EnsureSuccessStatusCode();
        using var analyst = app.ClientWithKey(key);
        var created = await (await analyst.PostAsJsonAsync("/api/v1/cases", new
        {
            category = "romance",
            loss = new { amount = 700m, currency = "EUR" },
            victimCountry = "GB",
            occurredAt = new DateTimeOffset(2026, 11, 2, 14, 30, 0, TimeSpan.Zero),
            tlp = "amber",
            distribution = "organisation",
            identifiers = new[] { new { type = "phone", value = "+44 20 7946 0773" } },
        })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var caseId = created.GetProperty("id").GetGuid();
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/console/sign-in",
            Form(await TokenAsync(browser, "/console/sign-in"), ("email", email), ("password", password)))).StatusCode);

        var cases = await browser.GetStringAsync("/console/cases");
        Assert.Contains($"/console/cases/{caseId}/evidence", cases, StringComparison.Ordinal);
        var token = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(cases,
            "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
        var response = await browser.PostAsync($"/console/cases/{caseId}/evidence", Form(token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var verified = Cordon.Core.Evidence.EvidenceVerifier.Verify(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.True(verified.Ok, string.Join("; ", verified.Problems));
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync($"/console/cases/{caseId}/evidence", Form("not-a-token"))).StatusCode);
    }

    private static async Task<string> TokenAsync(HttpClient browser, string page) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(await browser.GetStringAsync(page),
            "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
}
