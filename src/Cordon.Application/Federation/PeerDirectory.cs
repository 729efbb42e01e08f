using Cordon.Application.Audit;
using Cordon.Application.Data;
using Cordon.Application.Members;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Cordon.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Federation;

/// <summary>A peer as an administrator describes it; TLPs, types and categories left empty mean the defaults.</summary>
public sealed record PeerSpec(
    string? Name,
    string? ApiRoot,
    string? CollectionId,
    PeerDirection? Direction,
    string? Username,
    string? Secret,
    IReadOnlyList<Tlp>? Tlps,
    IReadOnlyList<IdentifierType>? Types,
    IReadOnlyList<Category>? Categories);

/// <summary>
/// Federation peers: added by the node's administrators with their sharing rules; each gets an organisation on this
/// node that stands for it (its keys are how the peer calls this node, and what it may see is its rules).
/// </summary>
public sealed class PeerDirectory(CordonDb db, AuditLog audit, TimeProvider clock, Outbound.OutboundGuard guard)
{
    public async Task<FederationPeer> AddAsync(Actor actor, PeerSpec spec, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.OperateNode);
        var name = InputText.Required(spec.Name, "name");
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new InvalidInputException("name", "use the peer node's name (its Cordon:Node:Name): letters, digits, '-', '_' and '.'.");
        }
        var direction = spec.Direction ?? PeerDirection.Both;
        // An inbound-only peer is never called, so how to call it is optional (and kept when given, for later).
        var calls = direction != PeerDirection.Inbound;
        var apiRoot = Optional(spec.ApiRoot, "apiRoot", 2048, calls);
        if (apiRoot is not null && (!Uri.TryCreate(apiRoot, UriKind.Absolute, out var root) || root.Scheme is not ("https" or "http") || !apiRoot.EndsWith('/')))
        {
            throw new InvalidInputException("apiRoot", "must be the peer's TAXII API root, an http(s) URL ending in '/', e.g. https://peer.example/taxii2/cordon/.");
        }
        if (apiRoot is not null)
        {
            await guard.CheckAsync(new Uri(apiRoot), "apiRoot", cancellationToken);
        }
        var tlps = spec.Tlps is { Count: > 0 } given ? given : [Tlp.Clear, Tlp.Green];
        if (tlps.FirstOrDefault(t => !PeerRules.MayEverLeave(t)) is var refused && !PeerRules.MayEverLeave(refused))
        {
            throw new InvalidInputException("tlps", $"TLP:{CordonJson.Name(refused).ToUpperInvariant()} never leaves the node; allow clear, green or amber.");
        }
        var now = clock.GetUtcNow();
        var peer = new FederationPeer
        {
            Id = Guid.CreateVersion7(now),
            Name = name,
            ApiRoot = apiRoot,
            CollectionId = Optional(spec.CollectionId, "collectionId", 200, calls),
            Direction = direction,
            Username = Optional(spec.Username, "username", 200, required: false),
            Secret = Optional(spec.Secret, "secret", 1000, calls),
            AllowedTlps = tlps.Aggregate(0, (flags, t) => flags | PeerRules.Flag(t)),
            AllowedTypes = (spec.Types ?? []).Aggregate(0, (flags, t) => flags | PeerRules.Flag(t)),
            AllowedCategories = CategorySet.ToFlags(spec.Categories ?? []),
            CreatedAt = now,
        };
        var organisationName = $"Peer node {name}";
        if (await db.Peers.AnyAsync(p => p.Name == name, cancellationToken) || await db.Organisations.AnyAsync(o => o.Name == organisationName, cancellationToken))
        {
            throw new ConflictException("A peer with this name exists.");
        }
        var organisation = new Organisation { Id = Guid.CreateVersion7(now), Name = organisationName, Sector = Sector.Other, Country = "ZZ", CreatedAt = now };
        peer.OrganisationId = organisation.Id;
        return await audit.WriteAsync(actor, () =>
        {
            db.Organisations.Add(organisation);
            db.Peers.Add(peer);
            return Task.FromResult(new AuditedChange<FederationPeer>(peer, "peer.create", "peer", [peer.Id, organisation.Id], new
            {
                peer.Name,
                peer.ApiRoot,
                peer.CollectionId,
                Direction = peer.Direction.ToString(),
                Tlps = tlps.Select(CordonJson.Name).ToList(),
            }));
        }, cancellationToken);
    }

    private static string? Optional(string? value, string field, int maxLength, bool required) =>
        required || !string.IsNullOrWhiteSpace(value) ? InputText.Required(value, field, maxLength) : null;

    /// <summary>
    /// After an operator has looked into a peer's audit alarm (e.g. the peer restored its store from a backup and says
    /// so): clears the alarm and forgets the head kept, so that the next sync starts witnessing from the peer's log as it
    /// is. On the record, with the alarm and the head that are let go.
    /// </summary>
    public async Task<FederationPeer> AcceptAuditAsync(Actor actor, string nameOrId, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.OperateNode);
        var found = await FindAsync(nameOrId, cancellationToken);
        var peer = await db.Peers.SingleAsync(p => p.Id == found.Id, cancellationToken);
        return await audit.WriteAsync(actor, () =>
        {
            var details = new { peer.Name, Alarm = peer.AuditAlarm, Head = peer.AuditHead };
            peer.AuditAlarm = null;
            peer.AuditHead = null;
            return Task.FromResult(new Audit.AuditedChange<FederationPeer>(peer, "peer.audit_accepted", "peer", [peer.Id], details));
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<FederationPeer>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Peers.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);

    public async Task<FederationPeer> FindAsync(string nameOrId, CancellationToken cancellationToken = default) =>
        (Guid.TryParse(nameOrId, out var id)
            ? await db.Peers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            : await db.Peers.AsNoTracking().SingleOrDefaultAsync(p => p.Name == nameOrId, cancellationToken))
        ?? throw new NotFoundException("peer");
}
