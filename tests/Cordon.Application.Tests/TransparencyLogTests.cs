using System.Text;
using Cordon.Application.Audit;
using Cordon.Application.Cases;
using Cordon.Application.Members;
using Cordon.Core.Audit;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Tests;

/// <summary>
/// The audit log as a Merkle tree (RFC 9162): every append keeps the tree, proofs check out, and an insider who rewrites
/// the log in the store — even recomputing every hash the store keeps — is caught by a head saved off the machine.
/// Content hashes catch a case edited in the store.
/// </summary>
public sealed class TransparencyLogTests
{
    private const int Organisations = 11; // with bootstrap's 2 records: 13, an uneven tree

    private static async Task<(TestDatabase Database, Actor Operator)> StoreAsync(int organisations = Organisations)
    {
        var database = await TestDatabase.CreateMigratedAsync();
        var clock = new FakeClock();
        await using var services = new TestServices(database, clock);
        await services.Get<NodeBootstrap>().EnsureAsync(new BootstrapSettings("Node", "GB", null));
        var node = await services.Db.Organisations.SingleAsync();
        var actor = new Actor(node.Id, ActorKind.Cli, "tester", RoleSet.ToFlags([Role.Admin]), IsNodeOperator: true);
        for (var i = 0; i < organisations; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await services.Get<MemberDirectory>().CreateOrganisationAsync(actor, $"Org {i}", Sector.Bank, "DE");
        }
        return (database, actor);
    }

    private static async Task<T> WithAsync<T>(TestDatabase database, Func<TestServices, Task<T>> action)
    {
        await using var services = new TestServices(database, TimeProvider.System);
        return await action(services);
    }

    [Fact]
    public async Task EveryAppend_KeepsTheTree_AndEveryProofChecksOut()
    {
        var (database, _) = await StoreAsync();
        await using var _database = database;
        await WithAsync(database, async services =>
        {
            var records = await services.Db.AuditRecords.OrderBy(a => a.Sequence).ToListAsync();
            var leaves = records.Select(r => AuditChain.LeafHash(r.ToChained().Entry)).ToList();
            var log = services.Get<TransparencyLog>();
            var head = await log.HeadAsync();
            Assert.Equal(records.Count, head.Size);
            Assert.Equal(Convert.ToHexStringLower(MerkleTree.Root(leaves, 0, leaves.Count)), head.RootHash);
            Assert.True(head.VerifyWith(await log.PublicKeyAsync()));

            for (var record = 1; record <= records.Count; record++)
            {
                foreach (var size in new long[] { record, records.Count })
                {
                    var proof = await log.InclusionAsync(record, size);
                    Assert.Equal(Convert.ToHexStringLower(leaves[record - 1]), proof.LeafHash);
                    Assert.Equal(leaves[record - 1], MerkleTree.LeafHash(Encoding.UTF8.GetBytes(proof.Leaf)));
                    Assert.True(MerkleTree.VerifyInclusion(record - 1, size, leaves[record - 1],
                        proof.AuditPath.Select(Convert.FromHexString).ToList(), MerkleTree.Root(leaves, 0, size)), $"record {record} in {size}");
                }
            }
            for (var from = 1; from <= records.Count; from++)
            {
                for (var to = from; to <= records.Count; to++)
                {
                    var proof = await log.ConsistencyAsync(from, to);
                    Assert.Equal(Convert.ToHexStringLower(MerkleTree.Root(leaves, 0, from)), proof.FromRootHash);
                    Assert.True(MerkleTree.VerifyConsistency(from, to, MerkleTree.Root(leaves, 0, from), MerkleTree.Root(leaves, 0, to),
                        proof.Proof.Select(Convert.FromHexString).ToList()), $"{from} to {to}");
                }
            }
            return true;
        });
    }

    private static Task<PublishedTreeHead> SaveHeadAsync(TestDatabase database) => WithAsync(database, async services =>
    {
        var log = services.Get<TransparencyLog>();
        return PublishedTreeHead.Parse(PublishedTreeHead.From(await log.HeadAsync(), await log.PublicKeyAsync()).ToJson());
    });

    private static Task<AuditVerification> VerifyAsync(TestDatabase database, PublishedTreeHead? saved = null) =>
        WithAsync(database, services => services.Get<AuditLog>().VerifyAsync(saved));

