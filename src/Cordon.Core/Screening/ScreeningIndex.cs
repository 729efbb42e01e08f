using System.Globalization;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Sharing;

namespace Cordon.Core.Screening;

/// <summary>
/// Every active indicator's canonical value in memory, for sub-microsecond screening. Observables live in an
/// open-addressing table of 64-bit keys; each holds a chain of reports (one per organisation) in parallel arrays with
/// just what a verdict and the access policy need. Expiry is checked at lookup time; revocation removes the report.
/// One writer (the change feed) and many readers, under a reader-writer lock.
/// </summary>
public sealed class ScreeningIndex : IDisposable
{
    private const double MaxLoad = 0.7;
    private const int NoReport = -1;
    private const int Never = int.MaxValue;
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);

    // Observable slots.
    private ulong[] keys;
    private ulong[] privatePrefixes;
    private int[] firstReport;
    private int slotsUsed;

    // Reports, parallel arrays indexed by report number.
    private int[] next;
    private int[] owner;
    private byte[] marking;
    private int[] communitySet;
    private int[] categories;
    private byte[] confidence;
    private int[] firstSeen;
    private int[] lastSeen;
    private int[] validUntil;
    private Guid[] indicatorIds;
    private int reportsUsed;
    private readonly Stack<int> freeReports = new();

    // Organisations and the community sets items are shared with, interned.
    private readonly Dictionary<Guid, int> organisationIndex = [];
    private readonly List<Guid> organisationIds = [];
    private readonly List<int> organisationCountryIndex = [];
    private readonly Dictionary<string, int> countryCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> communitySetIndex = new(StringComparer.Ordinal) { [""] = 0 };
    private readonly List<Guid[]> communitySets = [[]];

    public ScreeningIndex(int expectedIdentifiers = 1024)
    {
        var slots = SlotsFor(expectedIdentifiers);
        keys = new ulong[slots];
        privatePrefixes = new ulong[slots];
        firstReport = new int[slots];
        var reports = Math.Max(16, expectedIdentifiers);
        next = new int[reports];
        owner = new int[reports];
        marking = new byte[reports];
        communitySet = new int[reports];
        categories = new int[reports];
        confidence = new byte[reports];
        firstSeen = new int[reports];
        lastSeen = new int[reports];
        validUntil = new int[reports];
        indicatorIds = new Guid[reports];
    }

    /// <summary>Active reports held (revoked ones are removed; expired ones stay until revoked or replaced).</summary>
    public int Reports { get { gate.EnterReadLock(); try { return reportsUsed - freeReports.Count; } finally { gate.ExitReadLock(); } } }

    /// <summary>Applies entries from the store (a full build, or changes from the feed) under one write lock.</summary>
    public void Apply(IEnumerable<IndexEntry> entries)
    {
        gate.EnterWriteLock();
        try
        {
            foreach (var entry in entries)
            {
                Upsert(entry);
            }
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Records an organisation's country (reports are counted per country).</summary>
    public void SetOrganisation(Guid organisationId, string country)
    {
        gate.EnterWriteLock();
        try
        {
            organisationCountryIndex[Organisation(organisationId)] = CountryCode(country);
        }
        finally
        {
            gate.ExitWriteLock();
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
        gate.EnterReadLock();
        try
        {
            var slot = Find(key);
            return slot < 0 ? ScreeningResult.Clear : Summarise(firstReport[slot], viewer, nowMinutes, hits);
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>
    /// Private screening: the entries whose SHA-256 (of <c>type:value</c>) starts with the 5 hex digits given, as the
    /// next 11 hex digits with the verdict the viewer may see. Entries the viewer may not see are left out.
    /// </summary>
    public IReadOnlyList<(string Suffix, ScreeningResult Result)> Range(string prefix, Viewer viewer, DateTimeOffset now)
    {
        var wanted = ulong.Parse(prefix, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var nowMinutes = Minutes(now);
        var matches = new List<(string, ScreeningResult)>();
        gate.EnterReadLock();
        try
        {
            for (var slot = 0; slot < keys.Length; slot++)
            {
                if (keys[slot] == 0 || firstReport[slot] == NoReport || privatePrefixes[slot] >> 44 != wanted)
                {
                    continue;
                }
                var result = Summarise(firstReport[slot], viewer, nowMinutes, null);
                if (result.Verdict != Verdict.Clear)
                {
                    matches.Add((privatePrefixes[slot].ToString("x16", CultureInfo.InvariantCulture)[5..], result));
                }
            }
        }
        finally
        {
            gate.ExitReadLock();
        }
        return matches;
    }

    private ScreeningResult Summarise(int report, Viewer? viewer, int nowMinutes, List<Guid>? hits)
    {
        var viewerIndex = viewer is null ? -1 : organisationIndex.GetValueOrDefault(viewer.OrganisationId, -1);
        int reports = 0, categoryFlags = 0, maxConfidence = 0, first = Never, last = 0, organisations = 0;
        // Reports are one per organisation, so counting visible reports counts organisations; countries are counted
        // distinct with a small scan (a handful of reporters at most in practice).
        Span<int> countries = stackalloc int[32];
        var distinctCountries = 0;
        for (var r = report; r != NoReport; r = next[r])
        {
            if (validUntil[r] <= nowMinutes || !Visible(r, viewer, viewerIndex))
            {
                continue;
            }
            reports++;
            organisations++;
            categoryFlags |= categories[r];
            maxConfidence = Math.Max(maxConfidence, confidence[r]);
            first = Math.Min(first, firstSeen[r]);
            last = Math.Max(last, lastSeen[r]);
            hits?.Add(indicatorIds[r]);
            var country = organisationCountryIndex[owner[r]];
            if (!countries[..Math.Min(distinctCountries, countries.Length)].Contains(country))
            {
                if (distinctCountries < countries.Length)
                {
                    countries[distinctCountries] = country;
                }
                distinctCountries++;
            }
        }
        if (reports == 0)
        {
            return ScreeningResult.Clear;
        }
        var score = VerdictRules.Score(maxConfidence, organisations);
        return new ScreeningResult(VerdictRules.For(score, reports), score, CategorySet.FromFlags(categoryFlags), reports,
            organisations, distinctCountries, maxConfidence, Time(first), Time(last));
    }

    /// <summary>The access policy (<see cref="AccessPolicy"/>), on the index's compact form.</summary>
    private bool Visible(int report, Viewer? viewer, int viewerIndex)
    {
        var tlp = (Tlp)(marking[report] & 0x7);
        var distribution = (Distribution)(marking[report] >> 3);
        if (viewer is null)
        {
            return tlp == Tlp.Clear && distribution is Distribution.Node or Distribution.Federation;
        }
        if (owner[report] == viewerIndex)
        {
            return true;
        }
        if (tlp == Tlp.Red)
        {
            return false;
        }
        return distribution switch
        {
            Distribution.Organisation => false,
            Distribution.Communities => communitySets[communitySet[report]].Any(viewer.CommunityIds.Contains),
            Distribution.Node or Distribution.Federation => true,
        };
    }

    private void Upsert(IndexEntry entry)
    {
        var key = ScreeningKey.Of(entry.Type, entry.Value);
        var slot = Find(key);
        if (slot < 0)
        {
            if (entry.Revoked)
            {
                return;
            }
            slot = Insert(key, ScreeningKey.PrivatePrefix(entry.Type, entry.Value));
        }
        var organisation = Organisation(entry.OwnerId);
        int previous = NoReport, report = firstReport[slot];
        while (report != NoReport && owner[report] != organisation)
        {
            previous = report;
            report = next[report];
        }
        if (entry.Revoked)
        {
            if (report != NoReport)
            {
                if (previous == NoReport)
                {
                    firstReport[slot] = next[report];
                }
                else
                {
                    next[previous] = next[report];
                }
                freeReports.Push(report);
            }
            return;
        }
        if (report == NoReport)
        {
            report = AllocateReport();
            next[report] = firstReport[slot];
            firstReport[slot] = report;
        }
        owner[report] = organisation;
        marking[report] = (byte)((int)entry.Tlp | ((int)entry.Distribution << 3));
        communitySet[report] = CommunitySet(entry.Communities);
        categories[report] = entry.CategoryFlags;
        confidence[report] = (byte)Math.Clamp(entry.Confidence, 0, 100);
        firstSeen[report] = Minutes(entry.FirstSeen);
        lastSeen[report] = Minutes(entry.LastSeen);
        validUntil[report] = entry.ValidUntil is { } until ? Minutes(until) : Never;
        indicatorIds[report] = entry.IndicatorId;
    }

    private int Find(ulong key)
    {
        var mask = keys.Length - 1;
        for (var slot = (int)(key & (ulong)mask); ; slot = (slot + 1) & mask)
        {
            var found = keys[slot];
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
        var mask = keys.Length - 1;
        var slot = (int)(key & (ulong)mask);
        while (keys[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        privatePrefixes[slot] = privatePrefix;
        firstReport[slot] = NoReport;
        slotsUsed++;
        return slot;
    }

    private void Grow()
    {
        var (oldKeys, oldPrefixes, oldFirst) = (keys, privatePrefixes, firstReport);
        keys = new ulong[oldKeys.Length * 2];
        privatePrefixes = new ulong[keys.Length];
        firstReport = new int[keys.Length];
        slotsUsed = 0;
        for (var i = 0; i < oldKeys.Length; i++)
        {
            if (oldKeys[i] != 0)
            {
                var slot = Insert(oldKeys[i], oldPrefixes[i]);
                firstReport[slot] = oldFirst[i];
            }
        }
    }

    private int AllocateReport()
    {
        if (freeReports.TryPop(out var reused))
        {
            return reused;
        }
        if (reportsUsed == next.Length)
        {
            var size = next.Length * 2;
            Array.Resize(ref next, size);
            Array.Resize(ref owner, size);
            Array.Resize(ref marking, size);
            Array.Resize(ref communitySet, size);
            Array.Resize(ref categories, size);
            Array.Resize(ref confidence, size);
            Array.Resize(ref firstSeen, size);
            Array.Resize(ref lastSeen, size);
            Array.Resize(ref validUntil, size);
            Array.Resize(ref indicatorIds, size);
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

    public void Dispose() => gate.Dispose();

    private static int SlotsFor(int identifiers)
    {
        var slots = 16;
        while (slots * MaxLoad < identifiers)
        {
            slots *= 2;
        }
        return slots;
    }

    private static int Minutes(DateTimeOffset time) => (int)Math.Clamp((time - Epoch).TotalMinutes, 0, Never - 1);

    private static DateTimeOffset? Time(int minutes) => minutes == Never ? null : Epoch.AddMinutes(minutes);
}
