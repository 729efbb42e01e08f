using System.Text.Json.Nodes;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Core.Members;
using Cordon.Core.Stix;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Federation;

/// <summary>One object of a collection, with the TAXII facts about it.</summary>
public sealed record TaxiiItem(string Id, string Type, DateTimeOffset DateAdded, string Version, JsonObject Object);

/// <summary>A page of a collection, oldest first; <c>Next</c> continues it.</summary>
public sealed record TaxiiPage(IReadOnlyList<TaxiiItem> Items, bool More, string? Next);

/// <summary>The TAXII filters (§3.4) the objects and manifest endpoints take.</summary>
public sealed record TaxiiFilter(
    DateTimeOffset? AddedAfter,
    string? Next,
    int Limit,
    IReadOnlySet<string>? Ids,
    IReadOnlySet<string>? Types,
    IReadOnlySet<DateTimeOffset>? Versions,
    bool SpecVersionMatches);

/// <summary>
/// Reads a collection as STIX: each indicator gives its observable, the indicator and (once per page) the identity of
/// the organisation that reported it, all with the indicator's <c>date_added</c>; bulletins, operations and results
/// (<see cref="TaxiiSharedObjects"/>) come in the same order. Pages are in <c>date_added</c> order, which is strictly
/// increasing on the node across all of them, so <c>next</c> and <c>added_after</c> both resume exactly.
/// </summary>
public sealed class TaxiiObjects(CordonDb db, Audit.ReadLog reads, TaxiiSharedObjects sharedObjects)
{
    public const int MaxPage = 5000;

