using Cordon.Application.Cases;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Core.Identifiers;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Cordon.Core.Stix;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Federation;

/// <summary>Which sharing scope a collection serves.</summary>
public enum CollectionScope
{
    /// <summary>Items distributed to the federation: what peers read and write.</summary>
    Federation,
    /// <summary>Everything the caller may see on this node.</summary>
    Node,
    /// <summary>Items distributed to one community.</summary>
    Community,
}

/// <summary>A TAXII collection as this node serves it to one caller.</summary>
public sealed record TaxiiCollection(Guid Id, string Title, string Description, CollectionScope Scope, bool CanRead, bool CanWrite);

/// <summary>
/// The collections, one per sharing scope: the federation, the whole node, and each community the caller belongs to.
/// A peer sees only the federation collection. Every query starts from the access policy's filter.
/// </summary>
public sealed class TaxiiCollections(CordonDb db)
{
    public static readonly Guid FederationId = StixIds.UuidV5(StixIds.CordonNamespace, "collection:federation");
    public static readonly Guid NodeId = StixIds.UuidV5(StixIds.CordonNamespace, "collection:node");

    public async Task<IReadOnlyList<TaxiiCollection>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        var viewer = caller.Viewer;
        var canWrite = caller.Actor.Grants(Permission.Contribute);
        var federation = new TaxiiCollection(FederationId, "Federation",
            "Indicators distributed to the federation: what this node shares with its peers.", CollectionScope.Federation, true, canWrite);
        if (viewer.Peer is not null)
        {
            return [federation];
        }
        var communities = await db.Communities.AsNoTracking().Where(c => viewer.CommunityIds.Contains(c.Id)).OrderBy(c => c.Name)
            .ToListAsync(cancellationToken);
        return
        [
            federation,
            new TaxiiCollection(NodeId, "Node", "Every indicator your organisation may see on this node.", CollectionScope.Node, true, canWrite),
            .. communities.Select(c => new TaxiiCollection(c.Id, $"Community: {c.Name}", $"Indicators distributed to the community {c.Name}.",
                CollectionScope.Community, true, false)),
        ];
    }

    public async Task<TaxiiCollection?> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        (await ListAsync(caller, cancellationToken)).SingleOrDefault(c => c.Id == id);

    /// <summary>The indicators of a collection the viewer may see (payment cards never: their hash means nothing elsewhere).</summary>
    public static IQueryable<Indicator> Indicators(CordonDb db, Viewer viewer, TaxiiCollection collection)
    {
        var indicators = db.Indicators.AsNoTracking();
        var visible = (viewer.IsPeer ? indicators.SharedWith(viewer) : indicators.VisibleTo(viewer)).Where(i => i.Observable.Type != IdentifierType.PaymentCard);
        return collection.Scope switch
        {
            CollectionScope.Federation => visible.Where(i => i.Distribution == Distribution.Federation),
            CollectionScope.Community => visible.Where(i => i.Distribution == Distribution.Communities && i.Communities.Any(c => c.CommunityId == collection.Id)),
            _ => visible,
        };
    }
}
