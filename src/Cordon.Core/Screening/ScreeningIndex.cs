using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Sharing;

namespace Cordon.Core.Screening;

/// <summary>
/// Every active indicator's canonical value in memory, for sub-microsecond screening. Observables live in an
/// open-addressing table of 64-bit keys, probed linearly in an array of keys alone (eight to a cache line, so a value
/// that is not there costs one or two lines). Beside each key, in a parallel array, is the observable's first report
/// (one packed 32-byte struct with just what a verdict and the access policy need, on an <see cref="AlignedTable{T}"/> so
/// that it is one cache line); further reports (one per organisation) are chained in a side array. A lookup asks for the
/// home slot's report while it probes the keys, so that the two memory accesses of a hit can overlap
/// (docs/benchmarks.md says how far they do). Tables are allocated by
/// <see cref="LargeTable"/>. Expiry is checked at lookup time; revocation removes the report.
/// One writer (the change feed) and many readers, under a <see cref="ReadMostlyLock"/>.
/// </summary>
public sealed class ScreeningIndex
{
    private const double MaxLoad = 0.75;
    private const int NoReport = -1;
    private const int NoOwner = -1;
    private const int InlineReport = -2;
    private const int UnknownViewer = -2; // not looked up yet
    private const int NotAnOwner = -3; // a viewer whose organisation owns no report
    private const int Never = int.MaxValue;
    private const int ParallelKeysFrom = 8192;
    private const int PrefetchAhead = 16;
    private const int ProbeWidth = 8;
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ReadMostlyLock gate = new();

    // Observable slots: the key (0 when free), its first report, that report's indicator id and the private-screening
    // prefix, in parallel arrays. Reports are 32 bytes, aligned, so a report is one cache line; the ids, needed only for
    // a hit's sighting, are apart. Table sizes are not powers of two (a key maps to a slot by multiply-shift), so a
    // presized table wastes no memory.
    private ulong[] keys;
    private AlignedTable<Report> firsts;
    private Guid[] firstIds;
    private ulong[] privatePrefixes;
    private int slotsUsed;

    // Private screening's buckets: each 20-bit SHA-256 prefix heads a chain of the slots whose key has it (keys are never
    // removed from a slot, so a chain only grows; a growing table relinks them all). A range call walks one chain
    // instead of the whole table, so it costs what the bucket holds — a few entries — at any size.
    private const int RangeBits = 20;
    private readonly int[] rangeHeads = NewRangeHeads();
    private int[] rangeNext;
    private int inlineReports;

    // Second and further reports of an observable, and their indicator ids.
    private Report[] reports;
    private Guid[] reportIds;
    private int reportsUsed;
    private readonly Stack<int> freeReports = new();

    // Organisations and the community sets items are shared with, interned.
    private readonly Dictionary<Guid, int> organisationIndex = [];
    private readonly List<Guid> organisationIds = [];
    private readonly List<int> organisationCountryIndex = [];
    private readonly Dictionary<string, int> countryCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> communitySetIndex = new(StringComparer.Ordinal) { [""] = 0 };
    private readonly List<Guid[]> communitySets = [[]];

    [StructLayout(LayoutKind.Sequential, Size = 32)]
    private struct Report
    {
        public int Next;
        public int Owner; // NoOwner in a slot whose reports were all revoked
        public int CommunitySet;
        public int Categories;
        public int FirstSeen;
        public int LastSeen;
        public int ValidUntil;
        public byte Marking;
        public byte Confidence;
        public byte Type; // for a peer's rules: the observable's identifier type
    }

    public ScreeningIndex(int expectedIdentifiers = 1024)
    {
        var slotCount = SlotsFor(expectedIdentifiers);
        keys = LargeTable.Allocate<ulong>(slotCount);
        firsts = new AlignedTable<Report>(slotCount);
        firstIds = LargeTable.Allocate<Guid>(slotCount);
        privatePrefixes = LargeTable.Allocate<ulong>(slotCount);
        rangeNext = LargeTable.Allocate<int>(slotCount);
        reports = new Report[1024];
        reportIds = new Guid[reports.Length];
    }

    /// <summary>Active reports held (revoked ones are removed; expired ones stay until revoked or replaced).</summary>
    public int Reports
    {
        get
        {
            using var reading = gate.EnterRead();
            return inlineReports + reportsUsed - freeReports.Count;
        }
    }