    public static TheoryData<string> Rewrites => ["edit a record", "delete a record", "swap two records", "cut the last 5", "wipe everything"];

    [Theory]
    [MemberData(nameof(Rewrites))]
    public async Task ALogRewrittenConsistently_PassesAlone_ButNotAgainstASavedHead(string rewrite)
    {
        var (database, _) = await StoreAsync();
        await using var _database = database;
        var saved = await SaveHeadAsync(database);

        await AuditInsider.RewriteLogAsync(database, entries => rewrite switch
        {
            "edit a record" => [.. entries.Select(e => e.Sequence == 6 ? e with { Details = "{\"name\":\"Someone else\"}" } : e)],
            "delete a record" => [.. entries.Where(e => e.Sequence != 6)],
            "swap two records" => [.. entries.Take(5), entries[6], entries[5], .. entries.Skip(7)],
            "cut the last 5" => [.. entries.Take(entries.Count - 5)],
            _ => [],
        });

        Assert.True((await VerifyAsync(database)).Ok); // the store agrees with itself: the insider did a thorough job
        var result = await VerifyAsync(database, saved);
        Assert.False(result.Ok);
        Assert.NotEmpty(result.Findings);
    }

    [Fact]
    public async Task ALogThatOnlyGrew_ExtendsItsSavedHead()
    {
        var (database, actor) = await StoreAsync();
        await using var _database = database;
        var saved = await SaveHeadAsync(database);
        await WithAsync(database, services => services.Get<MemberDirectory>().CreateOrganisationAsync(actor, "Later", Sector.Bank, "FR"));

        var result = await VerifyAsync(database, saved);

        Assert.True(result.Ok, string.Join("; ", result.Findings));
        Assert.Equal(Organisations + 3, result.Records);
    }

