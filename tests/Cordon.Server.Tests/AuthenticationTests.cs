using System.Net;
using System.Net.Http.Json;
using Cordon.Core.Members;

namespace Cordon.Server.Tests;

public sealed class AuthenticationTests(CordonApp app) : IClassFixture<CordonApp>
{
    [Fact]
    public async Task NoKey_Is401Problem_WithBearerChallenge()
    {
        using var client = app.ClientWithKey(null);
        var response = await client.GetAsync("/api/v1/organisations");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("cdn_not-a-real-key-but-long-enough-to-look-up")]
    [InlineData("short")]
    [InlineData("cdn_test-bootstrap-admin-key-0123456789abcdeX")]
    public async Task UnknownKey_Is401(string key)
    {
        using var client = app.ClientWithKey(key);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/organisations"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task BasicScheme_Is401()
    {
        using var client = app.ClientWithKey(null);
        client.DefaultRequestHeaders.Authorization = new("Basic", "dXNlcjpwYXNz");
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/organisations"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokedKey_Is401_FromTheNextRequest()
    {
        var (organisationId, key) = await app.MemberAsync("Revocation Bank", Sector.Bank, "DE", Role.Viewer);
        using var member = app.ClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/v1/organisations")).StatusCode);

        using var admin = app.Admin();
        var keys = await CordonApp.ReadAsync<List<Members.KeyResponse>>(await admin.GetAsync($"/api/v1/organisations/{organisationId}/keys"));
        var revoked = await CordonApp.ReadAsync<Members.KeyResponse>(await admin.DeleteAsync($"/api/v1/keys/{keys.Single().Id}"));
        Assert.NotNull(revoked.RevokedAt);

        await ProblemAssert.IsProblemAsync(await member.GetAsync("/api/v1/organisations"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await admin.DeleteAsync($"/api/v1/keys/{keys.Single().Id}"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ViewerKey_CannotCreateOrganisations_Or_Keys()
    {
        var (organisationId, key) = await app.MemberAsync("Viewer Telecom", Sector.Telecom, "FR", Role.Viewer);
        using var viewer = app.ClientWithKey(key);
        await ProblemAssert.IsProblemAsync(
            await viewer.PostAsJsonAsync("/api/v1/organisations", new { name = "Sneaky", sector = "bank", country = "GB" }),
            HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(
            await viewer.PostAsJsonAsync($"/api/v1/organisations/{organisationId}/keys", new { name = "more", roles = new[] { "admin" } }),
            HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await viewer.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task MemberAdmin_ManagesOwnKeys_ButNotOtherOrganisations()
    {
        var (ownId, ownKey) = await app.MemberAsync("Admin Exchange", Sector.Crypto, "SG", Role.Admin);
        var (otherId, _) = await app.MemberAsync("Other Registrar", Sector.Registrar, "US", Role.Admin);
        using var memberAdmin = app.ClientWithKey(ownKey);

        var created = await memberAdmin.PostAsJsonAsync($"/api/v1/organisations/{ownId}/keys", new { name = "payments", roles = new[] { "analyst" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await ProblemAssert.IsProblemAsync(
            await memberAdmin.PostAsJsonAsync($"/api/v1/organisations/{otherId}/keys", new { name = "x", roles = new[] { "admin" } }),
            HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(
            await memberAdmin.PostAsJsonAsync("/api/v1/organisations", new { name = "Not node admin", sector = "bank", country = "GB" }),
            HttpStatusCode.Forbidden);

        using var admin = app.Admin();
        var otherKeys = await CordonApp.ReadAsync<List<Members.KeyResponse>>(await admin.GetAsync($"/api/v1/organisations/{otherId}/keys"));
        // Another organisation's key is "not found", not "forbidden": its existence is not revealed.
        await ProblemAssert.IsProblemAsync(await memberAdmin.DeleteAsync($"/api/v1/keys/{otherKeys[0].Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Refusals_ComeFromThePermissionTable_AtTheRoute()
    {
        var (_, viewerKey) = await app.MemberAsync("Table Viewer Bank", Sector.Bank, "DE", Role.Viewer);
        var (_, adminKey) = await app.MemberAsync("Table Admin Bank", Sector.Bank, "AT", Role.Admin);
        using var viewer = app.ClientWithKey(viewerKey);
        using var memberAdmin = app.ClientWithKey(adminKey);

        var send = await ProblemAssert.IsProblemAsync(
            await viewer.PostAsJsonAsync("/api/v1/requests", new { kind = "under_attack", priority = "high", summary = "x" }), HttpStatusCode.Forbidden);
        Assert.Equal(Permissions.Refusal(Permission.Respond), send.GetProperty("detail").GetString());
        var feeds = await ProblemAssert.IsProblemAsync(await memberAdmin.GetAsync("/api/v1/feeds"), HttpStatusCode.Forbidden);
        Assert.Equal(Permissions.Refusal(Permission.OperateNode), feeds.GetProperty("detail").GetString());
        var verify = await ProblemAssert.IsProblemAsync(await memberAdmin.PostAsync("/api/v1/audit/verify", null), HttpStatusCode.Forbidden);
        Assert.Equal(Permissions.Refusal(Permission.OperateNode), verify.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await memberAdmin.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task Key_UpdatesLastUsed()
    {
        var (organisationId, key) = await app.MemberAsync("Last Used Bank", Sector.Bank, "IT", Role.Viewer);
        using var member = app.ClientWithKey(key);
        await member.GetAsync("/api/v1/organisations");

        using var admin = app.Admin();
        var keys = await CordonApp.ReadAsync<List<Members.KeyResponse>>(await admin.GetAsync($"/api/v1/organisations/{organisationId}/keys"));
        Assert.NotNull(keys.Single().LastUsedAt);
    }
}
