using System.Text.Json.Nodes;
using Cordon.Application.Bulletins;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Application.Operations;
using Cordon.Core.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Federation;

/// <summary>One thing a collection serves besides indicators, at its <c>date_added</c>: its STIX objects, first the identities it names.</summary>
public sealed record SharedUnit(DateTimeOffset DateAdded, Guid Id, string Kind, bool Restricted, IReadOnlyList<JsonObject> Objects);

/// <summary>
/// What a collection serves besides indicators, in the same <c>date_added</c> order: bulletins written here (as
/// <c>report</c>s, under the one access policy, only the linked indicators the reader may see named), and for a peer,
/// the operations run here in which an organisation of its node takes part (as <c>grouping</c>s), and the results
/// reported here for operations its node runs (as <c>note</c>s). An operation never reaches a node that is not a participant.
/// </summary>
public sealed class TaxiiSharedObjects(CordonDb db)
{
    public async Task<IReadOnlyList<SharedUnit>> AfterAsync(Viewer viewer, TaxiiCollection collection, DateTimeOffset after, int limit,
        CancellationToken cancellationToken)
    {
        var units = new List<SharedUnit>();
        var bulletins = db.Bulletins.AsNoTracking().Include(b => b.Texts).Include(b => b.Links).VisibleTo(viewer)
            .Where(b => b.DateAdded != null && b.DateAdded > after);
        bulletins = collection.Scope switch
        {
            CollectionScope.Federation => bulletins.Where(b => b.Distribution == Distribution.Federation && b.OriginNode == null),
            CollectionScope.Community => bulletins.Where(b => b.Distribution == Distribution.Communities && b.Communities.Any(c => c.CommunityId == collection.Id)),
            _ => bulletins,
        };
        var bulletinRows = await bulletins.OrderBy(b => b.DateAdded).Take(limit).AsSplitQuery().ToListAsync(cancellationToken);
        var linked = bulletinRows.SelectMany(b => b.Links).Where(l => l.ItemType == "indicator").Select(l => l.ItemId).Distinct().ToList();
        var indicators = db.Indicators.AsNoTracking();
        var visibleLinks = (await (viewer.IsPeer ? indicators.SharedWith(viewer) : indicators.VisibleTo(viewer))
            .Where(i => linked.Contains(i.Id)).Select(i => i.Id).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var bulletin in bulletinRows)
        {
            var refs = bulletin.Links.Where(l => l.ItemType == "indicator" && visibleLinks.Contains(l.ItemId)).Select(l => l.ItemId).ToList();
            units.Add(new SharedUnit(bulletin.DateAdded!.Value, bulletin.Id, "bulletin", Audit.ReadLog.IsRestricted(bulletin.Tlp, bulletin.Distribution),
                [BulletinStix.Report(bulletin, refs)]));
        }
        if (viewer.Peer is { } peer && collection.Scope == CollectionScope.Federation && peer.AllowsTlp(Tlp.Amber))
        {
            var node = peer.PeerName;
            var former = $" {node} ";
            var operations = await db.Operations.AsNoTracking().Include(o => o.Participants)
                .Where(o => o.OriginNode == null && o.DateAdded > after)
                .Where(o => o.Participants.Any(p => db.Organisations.Any(org => org.Id == p.OrganisationId && org.HomeNode == node))
                            || o.FormerNodes.Contains(former))
                .OrderBy(o => o.DateAdded).Take(limit).ToListAsync(cancellationToken);
            var operationIds = operations.Select(o => o.Id).ToList();
            var results = (await db.OperationResults.AsNoTracking().Where(r => operationIds.Contains(r.OperationId)).ToListAsync(cancellationToken))
                .ToLookup(r => r.OperationId);
            foreach (var operation in operations)
            {
                units.Add(new SharedUnit(operation.DateAdded, operation.Id, "operation", true,
                    [OperationStix.Grouping(operation, results[operation.Id].OrderBy(r => r.ReportedAt).ToList())]));
            }
            var reported = await db.OperationResults.AsNoTracking().Where(r => r.OriginNode == null && r.DateAdded > after)
                .Where(r => db.Operations.Any(o => o.Id == r.OperationId && o.OriginNode == node))
                .OrderBy(r => r.DateAdded).Take(limit).ToListAsync(cancellationToken);
            units.AddRange(reported.Select(r => new SharedUnit(r.DateAdded, r.Id, "operation", true, [OperationStix.ResultNote(r)])));
        }
        units = units.OrderBy(u => u.DateAdded).Take(limit).ToList();
        await AddIdentitiesAsync(units, cancellationToken);
        return units;
    }

    /// <summary>Puts, after each unit's object, the identities it names (authors, participants) so that a reader can create them.</summary>
    private async Task AddIdentitiesAsync(List<SharedUnit> units, CancellationToken cancellationToken)
    {
        var named = units.Select(u => (Unit: u, Ids: u.Objects.SelectMany(Identities).Distinct().ToList())).ToList();
        var ids = named.SelectMany(n => n.Ids).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        for (var i = 0; i < units.Count; i++)
        {
            var identities = named[i].Ids.Where(organisations.ContainsKey).Select(id => IndicatorStix.Identity(organisations[id]));
            // The object itself first: a page too small for all of a unit's objects still carries it.
            units[i] = units[i] with { Objects = [.. units[i].Objects, .. identities] };
        }
    }

    private static IEnumerable<Guid> Identities(JsonObject o)
    {
        var refs = new List<string?> { o["created_by_ref"]?.GetValue<string>() };
        if (o["type"]?.GetValue<string>() == "grouping")
        {
            refs.AddRange((o["object_refs"] as JsonArray ?? []).Select(r => r?.GetValue<string>()));
        }
        foreach (var id in refs)
        {
            if (Core.Stix.StixIds.TryParse(id, out var type, out var uuid) && type == "identity")
            {
                foreach (var candidate in Core.Stix.StixIds.CordonIdsOf(uuid))
                {
                    yield return candidate;
                }
            }
        }
    }
}