    /// <summary>
    /// Applies entries from the store (a full build, or changes from the feed) under one write lock. Their keys, a
    /// SHA-256 each, are computed before the lock is taken, on all cores when there are many.
    /// </summary>
    public void Apply(IReadOnlyList<IndexEntry> entries)
    {
        var prepared = new (ulong Key, ulong PrivatePrefix)[entries.Count];
        if (entries.Count >= ParallelKeysFrom)
        {
            Parallel.ForEach(Partitioner.Create(0, entries.Count, ParallelKeysFrom / 2), range => PrepareKeys(entries, prepared, (range.Item1, range.Item2)));
        }
        else
        {
            PrepareKeys(entries, prepared, (0, entries.Count));
        }
        gate.EnterWrite();
        try
        {
            for (var i = 0; i < entries.Count; i++)
            {
                // Entries land in random slots: fetching a later entry's slot now overlaps the memory accesses of many.
                if (i + PrefetchAhead < entries.Count)
                {
                    PrefetchSlot(prepared[i + PrefetchAhead].Key, forUpsert: true);
                }
                Upsert(entries[i], prepared[i].Key, prepared[i].PrivatePrefix);
            }
        }
        finally
        {
            gate.ExitWrite();
        }
    }

    /// <summary>Records an organisation's country (reports are counted per country).</summary>
    public void SetOrganisation(Guid organisationId, string country)
    {
        gate.EnterWrite();
        try
        {
            organisationCountryIndex[Organisation(organisationId)] = CountryCode(country);
        }
        finally
        {
            gate.ExitWrite();
        }
    }

    /// <summary>
    /// Screens one canonical identifier for a member (<paramref name="viewer"/>) or, when null, for the public (TLP:CLEAR
    /// items distributed to the node only). <paramref name="hits"/> receives the visible reports' indicator ids.
    /// </summary>
    public ScreeningResult Lookup(IdentifierType type, string value, Viewer? viewer, DateTimeOffset now, List<Guid>? hits = null)
    {
        var key = ScreeningKey.Of(type, value);
        var nowMinutes = Minutes(now);
        using var reading = gate.EnterRead();
        var slot = Find(key, prefetchReport: true);
        return slot < 0 ? ScreeningResult.Clear : Summarise(slot, viewer, nowMinutes, hits);
    }

    /// <summary>
    /// Asks the processor for the memory a later <see cref="Lookup"/> of this identifier reads, without waiting for it:
    /// a batch that prefetches a few identifiers ahead overlaps their memory latencies instead of paying them in turn.
    /// Takes no lock: a table replaced meanwhile only makes the hint useless.
    /// </summary>
    public void Prefetch(IdentifierType type, string value) => PrefetchSlot(ScreeningKey.Of(type, value), forUpsert: false);

