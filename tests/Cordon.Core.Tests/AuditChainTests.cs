using Cordon.Core.Audit;

namespace Cordon.Core.Tests;

public sealed class AuditChainTests
{
    private static readonly Guid Org = Guid.Parse("01a20000-0000-7000-8000-000000000001");

    private static List<ChainedAuditEntry> Chain(int length)
    {
        var chain = new List<ChainedAuditEntry>();
        for (var i = 1; i <= length; i++)
        {
            var entry = new AuditEntry(i, new DateTimeOffset(2026, 11, 22, 9, 0, i, TimeSpan.Zero), Org, "api_key", "k1",
                "organisation.create", "organisation", Guid.NewGuid().ToString(), "{}");
            chain.Add(AuditChain.Append(chain.LastOrDefault(), entry));
        }
        return chain;
    }

    [Fact]
    public void IntactChain_HasNoBrokenLink()
    {
        var chain = Chain(5);
        Assert.Null(AuditChain.FirstBrokenLink(chain, (5, chain[^1].Hash)));
        Assert.Equal(AuditChain.Genesis, chain[0].PreviousHash);
        Assert.Equal(chain[2].Hash, chain[3].PreviousHash);
    }

    [Fact]
    public void EditedField_IsTheBrokenLink()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Entry = chain[2].Entry with { Action = "organisation.delete" } };
        Assert.Equal(3, AuditChain.FirstBrokenLink(chain, (5, chain[^1].Hash)));
    }

    [Fact]
    public void EditedRecordWithRecomputedHash_BreaksTheNextLink()
    {
        var chain = Chain(5);
        var forged = chain[1].Entry with { ActorId = "someone else" };
        chain[1] = new ChainedAuditEntry(forged, chain[1].PreviousHash, AuditChain.Link(chain[1].PreviousHash, forged));
        Assert.Equal(3, AuditChain.FirstBrokenLink(chain, (5, chain[^1].Hash)));
    }

    [Fact]
    public void DeletedMiddleRecord_IsDetectedAtItsSequence()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);
        Assert.Equal(2, AuditChain.FirstBrokenLink(chain, null));
    }

    [Fact]
    public void DeletedLastRecord_IsDetectedByTheHead()
    {
        var chain = Chain(5);
        var head = (5L, chain[^1].Hash);
        chain.RemoveAt(4);
        Assert.Equal(5, AuditChain.FirstBrokenLink(chain, head));
    }

    [Fact]
    public void TimesAreTruncatedToMilliseconds_InUtc()
    {
        var at = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(8)).AddTicks(12_345);
        var truncated = AuditChain.Truncate(at);
        Assert.Equal(TimeSpan.Zero, truncated.Offset);
        Assert.Equal(0, truncated.UtcTicks % TimeSpan.TicksPerMillisecond);
        Assert.Equal(at.UtcDateTime.AddTicks(-(12_345 % TimeSpan.TicksPerMillisecond)), truncated.UtcDateTime);
    }

    [Fact]
    public void Canonical_IsStable_AndSeparatesFields()
    {
        var a = new AuditEntry(1, DateTimeOffset.UnixEpoch, Org, "cli", "ab", "c", "t", "", "{}");
        var b = a with { ActorId = "a", Action = "bc" };
        Assert.NotEqual(AuditChain.Canonical(a), AuditChain.Canonical(b));
        Assert.Equal(AuditChain.Canonical(a), AuditChain.Canonical(a with { }));
        Assert.StartsWith("[\"cordon-audit-v1\",1,\"1970-01-01T00:00:00.000Z\"", AuditChain.Canonical(a), StringComparison.Ordinal);
    }
}
