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

namespace Cordon.Application.Feeds;

/// <summary>A feed as an administrator describes it; what is left out takes the defaults.</summary>
public sealed record FeedSpec(
    string? Name,
    FeedKind? Kind,
    string? Location,
    IdentifierType? Type = null,
    Tlp? Tlp = null,
    IReadOnlyList<Category>? Categories = null,
    int? Confidence = null,
    Distribution? Distribution = null,
    string? CollectionId = null,
    string? Username = null,
    string? Secret = null,
    int? IntervalMinutes = null);

/// <summary>
/// Feeds: added by the node's administrators; each gets an organisation of its own on this node ("Feed NAME") that
/// reports what the feed brings, so that a feed's reports are told apart from the members' and weighed as a source.
/// </summary>
public sealed class FeedDirectory(CordonDb db, AuditLog audit, TimeProvider clock, FeedFolder folder, Outbound.OutboundGuard guard)
{
    public async Task<Feed> AddAsync(Actor actor, FeedSpec spec, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.OperateNode);
        var name = InputText.Required(spec.Name, "name");
        var kind = spec.Kind ?? throw new InvalidInputException("kind", $"is required: one of {CordonJson.Names<FeedKind>()}.");
        var location = InputText.Required(spec.Location, "location", 2048);
        var remote = Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
        if (!remote && kind == FeedKind.Taxii)
        {
            throw new InvalidInputException("location", "must be the TAXII server's API root, an http(s) URL ending in '/'.");
        }
        if (remote)
        {
            await guard.CheckAsync(uri!, "location", cancellationToken);
        }
        else
        {
            location = folder.Resolve(location);
            if (!File.Exists(location) && !Directory.Exists(location))
            {
                throw folder.Refused();
            }
        }
        if (kind == FeedKind.Taxii && (!location.EndsWith('/') || string.IsNullOrWhiteSpace(spec.CollectionId)))
        {
            throw new InvalidInputException(location.EndsWith('/') ? "collectionId" : "location",
                location.EndsWith('/') ? "a TAXII feed needs the collection's id." : "a TAXII API root ends in '/'.");
        }
        if (kind == FeedKind.List && spec.Type is null)
        {
            throw new InvalidInputException("type", "a plain list needs the identifier type of its values.");
        }
        var tlp = spec.Tlp ?? Tlp.Green;
        var confidence = spec.Confidence ?? 50;
        if (confidence is < 0 or > 100)
        {
            throw new InvalidInputException("confidence", "must be between 0 and 100.");
        }
        var interval = spec.IntervalMinutes ?? 60;
        if (interval is < 0 or > 10_080)
        {
            throw new InvalidInputException("intervalMinutes", "must be between 0 (run only when asked) and 10080 (a week).");
        }
        var distribution = spec.Distribution ?? Distribution.Node;
        if (distribution == Distribution.Communities)
        {
            throw new InvalidInputException("distribution", "a feed shares with the organisation, the node or the federation.");
        }
        var now = clock.GetUtcNow();
        var organisationName = $"Feed {name}";
        if (await db.Feeds.AnyAsync(f => f.Name == name, cancellationToken) || await db.Organisations.AnyAsync(o => o.Name == organisationName, cancellationToken))
        {
            throw new ConflictException("A feed with this name exists.");
        }
        var organisation = new Organisation { Id = Guid.CreateVersion7(now), Name = organisationName, Sector = Sector.Other, Country = "ZZ", CreatedAt = now };
        var feed = new Feed
        {
            Id = Guid.CreateVersion7(now),
            Name = name,
            Kind = kind,
            Location = location,
            OrganisationId = organisation.Id,
            Type = spec.Type,
            Tlp = tlp,
            CategoryFlags = CategorySet.ToFlags(spec.Categories is { Count: > 0 } c ? c : [Category.Other]),
            Confidence = confidence,
            Distribution = distribution,
            CollectionId = kind == FeedKind.Taxii ? InputText.Required(spec.CollectionId, "collectionId") : null,
            Username = string.IsNullOrWhiteSpace(spec.Username) ? null : InputText.Required(spec.Username, "username"),
            Secret = string.IsNullOrWhiteSpace(spec.Secret) ? null : InputText.Required(spec.Secret, "secret", 1000),
            IntervalMinutes = interval,
            CreatedAt = now,
        };
        return await audit.WriteAsync(actor, () =>
        {
            db.Organisations.Add(organisation);
            db.Feeds.Add(feed);
            return Task.FromResult(new AuditedChange<Feed>(feed, "feed.create", "feed", [feed.Id, organisation.Id], new
            {
                feed.Name,
                Kind = CordonJson.Name(feed.Kind),
                Location = FeedSource.Redacted(feed.Location),
                Tlp = CordonJson.Name(feed.Tlp),
                Distribution = CordonJson.Name(feed.Distribution),
            }));
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<Feed>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Feeds.AsNoTracking().OrderBy(f => f.Name).ToListAsync(cancellationToken);

    public async Task<Feed> FindAsync(string nameOrId, CancellationToken cancellationToken = default) =>
        (Guid.TryParse(nameOrId, out var id)
            ? await db.Feeds.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken)
            : await db.Feeds.AsNoTracking().SingleOrDefaultAsync(f => f.Name == nameOrId, cancellationToken))
        ?? throw new NotFoundException("feed");
}
