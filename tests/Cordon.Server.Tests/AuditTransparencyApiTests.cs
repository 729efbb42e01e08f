using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cordon.Application.Audit;
using Cordon.Core.Audit;
using Cordon.Core.Members;

namespace Cordon.Server.Tests;

/// <summary>
/// The audit log's transparency API from the outside: a signed head anyone with a key (or a peer) can check, inclusion
/// proofs only of records the caller may read, consistency proofs that verify, and witness reports only from peers.
/// </summary>
public sealed class AuditTransparencyApiTests(CordonApp app) : IClassFixture<CordonApp>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, Web)!;
    }

    [Fact]
    public async Task TheHead_IsSigned_AndItsProofsVerify_AgainstIt()
    {
        var (_, viewerKey) = await app.MemberAsync("Transparency Viewer", Sector.Bank, "DE");
        using var viewer = app.ClientWithKey(viewerKey);
        using var admin = app.Admin();

        var head = await ReadAsync<PublishedTreeHead>(await viewer.GetAsync("/api/v1/audit/head"));
        Assert.True(head.Verifies());
        Assert.True(head.Size >= 4);
        var key = await ReadAsync<JsonElement>(await viewer.GetAsync("/api/v1/audit/key"));
        Assert.Equal(head.PublicKey, key.GetProperty("publicKey").GetString());
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", key.GetProperty("pem").GetString(), StringComparison.Ordinal);

        var proof = await ReadAsync<InclusionProof>(await admin.GetAsync($"/api/v1/audit/proof?record=2&treeSize={head.Size}"));
        Assert.True(MerkleTree.VerifyInclusion(1, head.Size, MerkleTree.LeafHash(Encoding.UTF8.GetBytes(proof.Leaf)),
            proof.AuditPath.Select(Convert.FromHexString).ToList(), Convert.FromHexString(head.RootHash)));

        await app.MemberAsync("Transparency Later", Sector.Bank, "FR");
        var later = await ReadAsync<PublishedTreeHead>(await viewer.GetAsync("/api/v1/audit/head"));
        var consistency = await ReadAsync<ConsistencyProof>(await viewer.GetAsync($"/api/v1/audit/consistency?from={head.Size}&to={later.Size}"));
        Assert.True(MerkleTree.VerifyConsistency(head.Size, later.Size, Convert.FromHexString(head.RootHash),
            Convert.FromHexString(later.RootHash), consistency.Proof.Select(Convert.FromHexString).ToList()));
    }

    [Fact]
    public async Task Proofs_NameOnlyRecordsTheCallerMayRead_AndBadInputIsA400()
    {
        var (_, memberAdminKey) = await app.MemberAsync("Transparency Member Admin", Sector.Bank, "NL", Role.Admin);
        using var memberAdmin = app.ClientWithKey(memberAdminKey);
        using var anonymous = app.CreateClient();

        // Record 1 is the node's bootstrap: another organisation's administrator is told it does not exist.
        await ProblemAssert.IsProblemAsync(await memberAdmin.GetAsync("/api/v1/audit/proof?record=1"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/audit/head")).StatusCode);
        using var admin = app.Admin();
        foreach (var query in new[] { "proof?record=0", "proof?record=abc", "proof", "proof?record=99999999", "consistency?from=2&to=1",
                     "consistency", "consistency?from=1&to=99999999" })
        {
            await ProblemAssert.IsProblemAsync(await admin.GetAsync($"/api/v1/audit/{query}"), HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task OnlyAPeer_ReportsAsAWitness_AndOnlyWithAHeadThisNodeSigned()
    {
        using var admin = app.Admin();
        var head = await ReadAsync<PublishedTreeHead>(await admin.GetAsync("/api/v1/audit/head"));
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/audit/witness", new { head }), HttpStatusCode.Forbidden);

        var created = await ReadAsync<JsonElement>(await admin.PostAsJsonAsync("/api/v1/peers",
            new { name = "transparency-witness", direction = "inbound", tlps = new[] { "clear" } }));
        using var peer = app.ClientWithKey(created.GetProperty("inboundKey").GetString());
        await ProblemAssert.IsProblemAsync(await peer.PostAsJsonAsync("/api/v1/audit/witness", new { head = head with { Size = head.Size + 1 } }),
            HttpStatusCode.BadRequest);
        var report = await ReadAsync<JsonElement>(await peer.PostAsJsonAsync("/api/v1/audit/witness", new { head }));
        Assert.True(report.GetProperty("consistent").GetBoolean());
        var reports = await ReadAsync<JsonElement>(await admin.GetAsync("/api/v1/audit/witnesses"));
        Assert.Contains(reports.EnumerateArray(), r => r.GetProperty("witness").GetString() == "transparency-witness");
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task ACaseEvidencePackage_IsAZipThatVerifies_AndOnlyForThoseWhoMaySeeTheCase()
    {
        var (_, ownerKey) = await app.MemberAsync("Evidence API Police", Sector.LawEnforcement, "GB", Role.Analyst);
        var (_, otherKey) = await app.MemberAsync("Evidence API Bank", Sector.Bank, "DE", Role.Analyst);
        using var owner = app.ClientWithKey(ownerKey);
        using var other = app.ClientWithKey(otherKey);
        var created = await ReadAsync<JsonElement>(await owner.PostAsJsonAsync("/api/v1/cases", new
        {
            category = "romance",
            loss = new { amount = 900m, currency = "EUR" },
            victimCountry = "GB",
            occurredAt = new DateTimeOffset(2026, 11, 2, 14, 30, 0, TimeSpan.Zero),
            tlp = "amber",
            distribution = "organisation",
            identifiers = new[] { new { type = "phone", value = "+44 20 7946 0772" } },
        }));
        var caseId = created.GetProperty("id").GetGuid();
        (await owner.PostAsJsonAsync($"/api/v1/cases/{caseId}/notes", new { text = "Called back." })).EnsureSuccessStatusCode();

        var response = await owner.PostAsync($"/api/v1/cases/{caseId}/evidence", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var verified = Cordon.Core.Evidence.EvidenceVerifier.Verify(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.True(verified.Ok, string.Join("; ", verified.Problems));

        await ProblemAssert.IsProblemAsync(await other.PostAsync($"/api/v1/cases/{caseId}/evidence", null), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync($"/api/v1/cases/{caseId}/evidence", null)).StatusCode);
    }
}
