using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Screening;
using Cordon.Core.Sharing;

namespace Cordon.Core.Tests.Screening;

public sealed class ScreeningIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Member = Guid.NewGuid();
    private static readonly Guid Stranger = Guid.NewGuid();
    private static readonly Guid Community = Guid.NewGuid();

    private static IndexEntry Entry(string value, Tlp tlp = Tlp.Green, Distribution distribution = Distribution.Node, Guid? owner = null,
        int confidence = 80, DateTimeOffset? validUntil = null, bool revoked = false) =>
        new(Guid.NewGuid(), IdentifierType.Phone, value, owner ?? Owner, tlp, distribution,
            distribution == Distribution.Communities ? [Community] : [], CategorySet.Flag(Category.Romance), confidence,
            Now.AddDays(-2), Now.AddDays(-1), validUntil, revoked);

    private static Viewer ViewerOf(Guid organisation) =>
        new(organisation, organisation == Member ? new HashSet<Guid> { Community } : new HashSet<Guid>());

    [Theory]
    [InlineData(Tlp.Red, Distribution.Node, false, false, false)]
    [InlineData(Tlp.Amber, Distribution.Organisation, false, false, false)]
    [InlineData(Tlp.Amber, Distribution.Communities, true, false, false)]
    [InlineData(Tlp.AmberStrict, Distribution.Communities, true, false, false)]
    [InlineData(Tlp.Green, Distribution.Node, true, true, false)]
    [InlineData(Tlp.Clear, Distribution.Node, true, true, true)]
    [InlineData(Tlp.Clear, Distribution.Federation, true, true, true)]
    [InlineData(Tlp.Clear, Distribution.Organisation, false, false, false)]
    public void Lookup_AppliesTheAccessPolicy(Tlp tlp, Distribution distribution, bool member, bool stranger, bool publicly)
    {
        var index = new ScreeningIndex();
        index.Apply([Entry("+441234567890", tlp, distribution)]);
        Assert.Equal(Verdict.KnownBad, index.Lookup(IdentifierType.Phone, "+441234567890", ViewerOf(Owner), Now).Verdict);
        Assert.Equal(member, index.Lookup(IdentifierType.Phone, "+441234567890", ViewerOf(Member), Now).Verdict != Verdict.Clear);
        Assert.Equal(stranger, index.Lookup(IdentifierType.Phone, "+441234567890", ViewerOf(Stranger), Now).Verdict != Verdict.Clear);
        Assert.Equal(publicly, index.Lookup(IdentifierType.Phone, "+441234567890", null, Now).Verdict != Verdict.Clear);
        foreach (var viewer in new[] { Owner, Member, Stranger })
        {
            Assert.Equal(AccessPolicy.CanSee(ViewerOf(viewer), new Marking(Owner, tlp, distribution, distribution == Distribution.Communities ? [Community] : [])),
                index.Lookup(IdentifierType.Phone, "+441234567890", ViewerOf(viewer), Now).Verdict != Verdict.Clear);
        }
    }

    [Fact]
    public void Expiry_TakesEffectWithoutARebuild()
    {
        var index = new ScreeningIndex();
        index.Apply([Entry("+441234567891", validUntil: Now.AddMinutes(10))]);
        Assert.Equal(Verdict.KnownBad, index.Lookup(IdentifierType.Phone, "+441234567891", ViewerOf(Stranger), Now).Verdict);
        Assert.Equal(Verdict.Clear, index.Lookup(IdentifierType.Phone, "+441234567891", ViewerOf(Stranger), Now.AddMinutes(11)).Verdict);
    }

    [Fact]
    public void Revocation_RemovesOnlyThatOrganisationsReport()
    {
        var index = new ScreeningIndex();
        var other = Guid.NewGuid();
        index.SetOrganisation(Owner, "GB");
        index.SetOrganisation(other, "FR");
        index.Apply([Entry("+441234567892", confidence: 60), Entry("+441234567892", owner: other, confidence: 50)]);
        var both = index.Lookup(IdentifierType.Phone, "+441234567892", ViewerOf(Stranger), Now);
        Assert.Equal((2, 2, 2, 70, Verdict.KnownBad), (both.Reports, both.Organisations, both.Countries, both.Score, both.Verdict));

        index.Apply([Entry("+441234567892", revoked: true)]);
        var one = index.Lookup(IdentifierType.Phone, "+441234567892", ViewerOf(Stranger), Now);
        Assert.Equal((1, 50, Verdict.Suspicious), (one.Reports, one.Score, one.Verdict));
        Assert.Equal(1, index.Reports);
    }

    [Fact]
    public void ReportsAddedAndRevokedInAnyOrder_MatchASimpleModel()
    {
        // The first report of a value lives in its slot, the rest in a chain; revoking the inline one moves the next
        // inline. A random walk of reports and revocations checks every value's reporters against a plain dictionary.
        var index = new ScreeningIndex(4);
        var organisations = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        var values = Enumerable.Range(0, 60).Select(i => $"+4420{i:D8}").ToArray();
        var model = values.ToDictionary(v => v, _ => new HashSet<Guid>());
        var random = new Random(7);
        for (var step = 0; step < 5_000; step++)
        {
            var value = values[random.Next(values.Length)];
            var organisation = organisations[random.Next(organisations.Length)];
            var revoke = random.Next(3) == 0;
            index.Apply([Entry(value, owner: organisation, revoked: revoke)]);
            if (revoke)
            {
                model[value].Remove(organisation);
            }
            else
            {
                model[value].Add(organisation);
            }
        }
        foreach (var (value, reporters) in model)
        {
            var hits = new List<Guid>();
            var result = index.Lookup(IdentifierType.Phone, value, ViewerOf(Stranger), Now, hits);
            Assert.Equal(reporters.Count, result.Reports);
            Assert.Equal(reporters.Count, hits.Count);
        }
        Assert.Equal(model.Values.Sum(r => r.Count), index.Reports);
    }

    [Fact]
    public void Update_ReplacesTheReport_AndHitsNameTheIndicator()
    {
        var index = new ScreeningIndex();
        var first = Entry("+441234567893", confidence: 40);
        index.Apply([first, first with { Confidence = 95 }]);
        var hits = new List<Guid>();
        var result = index.Lookup(IdentifierType.Phone, "+441234567893", ViewerOf(Stranger), Now, hits);
        Assert.Equal((1, 95), (result.Reports, result.Confidence));
        Assert.Equal([first.IndicatorId], hits);
    }

    [Fact]
    public void ManyEntries_GrowTheTable_AndAllAreFound()
    {
        var index = new ScreeningIndex(16);
        var entries = Enumerable.Range(0, 50_000).Select(i => Entry($"+4420{i:D8}")).ToList();
        index.Apply(entries);
        // Every value, and as many absent ones: at three slots in four used, some runs of taken slots are longer than the
        // eight a probe compares at once, and some homes are too near the end of the table for eight.
        var stranger = ViewerOf(Stranger);
        Assert.All(entries, e => Assert.Equal([e.IndicatorId], HitsOf(index, e.Value, stranger)));
        Assert.All(Enumerable.Range(0, 50_000), i => Assert.Equal(Verdict.Clear, index.Lookup(IdentifierType.Phone, $"+4421{i:D8}", stranger, Now).Verdict));
        Assert.Equal(Verdict.Clear, index.Lookup(IdentifierType.Phone, "+449999999999", ViewerOf(Stranger), Now).Verdict);
        Assert.Equal(Verdict.Clear, index.Lookup(IdentifierType.Domain, entries[0].Value, ViewerOf(Stranger), Now).Verdict);
    }

    [Fact]
    public void PrivateRanges_FindEveryValueOfTheirPrefix_AfterTheTableGrew()
    {
        var index = new ScreeningIndex(16);
        var entries = Enumerable.Range(0, 20_000).Select(i => Entry($"+4420{i:D8}")).ToList();
        index.Apply(entries[..7_000]);
        index.Apply(entries[7_000..]);
        var stranger = ViewerOf(Stranger);
        var byPrefix = entries.Select(e => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes($"phone:{e.Value}")))[..16])
            .GroupBy(hash => hash[..5]).ToList();
        foreach (var bucket in byPrefix.Take(300))
        {
            var suffixes = index.Range(bucket.Key, stranger, Now).Select(m => m.Suffix).Order();
            Assert.Equal(bucket.Select(hash => hash[5..]).Order(), suffixes);
        }
    }

    private static List<Guid> HitsOf(ScreeningIndex index, string value, Viewer viewer)
    {
        var hits = new List<Guid>();
        Assert.Equal(Verdict.KnownBad, index.Lookup(IdentifierType.Phone, value, viewer, Now, hits).Verdict);
        return hits;
    }

    [Fact]
    public void SmallTablesFilledToTheirLimit_FindEveryValue_IncludingRunsThatWrapPastTheEnd()
    {
        // A table of 17 slots holds 12 values: many homes lie in the last eight slots, and runs wrap to the start.
        var stranger = ViewerOf(Stranger);
        for (var set = 0; set < 200; set++)
        {
            var index = new ScreeningIndex(12);
            var entries = Enumerable.Range(0, 12).Select(i => Entry($"+4420{set:D4}{i:D4}")).ToList();
            index.Apply(entries);
            Assert.All(entries, e => Assert.Equal([e.IndicatorId], HitsOf(index, e.Value, stranger)));
            Assert.All(Enumerable.Range(0, 50), i => Assert.Equal(Verdict.Clear, index.Lookup(IdentifierType.Phone, $"+4421{set:D4}{i:D4}", stranger, Now).Verdict));
        }
    }

    [Fact]
    public void Range_ReturnsSuffixesOfVisibleEntriesOnly()
    {
        var index = new ScreeningIndex();
        index.Apply([Entry("+441234567894"), Entry("+441234567895", Tlp.Red)]);
        foreach (var (value, visible) in new[] { ("+441234567894", true), ("+441234567895", false) })
        {
            var hash = ScreeningKey.PrivateHash(IdentifierType.Phone, value);
            var matches = index.Range(hash[..5], ViewerOf(Stranger), Now);
            Assert.Equal(visible, matches.Any(m => hash[5..].StartsWith(m.Suffix, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Range_FindsEveryEntry_OfABuildMixingShortAndLongValues()
    {
        var index = new ScreeningIndex(16);
        // Enough to be prepared on several threads, an odd number so that the last group of eight is partial, and every
        // tenth value too long for one SHA-256 block (hashed one at a time).
        var entries = Enumerable.Range(0, 20_003).Select(i => i % 10 == 0
            ? Entry($"https://pay-{i}.example.org/a-path-long-enough-to-need-a-second-block/{i}") with { Type = IdentifierType.Url }
            : Entry($"+4420{i:D8}")).ToList();
        index.Apply(entries);
        Assert.All(entries.Where((_, i) => i % 97 == 0 || i >= 20_000), entry =>
        {
            var hash = ScreeningKey.PrivateHash(entry.Type, entry.Value);
            Assert.Contains(index.Range(hash[..5], ViewerOf(Stranger), Now), m => m.Suffix == hash[5..16]);
        });
    }

    [Fact]
    public void Lookup_OfAValueWithOneReport_AnswersEveryField()
    {
        var index = new ScreeningIndex();
        var entry = Entry("+441234567896", confidence: 60);
        index.Apply([entry]);
        var hits = new List<Guid>();
        var result = index.Lookup(IdentifierType.Phone, entry.Value, ViewerOf(Stranger), Now, hits);
        Assert.Equal((Verdict.Suspicious, 60, 1, 1, 1, 60), (result.Verdict, result.Score, result.Reports, result.Organisations, result.Countries, result.Confidence));
        Assert.Equal([Category.Romance], result.Categories);
        Assert.Equal((Now.AddDays(-2), Now.AddDays(-1)), (result.FirstSeen, result.LastSeen));
        Assert.Equal([entry.IndicatorId], hits);
        Assert.Same(CategorySet.FromFlags(CategorySet.Flag(Category.Romance)), result.Categories);

        // Screening allocates nothing once warm: the answer is a struct and the category list is shared.
        var stranger = ViewerOf(Stranger);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        index.Lookup(IdentifierType.Phone, entry.Value, stranger, Now);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }
}
