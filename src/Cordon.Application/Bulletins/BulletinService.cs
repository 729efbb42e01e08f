using Cordon.Application.Audit;
using Cordon.Application.Cases;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Application.Response;
using Cordon.Core.Errors;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Bulletins;

/// <summary>A bulletin as submitted (API body, CLI options).</summary>
public sealed record BulletinInput(
    string? Language,
    string? Title,
    string? Summary,
    string? Body,
    string? Actions,
    Severity? Severity,
    IReadOnlyList<Category>? Categories,
    IReadOnlyList<string>? Countries,
    IReadOnlyList<Sector>? Sectors,
    Tlp? Tlp,
    Distribution? Distribution,
    IReadOnlyList<Guid>? Communities,
    IReadOnlyList<Guid>? Indicators,
    IReadOnlyList<Guid>? Cases,
    bool? PublicAdvice = null);

public sealed record TranslationInput(string? Language, string? Title, string? Summary, string? Body, string? Actions);

/// <summary>A bulletin as the caller sees it: whether its organisation has read or acted on it.</summary>
public sealed record BulletinView(Bulletin Bulletin, Organisation Author, IReadOnlyList<AcknowledgementKind> Acknowledged,
    IReadOnlyList<BulletinAttachment> Attachments);

/// <summary>
/// Bulletins: published by a member under a marking, translated by any member who may see them, acknowledged by the
/// recipients (read, acted), seen by the author with who acknowledged when. Publication reaches every organisation
/// the marking lets see it on the event stream and webhooks (<c>bulletin.published</c>).
/// </summary>
public sealed class BulletinService(CordonDb db, AuditLog audit, Notifications notifications, CallerDirectory callers, ReadLog reads,
    TimeProvider clock)
{
    public const int MaxLinks = 200;
    public const int MaxAttachments = 20;

    public async Task<BulletinView> PublishAsync(Caller caller, BulletinInput input, CancellationToken cancellationToken = default)
    {
        caller.Actor.Demand(Permission.Contribute);
        var text = Text(new TranslationInput(input.Language, input.Title, input.Summary, input.Body, input.Actions));
        var tlp = InputText.Required(input.Tlp, "tlp");
        var distribution = InputText.Required(input.Distribution, "distribution");
        var communities = (input.Communities ?? []).Distinct().ToList();
        if (distribution == Distribution.Communities
            && (communities.Count == 0 || communities.Any(c => !caller.Viewer.CommunityIds.Contains(c))))
        {
            throw new InvalidInputException("communities", "must name one or more communities your organisation belongs to.");
        }
        var countries = (input.Countries ?? []).Select(c => Countries.Normalise(c) ?? throw new InvalidInputException("countries",
            $"'{c}' is not an ISO 3166-1 alpha-2 code.")).Distinct().ToList();
        if (input.PublicAdvice == true && !AccessPolicy.IsPublic(tlp, distribution))
        {
            throw new InvalidInputException("publicAdvice", "only a TLP:CLEAR bulletin for the whole node (or the federation) may be public advice.");
        }
        var indicatorIds = (input.Indicators ?? []).Distinct().ToList();
        var caseIds = (input.Cases ?? []).Distinct().ToList();
        if (indicatorIds.Count + caseIds.Count > MaxLinks)
        {
            throw new InvalidInputException("indicators", $"a bulletin links at most {MaxLinks} indicators and cases.");
        }
        var visibleIndicators = await db.Indicators.AsNoTracking().VisibleTo(caller.Viewer).Where(i => indicatorIds.Contains(i.Id)).CountAsync(cancellationToken);
        var visibleCases = await db.Cases.AsNoTracking().VisibleTo(caller.Viewer).Where(c => caseIds.Contains(c.Id)).CountAsync(cancellationToken);
        if (visibleIndicators != indicatorIds.Count || visibleCases != caseIds.Count)
        {
            throw new InvalidInputException(visibleIndicators != indicatorIds.Count ? "indicators" : "cases", "must name items your organisation may see.");
        }
        var now = clock.GetUtcNow();
        var bulletin = new Bulletin
        {
            Id = Guid.CreateVersion7(now),
            OrganisationId = caller.OrganisationId,
            Author = caller.Actor.ActorId,
            Severity = InputText.Required(input.Severity, "severity"),
            CategoryFlags = CategorySet.ToFlags(input.Categories is { Count: > 0 } categories ? categories
                : throw new InvalidInputException("categories", "name at least one.")),
            Countries = string.Join(' ', countries),
            Sectors = string.Join(' ', (input.Sectors ?? []).Distinct().Select(Core.Text.CordonJson.Name)),
            Tlp = tlp,
            Distribution = distribution,
            PublicAdvice = input.PublicAdvice == true,
            Communities = communities.Select(c => new BulletinCommunity { CommunityId = c }).ToList(),
            Links = [.. indicatorIds.Select(id => new BulletinLink { ItemType = "indicator", ItemId = id }),
                .. caseIds.Select(id => new BulletinLink { ItemType = "case", ItemId = id })],
            PublishedAt = now,
        };
        text.AddedByOrganisation = caller.OrganisationId;
        text.AddedAt = now;
        bulletin.Texts.Add(text);
        var recipients = await RecipientsAsync(bulletin, cancellationToken);
        await audit.WriteAsync(caller.Actor, async () =>
        {
            bulletin.DateAdded = await audit.NextDateAddedAsync(cancellationToken);
            db.Bulletins.Add(bulletin);
            await notifications.EnqueueAsync(recipients, "bulletin.published", new
            {
                bulletin.Id,
                text.Language,
                text.Title,
                text.Summary,
                Severity = bulletin.Severity,
                bulletin.Tlp,
                bulletin.PublishedAt,
            }, cancellationToken);
            return new AuditedChange<Guid>(bulletin.Id, "bulletin.publish", "bulletin", [bulletin.Id],
                new { text.Title, bulletin.Severity, bulletin.Tlp, bulletin.Distribution, Recipients = recipients.Count });
        }, cancellationToken);
        return await GetAsync(caller, bulletin.Id, cancellationToken);
    }

    /// <summary>
    /// A bulletin a peer sent (inside the peer sync's transaction): stored or brought up to date under its author, linked to
    /// the indicators this node holds, and announced to every member its marking lets see it when new. Answers what was
    /// done; a refusal is an <see cref="Core.Stix.InvalidStixException"/>.
    /// </summary>
    public async Task<string> ReceiveAsync(BulletinReading reading, Guid owner, string peer, CancellationToken cancellationToken)
    {
        var candidates = Core.Stix.StixIds.CordonIdsOf(reading.Bulletin.Id);
        var existing = await db.Bulletins.Include(b => b.Texts).Include(b => b.Links).SingleOrDefaultAsync(b => candidates.Contains(b.Id), cancellationToken);
        if (existing is { OriginNode: null })
        {
            return "this node's own bulletin, already held";
        }
        if (existing is not null && existing.OrganisationId != owner)
        {
            throw new Core.Stix.InvalidStixException("the id belongs to another organisation's bulletin.");
        }
        var indicatorIds = reading.Indicators.SelectMany(Core.Stix.StixIds.CordonIdsOf).ToList();
        var held = await db.Indicators.AsNoTracking().Where(i => indicatorIds.Contains(i.Id)).Select(i => i.Id).ToListAsync(cancellationToken);
        var bulletin = existing ?? reading.Bulletin;
        if (existing is not null && Same(existing, reading.Bulletin, held))
        {
            return "already held (same or newer version)";
        }
        if (existing is not null)
        {
            existing.Severity = reading.Bulletin.Severity;
            existing.CategoryFlags = reading.Bulletin.CategoryFlags;
            existing.Countries = reading.Bulletin.Countries;
            existing.Sectors = reading.Bulletin.Sectors;
            existing.Tlp = reading.Bulletin.Tlp;
            db.RemoveRange(existing.Texts.Where(t => reading.Bulletin.Texts.All(r => r.Language != t.Language)));
            foreach (var text in reading.Bulletin.Texts)
            {
                if (existing.Texts.SingleOrDefault(t => t.Language == text.Language) is { } same)
                {
                    (same.Title, same.Summary, same.Body, same.Actions) = (text.Title, text.Summary, text.Body, text.Actions);
                }
                else
                {
                    text.BulletinId = existing.Id;
                    existing.Texts.Add(text);
                }
            }
            db.RemoveRange(existing.Links);
        }
        bulletin.OrganisationId = owner;
        bulletin.OriginNode = peer;
        bulletin.Links = held.Select(id => new BulletinLink { BulletinId = bulletin.Id, ItemType = "indicator", ItemId = id }).ToList();
        bulletin.DateAdded = await audit.NextDateAddedAsync(cancellationToken);
        if (existing is not null)
        {
            return "updated to the newer version";
        }
        db.Bulletins.Add(bulletin);
        var text0 = bulletin.Texts.OrderBy(t => t.AddedAt).First();
        await notifications.EnqueueAsync(await RecipientsAsync(bulletin, cancellationToken), "bulletin.published", new
        {
            bulletin.Id,
            text0.Language,
            text0.Title,
            text0.Summary,
            Severity = bulletin.Severity,
            bulletin.Tlp,
            bulletin.PublishedAt,
        }, cancellationToken);
        return "created";
    }

    private static bool Same(Bulletin held, Bulletin received, IReadOnlyList<Guid> links) =>
        held.Severity == received.Severity && held.CategoryFlags == received.CategoryFlags && held.Countries == received.Countries
        && held.Sectors == received.Sectors && held.Tlp == received.Tlp
        && held.Links.Select(l => l.ItemId).ToHashSet().SetEquals(links)
        && held.Texts.Count == received.Texts.Count
        && received.Texts.All(r => held.Texts.Any(t => t.Language == r.Language && t.Title == r.Title && t.Summary == r.Summary && t.Body == r.Body
                                                      && t.Actions == r.Actions));

    /// <summary>The newest bulletins marked public advice (CLEAR, for the whole node or beyond), with every text: for the public check page.</summary>
    public async Task<IReadOnlyList<Bulletin>> PublicAdviceAsync(int limit, CancellationToken cancellationToken = default) =>
        await db.Bulletins.AsNoTracking().Include(b => b.Texts)
            .Where(b => b.PublicAdvice && b.Tlp == Tlp.Clear && (b.Distribution == Distribution.Node || b.Distribution == Distribution.Federation))
            .OrderByDescending(b => b.PublishedAt).Take(limit).AsSplitQuery().ToListAsync(cancellationToken);

    /// <summary>Every member organisation of this node the bulletin's marking lets see it (peers receive it by federation).</summary>
    private async Task<List<Guid>> RecipientsAsync(Bulletin bulletin, CancellationToken cancellationToken)
    {
        var peerOrganisations = await db.Peers.AsNoTracking().Select(p => p.OrganisationId).ToListAsync(cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().Where(o => !peerOrganisations.Contains(o.Id) && o.HomeNode == null).Select(o => o.Id)
            .ToListAsync(cancellationToken);
        var marking = new Marking(bulletin.OrganisationId, bulletin.Tlp, bulletin.Distribution, bulletin.Communities.Select(c => c.CommunityId).ToList(),
            CategoryFlags: bulletin.CategoryFlags);
        var recipients = new List<Guid>();
        foreach (var organisation in organisations)
        {
            if (AccessPolicy.CanSee(await callers.ViewerAsync(organisation, cancellationToken), marking))
            {
                recipients.Add(organisation);
            }
        }
        return recipients;
    }

    public async Task<BulletinView> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken = default)
    {
        var bulletin = await db.Bulletins.AsNoTracking().Include(b => b.Texts).Include(b => b.Links).Include(b => b.Communities)
                           .VisibleTo(caller.Viewer).AsSplitQuery().SingleOrDefaultAsync(b => b.Id == id, cancellationToken)
                       ?? throw new NotFoundException("bulletin");
        if (ReadLog.IsRestricted(bulletin.Tlp, bulletin.Distribution))
        {
            reads.Items(caller.Actor, "bulletin", [bulletin.Id]);
        }
        await KeepVisibleLinksAsync(caller, [bulletin], cancellationToken);
        var author = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == bulletin.OrganisationId, cancellationToken);
        var acknowledged = await db.BulletinAcknowledgements.AsNoTracking().Where(a => a.BulletinId == id && a.OrganisationId == caller.OrganisationId)
            .Select(a => a.Kind).ToListAsync(cancellationToken);
        var attachments = await db.BulletinAttachments.AsNoTracking().Where(a => a.BulletinId == id).OrderBy(a => a.CreatedAt)
            .Select(a => new BulletinAttachment
            {
                Id = a.Id,
                BulletinId = a.BulletinId,
                FileName = a.FileName,
                MediaType = a.MediaType,
                Size = a.Size,
                Sha256 = a.Sha256,
                Content = Array.Empty<byte>(),
                Author = a.Author,
                CreatedAt = a.CreatedAt,
            }).ToListAsync(cancellationToken);
        return new BulletinView(bulletin, author, acknowledged, attachments);
    }

    /// <summary>Only the links the caller may see itself: a bulletin never opens an indicator or case to its readers.</summary>
    private async Task KeepVisibleLinksAsync(Caller caller, IReadOnlyList<Bulletin> bulletins, CancellationToken cancellationToken)
    {
        var links = bulletins.SelectMany(b => b.Links).ToList();
        var linkedIndicators = links.Where(l => l.ItemType == "indicator").Select(l => l.ItemId).Distinct().ToList();
        var linkedCases = links.Where(l => l.ItemType == "case").Select(l => l.ItemId).Distinct().ToList();
        var seen = (await db.Indicators.AsNoTracking().VisibleTo(caller.Viewer).Where(i => linkedIndicators.Contains(i.Id)).Select(i => i.Id)
                .ToListAsync(cancellationToken))
            .Concat(await db.Cases.AsNoTracking().VisibleTo(caller.Viewer).Where(c => linkedCases.Contains(c.Id)).Select(c => c.Id)
                .ToListAsync(cancellationToken))
            .ToHashSet();
        foreach (var bulletin in bulletins)
        {
            bulletin.Links = bulletin.Links.Where(l => seen.Contains(l.ItemId)).ToList();
        }
    }

    /// <summary>The newest bulletins the caller may see; <paramref name="unread"/> keeps those its organisation has not acknowledged.</summary>
    public async Task<IReadOnlyList<BulletinView>> ListAsync(Caller caller, bool unread, int limit, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > 500)
        {
            throw new InvalidInputException("limit", "must be between 1 and 500.");
        }
        var organisation = caller.OrganisationId;
        var query = db.Bulletins.AsNoTracking().Include(b => b.Texts).Include(b => b.Links).VisibleTo(caller.Viewer);
        if (unread)
        {
            query = query.Where(b => b.OrganisationId != organisation
                                     && !db.BulletinAcknowledgements.Any(a => a.BulletinId == b.Id && a.OrganisationId == organisation));
        }
        var bulletins = await query.OrderByDescending(b => b.PublishedAt).Take(limit).AsSplitQuery().ToListAsync(cancellationToken);
        await KeepVisibleLinksAsync(caller, bulletins, cancellationToken);
        var ids = bulletins.Select(b => b.Id).ToList();
        var authorIds = bulletins.Select(b => b.OrganisationId).Distinct().ToList();
        var authors = await db.Organisations.AsNoTracking().Where(o => authorIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var acknowledged = (await db.BulletinAcknowledgements.AsNoTracking().Where(a => ids.Contains(a.BulletinId) && a.OrganisationId == organisation)
            .ToListAsync(cancellationToken)).ToLookup(a => a.BulletinId, a => a.Kind);
        reads.Items(caller.Actor, "bulletin", bulletins.Where(b => ReadLog.IsRestricted(b.Tlp, b.Distribution)).Select(b => b.Id));
        return bulletins.Select(b => new BulletinView(b, authors[b.OrganisationId], acknowledged[b.Id].ToList(), [])).ToList();
    }

    /// <summary>How many bulletins the caller's organisation has not acknowledged (the console's badge: a count, not a read).</summary>
    public async Task<int> UnreadCountAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        var organisation = caller.OrganisationId;
        return await db.Bulletins.AsNoTracking().VisibleTo(caller.Viewer)
            .CountAsync(b => b.OrganisationId != organisation
                             && !db.BulletinAcknowledgements.Any(a => a.BulletinId == b.Id && a.OrganisationId == organisation), cancellationToken);
    }

    /// <summary>Adds or replaces the bulletin's text in one language; any member who may see it and contributes may translate.</summary>
    public async Task<BulletinView> TranslateAsync(Caller caller, Guid id, TranslationInput input, CancellationToken cancellationToken = default)
    {
        caller.Actor.Demand(Permission.Contribute);
        var view = await GetAsync(caller, id, cancellationToken);
        var text = Text(input);
        var existing = view.Bulletin.Texts.FirstOrDefault(t => t.Language == text.Language);
        if (existing is not null && existing.AddedByOrganisation != caller.OrganisationId && view.Bulletin.OrganisationId != caller.OrganisationId)
        {
            throw new ConflictException($"The {text.Language} text was written by another organisation; only it or the author may replace it.");
        }
        text.BulletinId = id;
        text.AddedByOrganisation = caller.OrganisationId;
        text.AddedAt = clock.GetUtcNow();
        await audit.WriteAsync(caller.Actor, async () =>
        {
            await db.Set<BulletinText>().Where(t => t.BulletinId == id && t.Language == text.Language).ExecuteDeleteAsync(cancellationToken);
            db.Add(text);
            var dateAdded = await audit.NextDateAddedAsync(cancellationToken);
            await db.Bulletins.Where(b => b.Id == id).ExecuteUpdateAsync(set => set.SetProperty(b => b.DateAdded, dateAdded), cancellationToken);
            return new AuditedChange<bool>(true, "bulletin.translate", "bulletin", [id], new { text.Language, text.Title });
        }, cancellationToken);
        return await GetAsync(caller, id, cancellationToken);
    }

    public async Task AcknowledgeAsync(Caller caller, Guid id, AcknowledgementKind? kind, string? note, CancellationToken cancellationToken = default)
    {
        caller.Actor.Demand(Permission.Read);
        var acknowledged = InputText.Required(kind, "kind");
        var text = string.IsNullOrWhiteSpace(note) ? null : InputText.Multiline(note, "note", 2000);
        _ = await GetAsync(caller, id, cancellationToken);
        await audit.WriteAsync(caller.Actor, async () =>
        {
            await db.BulletinAcknowledgements.Where(a => a.BulletinId == id && a.OrganisationId == caller.OrganisationId && a.Kind == acknowledged)
                .ExecuteDeleteAsync(cancellationToken);
            db.BulletinAcknowledgements.Add(new BulletinAcknowledgement
            {
                BulletinId = id,
                OrganisationId = caller.OrganisationId,
                Kind = acknowledged,
                Note = text,
                By = caller.Actor.ActorId,
                At = clock.GetUtcNow(),
            });
            return new AuditedChange<bool>(true, "bulletin.acknowledge", "bulletin", [id], new { Kind = acknowledged });
        }, cancellationToken);
    }

    /// <summary>A file for the bulletin (a screenshot of a scam app…), added by its author's organisation, hashed into the audit record.</summary>
    public async Task<BulletinAttachment> AttachAsync(Caller caller, Guid id, string? fileName, string? mediaType, byte[] content,
        CancellationToken cancellationToken = default)
    {
        caller.Actor.Demand(Permission.Contribute);
        var view = await GetAsync(caller, id, cancellationToken);
        if (view.Bulletin.OrganisationId != caller.OrganisationId || view.Bulletin.OriginNode is not null)
        {
            throw new ForbiddenException("Only the bulletin's author adds files to it.");
        }
        var file = AttachedFile.Check(fileName, mediaType, content);
        if (await db.BulletinAttachments.CountAsync(a => a.BulletinId == id, cancellationToken) >= MaxAttachments)
        {
            throw new InvalidInputException("file", $"a bulletin has at most {MaxAttachments} files.");
        }
        return await audit.WriteAsync(caller.Actor, () =>
        {
            var attachment = new BulletinAttachment
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                BulletinId = id,
                FileName = file.FileName,
                MediaType = file.MediaType,
                Size = content.Length,
                Sha256 = file.Sha256,
                Content = content,
                Author = caller.Actor.ActorId,
                CreatedAt = clock.GetUtcNow(),
            };
            db.BulletinAttachments.Add(attachment);
            return Task.FromResult(new AuditedChange<BulletinAttachment>(attachment, "bulletin.attach", "bulletin", [id],
                new { AttachmentId = attachment.Id, attachment.Sha256, attachment.Size }));
        }, cancellationToken);
    }

    /// <summary>One of a bulletin's files, for whoever may see the bulletin.</summary>
    public async Task<BulletinAttachment> AttachmentAsync(Caller caller, Guid id, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        var viewer = caller.Viewer;
        var attachment = await db.BulletinAttachments.AsNoTracking()
                             .Where(a => a.Id == attachmentId && a.BulletinId == id && db.Bulletins.VisibleTo(viewer).Any(b => b.Id == id))
                             .SingleOrDefaultAsync(cancellationToken)
                         ?? throw new NotFoundException("attachment");
        reads.Items(caller.Actor, "attachment", [attachment.Id]);
        return attachment;
    }

    /// <summary>Who acknowledged the bulletin and when: for its author's organisation only.</summary>
    public async Task<IReadOnlyList<(BulletinAcknowledgement Acknowledgement, string Organisation)>> AcknowledgementsAsync(Caller caller, Guid id,
        CancellationToken cancellationToken = default)
    {
        var view = await GetAsync(caller, id, cancellationToken);
        if (view.Bulletin.OrganisationId != caller.OrganisationId)
        {
            throw new NotFoundException("bulletin");
        }
        return await db.BulletinAcknowledgements.AsNoTracking().Where(a => a.BulletinId == id)
            .Join(db.Organisations, a => a.OrganisationId, o => o.Id, (a, o) => new { a, o.Name }).OrderBy(x => x.a.At)
            .Select(x => ValueTuple.Create(x.a, x.Name)).ToListAsync(cancellationToken);
    }

    private static BulletinText Text(TranslationInput input)
    {
        var language = InputText.Required(input.Language, "language", 16);
        if (!System.Text.RegularExpressions.Regex.IsMatch(language, "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"))
        {
            throw new InvalidInputException("language", "must be a language tag such as en or zh-Hans.");
        }
        return new BulletinText
        {
            Language = language,
            Title = InputText.Required(input.Title, "title", 200),
            Summary = InputText.Multiline(input.Summary, "summary", 1000),
            Body = InputText.Multiline(input.Body, "body", 20000),
            Actions = string.IsNullOrWhiteSpace(input.Actions) ? null : InputText.Multiline(input.Actions, "actions", 4000),
        };
    }
}