    public async Task<TaxiiPage> PageAsync(Caller caller, TaxiiCollection collection, TaxiiFilter filter, CancellationToken cancellationToken)
    {
        if (!filter.SpecVersionMatches)
        {
            return new TaxiiPage([], false, null);
        }
        var viewer = caller.Viewer;
        var rows = TaxiiCollections.Indicators(db, viewer, collection).Include(i => i.Observable).AsQueryable();
        if (filter.AddedAfter is { } addedAfter)
        {
            rows = rows.Where(i => i.DateAdded > addedAfter);
        }
        if (NextPosition.TryRead(filter.Next, out var after))
        {
            rows = rows.Where(i => i.DateAdded > after.DateAdded || (i.DateAdded == after.DateAdded && i.Id.CompareTo(after.Id) > 0));
        }
        if (filter.Ids is { Count: > 0 } ids)
        {
            var indicatorIds = ids.Select(id => StixIds.TryParse(id, out var type, out var uuid) && type == "indicator" ? uuid : (Guid?)null)
                .OfType<Guid>().ToList();
            if (indicatorIds.Count == ids.Count)
            {
                indicatorIds = indicatorIds.SelectMany(StixIds.CordonIdsOf).ToList();
                rows = rows.Where(i => indicatorIds.Contains(i.Id));
            }
        }
        var limit = Math.Clamp(filter.Limit, 1, MaxPage);
        var batch = await rows.OrderBy(i => i.DateAdded).ThenBy(i => i.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var organisationIds = batch.Select(i => i.OrganisationId).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var onlyIndicators = filter.Ids is { Count: > 0 } named && named.All(id => id.StartsWith("indicator--", StringComparison.Ordinal));
        var sharedAfter = new[] { filter.AddedAfter, NextPosition.TryRead(filter.Next, out var position) ? position.DateAdded : null }.Max() ?? DateTimeOffset.MinValue;
        var shared = onlyIndicators ? [] : await sharedObjects.AfterAsync(viewer, collection, sharedAfter, limit + 1, cancellationToken);

        // Indicators and the rest in one date_added order (stamps are unique on the node), up to where either source was cut short.
        var horizon = new[] { batch.Count > limit ? batch[^1].DateAdded : DateTimeOffset.MaxValue, shared.Count > limit ? shared[^1].DateAdded : DateTimeOffset.MaxValue }.Min();
        var candidates = batch.Select(i => (i.DateAdded, i.Id, Indicator: (Indicator?)i, Shared: (SharedUnit?)null))
            .Concat(shared.Select(u => (u.DateAdded, u.Id, Indicator: (Indicator?)null, Shared: (SharedUnit?)u)))
            .OrderBy(u => u.DateAdded).ToList();
        var items = new List<TaxiiItem>();
        var identitiesGiven = new HashSet<string>();
        (DateTimeOffset DateAdded, Guid Id)? last = null;
        var served = new List<(Indicator? Indicator, SharedUnit? Shared)>();
        var full = false;
        foreach (var unit in candidates.TakeWhile(u => u.DateAdded <= horizon))
        {
            var objects = (unit.Indicator is { } indicator
                    ? Objects(indicator, organisations[indicator.OrganisationId], identitiesGiven)
                    : unit.Shared!.Objects.Where(o => o["type"]!.GetValue<string>() != "identity" || identitiesGiven.Add(o["id"]!.GetValue<string>()))
                        .Select(o => Item(o, unit.DateAdded)))
                .Where(o => Matches(o, filter)).ToList();
            if (items.Count + objects.Count > limit)
            {
                if (items.Count == 0)
                {
                    // A page too small for one item's objects: its first objects come, so that paging moves on.
                    items.AddRange(objects.Take(limit));
                    last = (unit.DateAdded, unit.Id);
                    served.Add((unit.Indicator, unit.Shared));
                }
                full = true;
                break;
            }
            items.AddRange(objects);
            last = (unit.DateAdded, unit.Id);
            served.Add((unit.Indicator, unit.Shared));
        }
        var more = full || served.Count < candidates.Count || batch.Count > limit || shared.Count > limit;
        reads.Bulk(caller.Actor, "indicator", served.Count(u => u.Indicator is { } i && Audit.ReadLog.IsRestricted(i.Tlp, i.Distribution)),
            $"TAXII page of {collection.Title}");
        foreach (var kind in served.Where(u => u.Shared is { Restricted: true }).GroupBy(u => u.Shared!.Kind))
        {
            reads.Bulk(caller.Actor, kind.Key, kind.Count(), $"TAXII page of {collection.Title}");
        }
        return new TaxiiPage(items, more, more && last is { } end ? NextPosition.Write(end.DateAdded, end.Id) : null);
    }

    /// <summary>The versions the collection holds of one object (Cordon keeps the latest only): empty when unknown or not visible.</summary>
    public async Task<IReadOnlyList<TaxiiItem>> ObjectAsync(Caller caller, TaxiiCollection collection, string id, CancellationToken cancellationToken)
    {
        if (!StixIds.TryParse(id, out var type, out var uuid))
        {
            return [];
        }
        var viewer = caller.Viewer;
        var rows = TaxiiCollections.Indicators(db, viewer, collection).Include(i => i.Observable);
        if (type == "indicator")
        {
            var candidates = StixIds.CordonIdsOf(uuid);
            var indicator = await rows.FirstOrDefaultAsync(i => candidates.Contains(i.Id), cancellationToken);
            if (indicator is null)
            {
                return [];
            }
            var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == indicator.OrganisationId, cancellationToken);
            if (Audit.ReadLog.IsRestricted(indicator.Tlp, indicator.Distribution))
            {
                reads.Items(caller.Actor, "indicator", [indicator.Id]);
            }
            return Objects(indicator, organisation, []).Where(o => o.Id == id).ToList();
        }
        if (type == "identity")
        {
            var candidates = StixIds.CordonIdsOf(uuid);
            var first = await rows.Where(i => candidates.Contains(i.OrganisationId)).OrderBy(i => i.DateAdded).FirstOrDefaultAsync(cancellationToken);
            if (first is null)
            {
                return [];
            }
            var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == first.OrganisationId, cancellationToken);
            return [Item(IndicatorStix.Identity(organisation), first.DateAdded)];
        }
        return [];
    }

    private static IEnumerable<TaxiiItem> Objects(Indicator indicator, Organisation organisation, HashSet<string> identitiesGiven)
    {
        if (StixWriter.Indicator(IndicatorStix.Facts(indicator)) is not var (observable, stixIndicator))
        {
            yield break;
        }
        yield return Item(stixIndicator, indicator.DateAdded);
        yield return Item(observable, indicator.DateAdded);
        if (identitiesGiven.Add(StixIds.Of("identity", organisation.Id)))
        {
            yield return Item(IndicatorStix.Identity(organisation), indicator.DateAdded);
        }
    }

    private static TaxiiItem Item(JsonObject o, DateTimeOffset dateAdded)
    {
        var version = o["modified"]?.GetValue<string>() ?? o["created"]?.GetValue<string>() ?? StixTime.FormatTaxii(dateAdded);
        return new TaxiiItem(o["id"]!.GetValue<string>(), o["type"]!.GetValue<string>(), dateAdded, version, o);
    }

    private static bool Matches(TaxiiItem item, TaxiiFilter filter) =>
        (filter.Ids is not { Count: > 0 } ids || ids.Contains(item.Id))
        && (filter.Types is not { Count: > 0 } types || types.Contains(item.Type))
        && (filter.Versions is not { Count: > 0 } versions || (StixTime.TryParse(item.Version, out var v) && versions.Contains(v)));
}

/// <summary>The opaque <c>next</c> of a page: the position after its last indicator.</summary>
public static class NextPosition
{
    public static string Write(DateTimeOffset dateAdded, Guid id) => $"{dateAdded.UtcTicks}.{id:N}";

    public static bool TryRead(string? text, out (DateTimeOffset DateAdded, Guid Id) position)
    {
        position = default;
        var dot = text?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (text is null || dot <= 0 || text.Length > 64 || !long.TryParse(text.AsSpan(0, dot), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(text[(dot + 1)..], "N", out var id))
        {
            return false;
        }
        position = (new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
