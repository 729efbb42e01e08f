using System.Net;
using System.Net.Http.Json;
using Cordon.Core.Members;
using Cordon.Server.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Tests;

public sealed class MembersTests(CordonApp app) : IClassFixture<CordonApp>
{
    [Fact]
    public async Task BootstrapKey_CreatesOrganisation_WhoseNewKeyWorks()
    {
        using var admin = app.Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/organisations", new { name = "Anti-Fraud Centre", sector = "law_enforcement", country = "hk" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var organisation = await CordonApp.ReadAsync<OrganisationResponse>(response);
        Assert.Equal("HK", organisation.Country);
        Assert.Equal(Sector.LawEnforcement, organisation.Sector);
        Assert.Contains("\"sector\":\"law_enforcement\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var keyResponse = await admin.PostAsJsonAsync($"/api/v1/organisations/{organisation.Id}/keys",
            new { name = "case system", roles = new[] { "analyst", "responder" } });
        Assert.Equal(HttpStatusCode.Created, keyResponse.StatusCode);
        var key = await CordonApp.ReadAsync<CreatedKeyResponse>(keyResponse);
        Assert.StartsWith("cdn_", key.Key, StringComparison.Ordinal);
        Assert.Equal([Role.Analyst, Role.Responder], key.Roles);

        using var member = app.ClientWithKey(key.Key);
        var visible = await CordonApp.ReadAsync<List<OrganisationResponse>>(await member.GetAsync("/api/v1/organisations"));
        Assert.Contains(visible, o => o.Id == organisation.Id);
    }

    [Fact]
    public async Task DuplicateOrganisationName_Is409()
    {
        await app.MemberAsync("Twice Bank", Sector.Bank, "ES");
        using var admin = app.Admin();
        await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync("/api/v1/organisations", new { name = "Twice Bank", sector = "bank", country = "ES" }),
            HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task KeysAreStoredOnlyAsSaltedHashes()
    {
        var (organisationId, key) = await app.MemberAsync("Hash Check Bank", Sector.Bank, "NL", Role.Viewer);
        await using var db = app.Database.Open();
        var stored = await db.ApiKeys.SingleAsync(k => k.OrganisationId == organisationId);
        var secretBytes = System.Text.Encoding.UTF8.GetBytes(key);
        Assert.NotEqual(secretBytes, stored.Hash);
        Assert.Equal(16, stored.Salt.Length);
        Assert.Equal(32, stored.Hash.Length);
        Assert.True(key.Length > stored.Prefix.Length + 20);
        var audit = await db.AuditRecords.Select(a => a.Details).ToListAsync();
        Assert.DoesNotContain(audit, details => details.Contains(key[stored.Prefix.Length..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Communities_AreVisibleToTheirMembers_Only()
    {
        var (inside, insideKey) = await app.MemberAsync("Community Bank", Sector.Bank, "AU", Role.Viewer);
        var (_, outsideKey) = await app.MemberAsync("Outside Telecom", Sector.Telecom, "AU", Role.Viewer);
        using var admin = app.Admin();
        var community = await CordonApp.ReadAsync<CommunityResponse>(
            await admin.PostAsJsonAsync("/api/v1/communities", new { name = "APAC banks", members = new[] { inside } }));
        Assert.Equal([inside], community.Members);

        using var insider = app.ClientWithKey(insideKey);
        Assert.Contains(await CordonApp.ReadAsync<List<CommunityResponse>>(await insider.GetAsync("/api/v1/communities")),
            c => c.Id == community.Id);
        using var outsider = app.ClientWithKey(outsideKey);
        Assert.DoesNotContain(await CordonApp.ReadAsync<List<CommunityResponse>>(await outsider.GetAsync("/api/v1/communities")),
            c => c.Id == community.Id);
        await ProblemAssert.IsProblemAsync(
            await insider.PostAsJsonAsync("/api/v1/communities", new { name = "Mine", members = Array.Empty<Guid>() }),
            HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CommunityMembership_CanChange()
    {
        var (first, _) = await app.MemberAsync("Member One", Sector.Payment, "BR", Role.Viewer);
        var (second, _) = await app.MemberAsync("Member Two", Sector.Payment, "BR", Role.Viewer);
        using var admin = app.Admin();
        var community = await CordonApp.ReadAsync<CommunityResponse>(
            await admin.PostAsJsonAsync("/api/v1/communities", new { name = "LATAM payments", members = new[] { first } }));
        var grown = await CordonApp.ReadAsync<CommunityResponse>(
            await admin.PutAsync($"/api/v1/communities/{community.Id}/members/{second}", null));
        Assert.Equal(2, grown.Members.Count);
        var shrunk = await CordonApp.ReadAsync<CommunityResponse>(
            await admin.DeleteAsync($"/api/v1/communities/{community.Id}/members/{first}"));
        Assert.Equal([second], shrunk.Members);
    }

    [Fact]
    public async Task CommunityWithUnknownMember_Is400()
    {
        using var admin = app.Admin();
        await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync("/api/v1/communities", new { name = "Ghosts", members = new[] { Guid.NewGuid() } }),
            HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Users_CreatedWithRoles_PasswordHashed()
    {
        var (organisationId, adminKey) = await app.MemberAsync("User Bank", Sector.Bank, "JP", Role.Admin);
        using var memberAdmin = app.ClientWithKey(adminKey);
        var created = await CordonApp.ReadAsync<UserResponse>(await memberAdmin.PostAsJsonAsync(
            $"/api/v1/organisations/{organisationId}/users",
            new { email = "Analyst@UserBank.example", displayName = "A. Analyst", roles = new[] { "analyst" }, password = "correct horse battery" }));
        Assert.Equal("analyst@userbank.example", created.Email);
        Assert.True(created.HasPassword);

        await using var db = app.Database.Open();
        var stored = await db.Users.SingleAsync(u => u.Id == created.Id);
        Assert.DoesNotContain("correct horse", stored.PasswordHash!, StringComparison.Ordinal);

        await ProblemAssert.IsProblemAsync(await memberAdmin.PostAsJsonAsync($"/api/v1/organisations/{organisationId}/users",
            new { email = "analyst@userbank.example", displayName = "Again", roles = new[] { "viewer" } }), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await memberAdmin.PostAsJsonAsync($"/api/v1/organisations/{organisationId}/users",
            new { email = "short@userbank.example", displayName = "Short", roles = new[] { "viewer" }, password = "short" }),
            HttpStatusCode.BadRequest);
    }
}