    [Fact]
    public async Task ASavedHeadWithAForgedSignature_IsRefused()
    {
        var (database, _) = await StoreAsync();
        await using var _database = database;
        var saved = await SaveHeadAsync(database);
        var forged = saved with { Size = saved.Size - 1 };

        var result = await VerifyAsync(database, forged);

        Assert.False(result.Ok);
        Assert.Contains(result.Findings, f => f.Contains("signature", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a subtree edited")]
    [InlineData("a subtree deleted")]
    [InlineData("the edge edited")]
    public async Task TheKeptTree_MustMatchTheRecords(string tampering)
    {
        var (database, _) = await StoreAsync();
        await using var _database = database;
        await using (var db = database.Open())
        {
            switch (tampering)
            {
                case "a subtree edited":
                    await db.AuditTree.Where(n => n.Level == 1 && n.Index == 2)
                        .ExecuteUpdateAsync(set => set.SetProperty(n => n.Hash, new string('a', 64)));
                    break;
                case "a subtree deleted":
                    await db.AuditTree.Where(n => n.Level == 1 && n.Index == 2).ExecuteDeleteAsync();
                    break;
                default:
                    await db.AuditHeads.ExecuteUpdateAsync(set => set.SetProperty(h => h.TreeFrontier, new string('b', 64)));
                    break;
            }
        }

        var result = await VerifyAsync(database);

        Assert.False(result.Ok);
        if (tampering != "the edge edited")
        {
            Assert.Equal(5, result.BrokenAt); // subtree (1, 2) covers records 5 and 6
        }
    }

    private static async Task<(Guid CaseId, Guid Other)> CasesAsync(TestDatabase database, Actor actor)
    {
        return await WithAsync(database, async services =>
        {
            var caller = await services.Get<CallerDirectory>().ForAsync(actor, CancellationToken.None);
            var cases = services.Get<CaseService>();
            CaseSubmission Submission(string summary) => new(Category.InvestmentScam, new Money(25_000m, "EUR"), "DE",
                new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero), Tlp.Amber, Distribution.Organisation, null,
                [new CaseIdentifierInput(IdentifierType.Phone, "+44 7700 900123")], "REF-1", summary, null);
            var first = await cases.CreateAsync(caller, Submission("A victim lost savings to a fake broker."));
            await cases.AddNoteAsync(caller, first.Case.Id, "Called the victim back.");
            await cases.AttachAsync(caller, first.Case.Id, "transfer.pdf", "application/pdf", Encoding.UTF8.GetBytes("%PDF-1.7 receipt"));
            var second = await cases.CreateAsync(caller, Submission("Second case."));
            return (first.Case.Id, second.Case.Id);
        });
    }

    private static Task<ContentVerification> VerifyContentAsync(TestDatabase database) =>
        WithAsync(database, services => services.Get<AuditContentCheck>().VerifyAsync());

    [Theory]
    [InlineData("loss", "UPDATE cases SET \"LossAmount\" = 250")]
    [InlineData("summary", "UPDATE cases SET \"Summary\" = 'nothing happened'")]
    [InlineData("note", "UPDATE case_notes SET \"Text\" = 'never called'")]
    [InlineData("attachment", "UPDATE case_attachments SET \"Content\" = {1}")]
    public async Task ACaseEditedInTheStore_IsNamedByTheContentCheck(string what, string sql)
    {
        var (database, actor) = await StoreAsync(1);
        await using var _database = database;
        var (caseId, other) = await CasesAsync(database, actor);
        Assert.True((await VerifyContentAsync(database)).Ok);

        await using (var db = database.Open())
        {
#pragma warning disable EF1002, EF1003 // the statements are the test's own
            await db.Database.ExecuteSqlRawAsync(sql + $" WHERE \"{(what is "loss" or "summary" ? "Id" : "CaseId")}\" = {{0}}", caseId, "%PDF-1.7 forged"u8.ToArray());
#pragma warning restore EF1002, EF1003
        }
        var result = await VerifyContentAsync(database);

        Assert.False(result.Ok);
        Assert.Contains(result.Findings, f => f.StartsWith($"case {caseId}: altered outside Cordon", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Findings, f => f.Contains(other.ToString(), StringComparison.Ordinal));
        Assert.True((await VerifyAsync(database)).Ok); // the log itself is intact: only the content check sees this
    }

    [Fact]
    public async Task ACaseDeletedOrItsHashesEdited_IsNamed()
    {
        var (database, actor) = await StoreAsync(1);
        await using var _database = database;
        var (caseId, other) = await CasesAsync(database, actor);
        await using (var db = database.Open())
        {
            await db.CaseNotes.Where(n => n.CaseId == other).ExecuteDeleteAsync();
            await db.CaseAttachments.Where(n => n.CaseId == other).ExecuteDeleteAsync();
            await db.CaseIdentifiers.Where(n => n.CaseId == other).ExecuteDeleteAsync();
            await db.CaseCommunities.Where(n => n.CaseId == other).ExecuteDeleteAsync();
            await db.Cases.Where(c => c.Id == other).ExecuteDeleteAsync();
            await db.AuditContents.Where(c => c.ItemId == caseId)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.ContentHash, new string('c', 64)));
        }

        var result = await VerifyContentAsync(database);

        Assert.Contains($"case {other}: deleted outside Cordon", result.Findings);
        Assert.Contains(result.Findings, f => f.Contains("its item content hashes were altered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStoreFromBeforeTheTree_IsBackfilled_WithAContentBaseline()
    {
        var (database, actor) = await StoreAsync(3);
        await using var _database = database;
        var (caseId, _) = await CasesAsync(database, actor);
        // As a store written before migration 009: records without content digests, then no tree and no content hashes.
        await AuditInsider.RewriteLogAsync(database, entries => [.. entries.Select(e => e with { ContentDigest = null })]);
        var expected = await SaveHeadAsync(database);
        await using (var db = database.Open())
        {
            await db.AuditTree.ExecuteDeleteAsync();
            await db.AuditContents.ExecuteDeleteAsync();
            await db.AuditHeads.ExecuteUpdateAsync(set => set.SetProperty(h => h.TreeSize, 0L).SetProperty(h => h.TreeFrontier, (string?)null));
        }

        await WithAsync(database, async services =>
        {
            await services.Get<AuditTreeBackfill>().RunAsync();
            return true;
        });

        var verified = await VerifyAsync(database, expected);
        Assert.True(verified.Ok, string.Join("; ", verified.Findings));
        Assert.True((await VerifyContentAsync(database)).Ok);
        await using var check = database.Open();
        Assert.True(await check.AuditContents.AnyAsync(c => c.ItemId == caseId));
        Assert.True(await check.AuditRecords.AnyAsync(a => a.Action == "audit.content_baseline"));
    }
}