    /// <summary>
    /// Private screening: the entries whose SHA-256 (of <c>type:value</c>) starts with the 5 hex digits given, as the
    /// next 11 hex digits with the verdict the viewer may see. Entries the viewer may not see are left out.
    /// </summary>
    public IReadOnlyList<(string Suffix, ScreeningResult Result)> Range(string prefix, Viewer viewer, DateTimeOffset now)
    {
        var wanted = ulong.Parse(prefix, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var nowMinutes = Minutes(now);
        var matches = new List<(string, ScreeningResult)>();
        using var reading = gate.EnterRead();
        for (var slot = rangeHeads[(int)wanted]; slot >= 0; slot = rangeNext[slot])
        {
            if (firsts[slot].Owner == NoOwner)
            {
                continue;
            }
            var result = Summarise(slot, viewer, nowMinutes, null);
            if (result.Verdict != Verdict.Clear)
            {
                matches.Add((privatePrefixes[slot].ToString("x16", CultureInfo.InvariantCulture)[5..], result));
            }
        }
        return matches;
    }

    /// <summary>
    /// The verdict on an observable's reports. Most observables have one report: its verdict is inlined into the lookup,
    /// short, so that a processor running lookup after lookup can start the next one's memory accesses while this one
    /// waits (docs/benchmarks.md measures it); several reports are tallied out of line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ScreeningResult Summarise(int slot, Viewer? viewer, int nowMinutes, List<Guid>? hits)
    {
        ref readonly var inline = ref firsts[slot];
        if (inline.Next != NoReport || inline.Owner == NoOwner)
        {
            return SummariseSeveral(slot, viewer, nowMinutes, hits);
        }
        if (inline.ValidUntil <= nowMinutes || (!VisibleToAllMembers(in inline, viewer) && !Visible(in inline, viewer)))
        {
            return ScreeningResult.Clear;
        }
        hits?.Add(firstIds[slot]);
        return Result(inline.Categories, inline.Confidence, 1, 1, inline.FirstSeen, inline.LastSeen);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ScreeningResult SummariseSeveral(int slot, Viewer? viewer, int nowMinutes, List<Guid>? hits)
    {
        ref readonly var inline = ref firsts[slot];
        if (inline.Owner == NoOwner)
        {
            return ScreeningResult.Clear;
        }
        var viewerIndex = UnknownViewer;
        int visible = 0, categoryFlags = 0, maxConfidence = 0, first = Never, last = 0;
        // Countries are counted distinct with a small scan (a handful of reporters at most in practice).
        Span<int> countries = stackalloc int[32];
        var distinctCountries = 0;
        for (var r = InlineReport; r != NoReport; r = r == InlineReport ? inline.Next : reports[r].Next)
        {
            ref readonly var current = ref r == InlineReport ? ref inline : ref reports[r];
            if (current.ValidUntil <= nowMinutes || !Visible(in current, viewer, ref viewerIndex))
            {
                continue;
            }
            visible++;
            categoryFlags |= current.Categories;
            maxConfidence = Math.Max(maxConfidence, current.Confidence);
            first = Math.Min(first, current.FirstSeen);
            last = Math.Max(last, current.LastSeen);
            hits?.Add(r == InlineReport ? firstIds[slot] : reportIds[r]);
            var country = organisationCountryIndex[current.Owner];
            if (!countries[..Math.Min(distinctCountries, countries.Length)].Contains(country))
            {
                if (distinctCountries < countries.Length)
                {
                    countries[distinctCountries] = country;
                }
                distinctCountries++;
            }
        }
        // Reports are one per organisation, so the visible reports are as many as their organisations.
        return visible == 0 ? ScreeningResult.Clear : Result(categoryFlags, maxConfidence, visible, distinctCountries, first, last);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ScreeningResult Result(int categoryFlags, int maxConfidence, int organisations, int countries, int firstSeen, int lastSeen)
    {
        var score = VerdictRules.Score(maxConfidence, organisations);
        return new ScreeningResult(VerdictRules.For(score, organisations), score, CategorySet.FromFlags(categoryFlags), organisations,
            organisations, countries, maxConfidence, Time(firstSeen), Time(lastSeen));
    }

    private bool Visible(in Report report, Viewer? viewer)
    {
        var viewerIndex = UnknownViewer;
        return Visible(in report, viewer, ref viewerIndex);
    }

    /// <summary>The access policy's common case, a member and a report shared with the whole node: no lookup needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool VisibleToAllMembers(in Report report, Viewer? viewer) =>
        viewer is { Peer: null } && AccessPolicy.SeenByEveryMember((Tlp)(report.Marking & 0x7), (Distribution)(report.Marking >> 3));

    /// <summary>
    /// The access policy (<see cref="AccessPolicy"/>), on the index's compact form. The viewer's organisation is looked up
    /// (once per lookup, into <paramref name="viewerIndex"/>) only for a report not shared with the whole node.
    /// </summary>
    private bool Visible(in Report report, Viewer? viewer, ref int viewerIndex)
    {
        var tlp = (Tlp)(report.Marking & 0x7);
        var distribution = (Distribution)(report.Marking >> 3);
        if (viewer is null)
        {
            return AccessPolicy.IsPublic(tlp, distribution);
        }
        if (VisibleToAllMembers(in report, viewer))
        {
            return true;
        }
        if (viewerIndex == UnknownViewer)
        {
            viewerIndex = organisationIndex.GetValueOrDefault(viewer.OrganisationId, NotAnOwner);
        }
        var sharesACommunity = distribution == Distribution.Communities && communitySets[report.CommunitySet].Any(viewer.CommunityIds.Contains);
        return AccessPolicy.CanSee(viewer, report.Owner == viewerIndex, tlp, distribution, sharesACommunity, (IdentifierType)report.Type,
            report.Categories);
    }

    /// <summary>
    /// Each entry's key and private prefix. The prefixes of texts that fit one block are hashed eight at a time
    /// (<see cref="ShortSha256"/>); longer ones, and all where the vectors would be emulated, one at a time.
    /// </summary>
    private static void PrepareKeys(IReadOnlyList<IndexEntry> entries, (ulong Key, ulong PrivatePrefix)[] prepared, (int From, int To) range)
    {
        Span<byte> blocks = stackalloc byte[ShortSha256.Lanes * ShortSha256.BlockBytes];
        Span<int> waiting = stackalloc int[ShortSha256.Lanes];
        var pending = 0;
        for (var i = range.From; i < range.To; i++)
        {
            var entry = entries[i];
            prepared[i].Key = ScreeningKey.Of(entry.Type, entry.Value);
            if (entry.Revoked)
            {
                continue;
            }
            if (!ShortSha256.IsAccelerated
                || !ScreeningKey.TryPadPrivateText(entry.Type, entry.Value, blocks.Slice(pending * ShortSha256.BlockBytes, ShortSha256.BlockBytes)))
            {
                prepared[i].PrivatePrefix = ScreeningKey.PrivatePrefix(entry.Type, entry.Value);
                continue;
            }
            waiting[pending++] = i;
            if (pending == ShortSha256.Lanes)
            {
                HashWaiting(blocks, waiting, prepared);
                pending = 0;
            }
        }
        if (pending > 0)
        {
            // The lanes after the last waiting entry hold earlier blocks: hashed again, and not used.
            HashWaiting(blocks, waiting[..pending], prepared);
        }
    }

    private static void HashWaiting(ReadOnlySpan<byte> blocks, ReadOnlySpan<int> waiting, (ulong Key, ulong PrivatePrefix)[] prepared)
    {
        Span<ulong> prefixes = stackalloc ulong[ShortSha256.Lanes];
        ShortSha256.FirstEightBytes(blocks, prefixes);
        for (var lane = 0; lane < waiting.Length; lane++)
        {
            prepared[waiting[lane]].PrivatePrefix = prefixes[lane];
        }
    }

    private void Upsert(IndexEntry entry, ulong key, ulong privatePrefix)
    {
        var slot = Find(key);
        if (slot < 0)
        {
            if (entry.Revoked)
            {
                return;
            }
            slot = Insert(key, privatePrefix);
        }
        var organisation = Organisation(entry.OwnerId);
        if (entry.Revoked)
        {
            Remove(slot, organisation);
            return;
        }
        Fill(slot, ReportOf(slot, organisation), organisation, entry);
    }

    /// <summary>
    /// The organisation's report on the observable in <paramref name="slot"/>: <see cref="InlineReport"/> or a chained
    /// report's index. One is added (inline if the slot has none) when the organisation has none.
    /// </summary>
    private int ReportOf(int slot, int organisation)
    {
        ref var first = ref firsts[slot];
        if (first.Owner == organisation)
        {
            return InlineReport;
        }
        for (var r = first.Next; r != NoReport; r = reports[r].Next)
        {
            if (reports[r].Owner == organisation)
            {
                return r;
            }
        }
        if (first.Owner == NoOwner)
        {
            inlineReports++;
            first.Next = NoReport;
            return InlineReport;
        }
        var added = AllocateReport();
        reports[added].Next = first.Next;
        first.Next = added;
        return added;
    }

    /// <summary>Removes the organisation's report; a chained report moves inline when the inline one goes.</summary>
    private void Remove(int slot, int organisation)
    {
        ref var first = ref firsts[slot];
        if (first.Owner == organisation)
        {
            if (first.Next == NoReport)
            {
                first.Owner = NoOwner;
                inlineReports--;
                return;
            }
            var promoted = first.Next;
            first = reports[promoted];
            firstIds[slot] = reportIds[promoted];
            freeReports.Push(promoted);
            return;
        }
        ref var link = ref first.Next;
        while (link != NoReport)
        {
            var r = link;
            if (reports[r].Owner == organisation)
            {
                link = reports[r].Next;
                freeReports.Push(r);
                return;
            }
            link = ref reports[r].Next;
        }
    }

    private void Fill(int slot, int report, int organisation, IndexEntry entry)
    {
        ref var target = ref report == InlineReport ? ref firsts[slot] : ref reports[report];
        target.Owner = organisation;
        target.Marking = (byte)((int)entry.Tlp | ((int)entry.Distribution << 3));
        target.Type = (byte)entry.Type;
        target.CommunitySet = CommunitySet(entry.Communities);
        target.Categories = entry.CategoryFlags;
        target.Confidence = (byte)Math.Clamp(entry.Confidence, 0, 100);
        target.FirstSeen = Minutes(entry.FirstSeen);
        target.LastSeen = Minutes(entry.LastSeen);
        target.ValidUntil = entry.ValidUntil is { } until ? Minutes(until) : Never;
        (report == InlineReport ? ref firstIds[slot] : ref reportIds[report]) = entry.IndicatorId;
    }

    /// <summary>The home slot: the key's high bits scaled to the table (keys are well mixed, so any size works).</summary>
    private static int Home(ulong key, int length) => (int)Math.BigMul(key, (ulong)length, out _);

    /// <param name="prefetchReport">
    /// Asks the processor for the home slot's report while the keys are probed: most values sit in their home slot, so
    /// the two memory accesses of a hit overlap instead of following one another.
    /// </param>
    private int Find(ulong key, bool prefetchReport = false)
    {
        var table = keys;
        var home = Home(key, table.Length);
        if (prefetchReport)
        {
            firsts.Prefetch(home, 1);
        }
        if (Vector256.IsHardwareAccelerated && home <= table.Length - ProbeWidth)
        {
            // The first eight slots from home compared at once. The answer is computed without a branch on the keys
            // loaded, so a processor that predicts the branch "decided within eight slots" can go on to the next
            // lookup while this one waits for memory, instead of discarding that work when a guess about the key fails.
            var (matches, stops) = CompareEight(ref table[home], key);
            if (stops != 0)
            {
                var first = BitOperations.TrailingZeroCount(stops);
                var hit = (int)((matches >> first) & 1);
                return ((home + first + 1) & -hit) - 1;
            }
            return FindFrom(table, key, home + ProbeWidth);
        }
        return FindFrom(table, key, home);
    }

    /// <summary>Bit i of each mask: slot i from <paramref name="first"/> holds the key / holds the key or is free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (uint Matches, uint Stops) CompareEight(ref ulong first, ulong key)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var probed = Vector512.LoadUnsafe(ref first);
            var matches = Vector512.Equals(probed, Vector512.Create(key)).ExtractMostSignificantBits();
            return ((uint)matches, (uint)(matches | Vector512.Equals(probed, Vector512<ulong>.Zero).ExtractMostSignificantBits()));
        }
        var low = Vector256.LoadUnsafe(ref first);
        var high = Vector256.LoadUnsafe(ref first, 4);
        var wanted = Vector256.Create(key);
        var found = Vector256.Equals(low, wanted).ExtractMostSignificantBits() | (Vector256.Equals(high, wanted).ExtractMostSignificantBits() << 4);
        var free = Vector256.Equals(low, Vector256<ulong>.Zero).ExtractMostSignificantBits()
            | (Vector256.Equals(high, Vector256<ulong>.Zero).ExtractMostSignificantBits() << 4);
        return (found, found | free);
    }

    private static int FindFrom(ulong[] table, ulong key, int start)
    {
        for (var slot = start == table.Length ? 0 : start; ; slot = slot + 1 == table.Length ? 0 : slot + 1)
        {
            var found = table[slot];
            if (found == key)
            {
                return slot;
            }
            if (found == 0)
            {
                return -1;
            }
        }
    }

    private int Insert(ulong key, ulong privatePrefix)
    {
        if (slotsUsed + 1 > keys.Length * MaxLoad)
        {
            Grow();
        }
        var slot = Place(key);
        keys[slot] = key;
        firsts[slot] = new Report { Owner = NoOwner, Next = NoReport };
        firstIds[slot] = Guid.Empty;
        privatePrefixes[slot] = privatePrefix;
        Link(slot);
        slotsUsed++;
        return slot;
    }

    /// <summary>The first free slot from the key's home.</summary>
    private int Place(ulong key)
    {
        var slot = Home(key, keys.Length);
        while (keys[slot] != 0)
        {
            slot = slot + 1 == keys.Length ? 0 : slot + 1;
        }
        return slot;
    }

    private void Grow()
    {
        var (oldKeys, oldFirsts, oldIds, oldPrefixes) = (keys, firsts, firstIds, privatePrefixes);
        keys = LargeTable.Allocate<ulong>(oldKeys.Length * 2);
        firsts = new AlignedTable<Report>(keys.Length);
        firstIds = LargeTable.Allocate<Guid>(keys.Length);
        privatePrefixes = LargeTable.Allocate<ulong>(keys.Length);
        rangeNext = LargeTable.Allocate<int>(keys.Length);
        Array.Fill(rangeHeads, -1);
        for (var i = 0; i < oldKeys.Length; i++)
        {
            if (oldKeys[i] != 0)
            {
                var slot = Place(oldKeys[i]);
                keys[slot] = oldKeys[i];
                firsts[slot] = oldFirsts[i];
                firstIds[slot] = oldIds[i];
                privatePrefixes[slot] = oldPrefixes[i];
                Link(slot);
            }
        }
    }

    private void Link(int slot)
    {
        var bucket = (int)(privatePrefixes[slot] >> (64 - RangeBits));
        rangeNext[slot] = rangeHeads[bucket];
        rangeHeads[bucket] = slot;
    }

    private static int[] NewRangeHeads()
    {
        var heads = new int[1 << RangeBits];
        Array.Fill(heads, -1);
        return heads;
    }

    private void PrefetchSlot(ulong key, bool forUpsert)
    {
        var (table, reports, ids, prefixes) = (keys, firsts, firstIds, privatePrefixes);
        var home = Home(key, table.Length);
        if (home < reports.Length && home < ids.Length && home < prefixes.Length)
        {
            Prefetch(ref table[home]);
            reports.Prefetch(home, 1);
            if (forUpsert)
            {
                Prefetch(ref ids[home]);
                Prefetch(ref prefixes[home]);
            }
        }
    }

    /// <summary>
    /// Both cache lines an item may span, where the processor has the instruction. A hint only:
    /// should the collector move the array meanwhile, a prefetch of the old address is harmless (it never faults).
    /// </summary>
    private static unsafe void Prefetch<T>(ref T item) where T : unmanaged
    {
        if (Sse.IsSupported)
        {
            var start = (byte*)Unsafe.AsPointer(ref item);
            Sse.Prefetch0(start);
            Sse.Prefetch0(start + sizeof(T) - 1);
        }
    }

    private int AllocateReport()
    {
        if (freeReports.TryPop(out var reused))
        {
            return reused;
        }
        if (reportsUsed == reports.Length)
        {
            Array.Resize(ref reports, reports.Length * 2);
            Array.Resize(ref reportIds, reports.Length);
        }
        return reportsUsed++;
    }

    private int Organisation(Guid id)
    {
        if (!organisationIndex.TryGetValue(id, out var index))
        {
            index = organisationIds.Count;
            organisationIndex[id] = index;
            organisationIds.Add(id);
            organisationCountryIndex.Add(CountryCode("ZZ"));
        }
        return index;
    }

    private int CountryCode(string country)
    {
        if (!countryCodes.TryGetValue(country, out var code))
        {
            code = countryCodes.Count;
            countryCodes[country] = code;
        }
        return code;
    }

    private int CommunitySet(IReadOnlyCollection<Guid> communities)
    {
        if (communities.Count == 0)
        {
            return 0;
        }
        var ordered = communities.Order().ToArray();
        var name = string.Join(',', ordered);
        if (!communitySetIndex.TryGetValue(name, out var index))
        {
            index = communitySets.Count;
            communitySetIndex[name] = index;
            communitySets.Add(ordered);
        }
        return index;
    }

    private static int SlotsFor(int identifiers) => (int)Math.Ceiling(Math.Max(identifiers, 12) / MaxLoad) + 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Minutes(DateTimeOffset time) => (int)Math.Clamp((time.UtcTicks - Epoch.UtcTicks) / TimeSpan.TicksPerMinute, 0, Never - 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DateTimeOffset? Time(int minutes) =>
        minutes == Never ? null : new DateTimeOffset(Epoch.UtcTicks + (minutes * TimeSpan.TicksPerMinute), TimeSpan.Zero);
}
