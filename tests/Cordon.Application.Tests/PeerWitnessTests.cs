using System.Net;
using System.Security.Cryptography;
using System.Text;
using Cordon.Application.Federation;
using Cordon.Application.Members;
using Cordon.Core.Audit;
using Cordon.Core.Members;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Tests;

/// <summary>
/// This node as a witness of a peer that misbehaves: what the peer answers on its audit routes raises an alarm or is
/// ignored, and never throws out of the sync (which would answer 500 and skip the backoff).
/// </summary>
public sealed class PeerWitnessTests
{
    private sealed class Answers : HttpMessageHandler
    {
        public Func<HttpRequestMessage, HttpResponseMessage> Respond { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.NotFound);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Respond(request));
    }

    private static HttpResponseMessage Json(string json) => new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static string Head(ECDsa key, long size, byte[] root) =>
        PublishedTreeHead.From(SignedTreeHead.Sign("peer", size, root, DateTimeOffset.UnixEpoch, key), key.ExportSubjectPublicKeyInfo()).ToJson();

    private static async Task<(TestDatabase Database, Guid PeerId)> StoreAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await using var services = new TestServices(database, new FakeClock());
        await services.Get<NodeBootstrap>().EnsureAsync(new BootstrapSettings("Node", "GB", null));
        var node = await services.Db.Organisations.SingleAsync();
        var actor = new Actor(node.Id, ActorKind.Cli, "tester", RoleSet.ToFlags([Role.Admin]), IsNodeOperator: true);
        var organisation = await services.Get<MemberDirectory>().CreateOrganisationAsync(actor, "Peer org", Sector.Other, "DE");
        var peer = new FederationPeer
        {
            Id = Guid.NewGuid(),
            Name = "misbehaving-peer",
            OrganisationId = organisation.Id,
            ApiRoot = "http://peer.example/taxii2/cordon/",
            CollectionId = Guid.NewGuid().ToString(),
            Direction = PeerDirection.Pull,
            Secret = "secret",
            CreatedAt = DateTimeOffset.UnixEpoch,
        };
        services.Db.Peers.Add(peer);
        await services.Db.SaveChangesAsync();
        return (database, peer.Id);
    }

    private static async Task<string?> CheckAsync(TestDatabase database, Guid peerId, Answers answers)
    {
        await using var services = new TestServices(database, new FakeClock());
        var peer = await services.Db.Peers.SingleAsync(p => p.Id == peerId);
        var client = new TaxiiClient(new HttpClient(answers), peer.ApiRoot!, peer.CollectionId!, null, peer.Secret!);
        await services.Get<PeerWitness>().CheckAsync(peer, client, CancellationToken.None);
        return (await services.Db.Peers.AsNoTracking().SingleAsync(p => p.Id == peerId)).AuditAlarm;
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"node\":\"peer\",\"size\":3,\"rootHash\":\"zz\",\"time\":\"2026-01-01T00:00:00Z\",\"algorithm\":\"x\",\"keyId\":null,\"signature\":null,\"publicKey\":null}")]
    [InlineData("[1,2,3]")]
    public async Task AMalformedHead_IsAnAlarmOrNothing_NeverACrash(string answer)
    {
        var (database, peerId) = await StoreAsync();
        await using var _ = database;
        var alarm = await CheckAsync(database, peerId, new Answers { Respond = _ => Json(answer) });
        Assert.True(alarm is null || alarm.StartsWith("its", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APeerThatIsNotCordon_IsNotWitnessed()
    {
        var (database, peerId) = await StoreAsync();
        await using var _ = database;
        var html = new Answers { Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html></html>", Encoding.UTF8, "text/html") } };
        Assert.Null(await CheckAsync(database, peerId, html));
        Assert.Null(await CheckAsync(database, peerId, new Answers { Respond = _ => new HttpResponseMessage(HttpStatusCode.Unauthorized) }));
    }

    [Fact]
    public async Task APeerThatRewritesItsLogOrHidesIt_RaisesTheAlarm_UntilAccepted()
    {
        var (database, peerId) = await StoreAsync();
        await using var _ = database;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootA = MerkleTree.LeafHash("a"u8);
        var good = new Answers { Respond = r => r.RequestUri!.AbsolutePath.EndsWith("/head", StringComparison.Ordinal) ? Json(Head(key, 1, rootA)) : Json("{}") };
        Assert.Null(await CheckAsync(database, peerId, good));

        var rewritten = new Answers { Respond = r => r.RequestUri!.AbsolutePath.EndsWith("/head", StringComparison.Ordinal) ? Json(Head(key, 1, MerkleTree.LeafHash("b"u8))) : Json("{}") };
        Assert.Contains("rewritten", await CheckAsync(database, peerId, rewritten), StringComparison.Ordinal);

        await using (var services = new TestServices(database, new FakeClock()))
        {
            var node = await services.Db.Organisations.SingleAsync(o => o.IsNodeOperator);
            await services.Get<PeerDirectory>().AcceptAuditAsync(new Actor(node.Id, ActorKind.Cli, "tester", RoleSet.ToFlags([Role.Admin]), true),
                "misbehaving-peer");
        }
        Assert.Null(await CheckAsync(database, peerId, good)); // witnessed afresh
        Assert.Contains("no longer shows", await CheckAsync(database, peerId, new Answers()), StringComparison.Ordinal);
        await using var db = database.Open();
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == "peer.audit_alarm"));
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == "peer.audit_accepted"));
    }
}
