using Cordon.Application.Audit;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Core.Cases;
using Cordon.Core.Errors;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Cases;

/// <summary>What a case list asks for: filters, <c>Mine</c> for the caller's own, a page size and where the last page ended.</summary>
public sealed record CaseQuery(CaseStatus? Status = null, Category? Category = null, string? Country = null, string? Reference = null,
    bool Mine = false, string? After = null, int Limit = 100);

/// <summary>
/// Cases from victim reports: created one by one or imported in bulk, each with its identifiers normalised once; an
/// identifier the organisation has not reported before becomes its indicator under the case's marking.
/// </summary>
public sealed class CaseService(CordonDb db, AuditLog audit, TimeProvider clock, IndicatorWriter writer, CorrelationService correlations,
    ReadLog reads)
{
    public const int MaxIdentifiers = 100;
    public const int MaxImportRows = 10_000;
    private const int ConfidenceOfCaseIndicators = 60;

    /// <summary>A submission checked and normalised, ready to write.</summary>
    private sealed record PreparedCase(CaseSubmission Submission, IReadOnlyList<PreparedIndicator> Identifiers, string Currency, string Country,
        IReadOnlyList<Guid> Communities);

    public async Task<CaseView> CreateAsync(Caller caller, CaseSubmission submission, CancellationToken cancellationToken = default)
    {
        caller.Actor.Demand(Permission.Contribute);
        var submitter = await writer.SubmitterAsync(caller.OrganisationId, cancellationToken);
        var prepared = Prepare(submission, submitter);
        var created = await audit.WriteAsync(caller.Actor, async () =>
        {
            var entity = await WriteAsync(caller.OrganisationId, [prepared], cancellationToken);
            return new AuditedChange<Case>(entity[0], "case.create", "case", [entity[0].Id],
                new { entity[0].Category, Identifiers = prepared.Identifiers.Count });
        }, cancellationToken);
        return await GetAsync(caller, created.Id, cancellationToken);
    }

    /// <summary>Good rows are written together with one audit record; each bad row is reported with its line and reason.</summary>
    public async Task<IReadOnlyList<CaseRowResult>> ImportAsync(Caller caller, IReadOnlyList<(long Line, CaseSubmission? Row, string? Error)> rows,
        string source, CancellationToken cancellationToken = default)
    {
        caller.Actor.Demand(Permission.Contribute);
        if (rows.Count > MaxImportRows)
        {
            throw new InvalidInputException("file", $"an import holds at most {MaxImportRows} cases; split the file.");
        }
        var submitter = await writer.SubmitterAsync(caller.OrganisationId, cancellationToken);
        var results = new List<CaseRowResult>();
        var accepted = new List<(long Line, PreparedCase Case)>();
        foreach (var (line, row, error) in rows)
        {
            if (row is null)
            {
                results.Add(new CaseRowResult(line, CaseRowStatus.Rejected, null, error ?? "cannot be read"));
                continue;
            }
            try
            {
                accepted.Add((line, Prepare(row, submitter)));
            }
            catch (InvalidInputException invalid)
            {
                results.Add(new CaseRowResult(line, CaseRowStatus.Rejected, null, invalid.Message));
            }
        }
        if (accepted.Count > 0)
        {
            await audit.WriteAsync(caller.Actor, async () =>
            {
                var written = await WriteAsync(caller.OrganisationId, accepted.Select(a => a.Case).ToList(), cancellationToken);
                results.AddRange(accepted.Select((a, k) => new CaseRowResult(a.Line, CaseRowStatus.Created, written[k].Id, null)));
                return new AuditedChange<int>(written.Count, "case.import", "case", written.Select(c => c.Id).ToList(),
                    new { Source = source, Created = written.Count, Rejected = results.Count(r => r.Status == CaseRowStatus.Rejected) });
            }, cancellationToken);
        }
        return results.OrderBy(r => r.Line).ToList();
    }

    /// <summary>The newest cases the caller may see, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<Case>> ListAsync(Caller caller, int limit, CancellationToken cancellationToken = default) =>
        (await ListAsync(caller, new CaseQuery(Limit: Math.Clamp(limit, 1, 1000)), cancellationToken)).Cases;

    /// <summary>
    /// The cases the caller may see that match the query, newest first, a page at a time: <c>Next</c> (opaque) gives the
    /// page after, and stays valid whatever is added meanwhile (keyset paging on creation time and id).
    /// </summary>
    public async Task<(IReadOnlyList<Case> Cases, string? Next)> ListAsync(Caller caller, CaseQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Limit is < 1 or > 1000)
        {
            throw new InvalidInputException("limit", "must be between 1 and 1000.");
        }
        var cases = db.Cases.AsNoTracking().VisibleTo(caller.Viewer);
        if (query.Status is { } status)
        {
            cases = cases.Where(c => c.Status == status);
        }
        if (query.Category is { } category)
        {
            cases = cases.Where(c => c.Category == category);
        }
        if (query.Country is { Length: > 0 } given)
        {
            var country = Countries.Normalise(given) ?? throw new InvalidInputException("country", "must be an ISO 3166-1 alpha-2 code.");
            cases = cases.Where(c => c.VictimCountry == country);
        }
        if (query.Reference is { Length: > 0 } asked)
        {
            var reference = InputText.Required(asked, "reference", 200);
            cases = cases.Where(c => c.Reference == reference);
        }
        if (query.Mine)
        {
            var organisation = caller.OrganisationId;
            cases = cases.Where(c => c.OrganisationId == organisation);
        }
        if (query.After is { } after)
        {
            if (!Federation.NextPosition.TryRead(after, out var position))
            {
                throw new InvalidInputException("after", "must be the next value of a previous page.");
            }
            cases = cases.Where(c => c.CreatedAt < position.DateAdded || (c.CreatedAt == position.DateAdded && c.Id.CompareTo(position.Id) < 0));
        }
        var page = await cases.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(query.Limit + 1).ToListAsync(cancellationToken);
        var more = page.Count > query.Limit;
        page = page.Take(query.Limit).ToList();
        reads.Items(caller.Actor, "case", page.Where(c => ReadLog.IsRestricted(c.Tlp, c.Distribution)).Select(c => c.Id));
        return (page, more ? Federation.NextPosition.Write(page[^1].CreatedAt, page[^1].Id) : null);
    }

    public async Task<CaseView> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken = default)
    {
        var viewer = caller.Viewer;
        var found = await db.Cases.AsNoTracking().Include(c => c.Communities).Include(c => c.Identifiers).ThenInclude(i => i.Observable)
                        .VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
                    ?? throw new NotFoundException("case");
        reads.Items(caller.Actor, "case", [found.Id]); // a case's details (its victim, its notes) are always recorded
        var reporter = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == found.OrganisationId, cancellationToken);
        var notes = await db.CaseNotes.AsNoTracking().Where(n => n.CaseId == id).OrderBy(n => n.CreatedAt).ToListAsync(cancellationToken);
        var attachments = await db.CaseAttachments.AsNoTracking().Where(a => a.CaseId == id).OrderBy(a => a.CreatedAt)
            .Select(a => new CaseAttachment
            {
                Id = a.Id,
                CaseId = a.CaseId,
                FileName = a.FileName,
                MediaType = a.MediaType,
                Size = a.Size,
                Sha256 = a.Sha256,
                Content = Array.Empty<byte>(),
                Author = a.Author,
                CreatedAt = a.CreatedAt,
            }).ToListAsync(cancellationToken);
        var linked = await correlations.ForCaseAsync(viewer, found, cancellationToken);
        var isOwner = found.OrganisationId == caller.OrganisationId;
        if (!isOwner)
        {
            // Another organisation's keys and users are never named to a reader: the organisation is, with the display
            // name a user chose.
            var authorIds = notes.Select(n => n.Author).Concat(attachments.Select(a => a.Author)).Distinct().ToList();
            var userIds = authorIds.Select(a => Guid.TryParse(a, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
            var names = await db.Users.AsNoTracking().Where(u => u.OrganisationId == found.OrganisationId && userIds.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id.ToString("D"), u => u.DisplayName, cancellationToken);
            var shown = authorIds.ToDictionary(a => a, a => names.TryGetValue(a, out var name) ? $"{reporter.Name} ({name})" : reporter.Name);
            notes.ForEach(n => n.Author = shown[n.Author]);
            attachments.ForEach(a => a.Author = shown[a.Author]);
        }
        return new CaseView(found, reporter, isOwner, linked, notes, attachments);
    }

    public async Task<Case> SetStatusAsync(Caller caller, Guid id, CaseStatus status, CancellationToken cancellationToken = default)
    {
        var found = await OwnedAsync(caller, id, cancellationToken);
        return await audit.WriteAsync(caller.Actor, () =>
        {
            var previous = found.Status;
            found.Status = status;
            found.UpdatedAt = clock.GetUtcNow();
            return Task.FromResult(new AuditedChange<Case>(found, "case.status", "case", [found.Id], new { From = previous, To = status }));
        }, cancellationToken);
    }

    public async Task<CaseNote> AddNoteAsync(Caller caller, Guid id, string? text, CancellationToken cancellationToken = default)
    {
        var found = await OwnedAsync(caller, id, cancellationToken);
        var body = InputText.Multiline(text, "text", 4000);
        return await audit.WriteAsync(caller.Actor, () =>
        {
            var note = new CaseNote
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                CaseId = found.Id,
                OrganisationId = caller.OrganisationId,
                Author = caller.Actor.ActorId,
                Text = body,
                CreatedAt = clock.GetUtcNow(),
            };
            db.CaseNotes.Add(note);
            return Task.FromResult(new AuditedChange<CaseNote>(note, "case.note", "case", [found.Id], new { NoteId = note.Id }));
        }, cancellationToken);
    }

    public async Task<CaseAttachment> AttachAsync(Caller caller, Guid id, string? fileName, string? mediaType, byte[] content,
        CancellationToken cancellationToken = default)
    {
        var found = await OwnedAsync(caller, id, cancellationToken);
        var file = AttachedFile.Check(fileName, mediaType, content);
        return await audit.WriteAsync(caller.Actor, () =>
        {
            var attachment = new CaseAttachment
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                CaseId = found.Id,
                FileName = file.FileName,
                MediaType = file.MediaType,
                Size = content.Length,
                Sha256 = file.Sha256,
                Content = content,
                Author = caller.Actor.ActorId,
                CreatedAt = clock.GetUtcNow(),
            };
            db.CaseAttachments.Add(attachment);
            // The hash goes into the audit chain, so that the file's integrity rests on the chain, not on the row alone.
            return Task.FromResult(new AuditedChange<CaseAttachment>(attachment, "case.attach", "case", [found.Id],
                new { AttachmentId = attachment.Id, attachment.Sha256, attachment.Size }));
        }, cancellationToken);
    }

    public async Task<CaseAttachment> AttachmentAsync(Caller caller, Guid caseId, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        var viewer = caller.Viewer;
        var attachment = await db.CaseAttachments.AsNoTracking()
                             .Where(a => a.Id == attachmentId && a.CaseId == caseId && db.Cases.VisibleTo(viewer).Any(c => c.Id == caseId))
                             .SingleOrDefaultAsync(cancellationToken)
                         ?? throw new NotFoundException("attachment");
        reads.Items(caller.Actor, "attachment", [attachment.Id]);
        return attachment;
    }

    private PreparedCase Prepare(CaseSubmission submission, Submitter submitter)
    {
        var category = submission.Category ?? throw new InvalidInputException("category", "is required.");
        var amount = submission.Loss?.Amount ?? throw new InvalidInputException("loss.amount", "is required (0 when nothing was lost).");
        if (amount is < 0 or > 1_000_000_000_000m || decimal.Round(amount, 4) != amount)
        {
            throw new InvalidInputException("loss.amount", "must be between 0 and 10¹² with at most 4 decimals.");
        }
        var currency = Currencies.Normalise(submission.Loss.Currency, "loss.currency");
        var country = Countries.Normalise(submission.VictimCountry)
                      ?? throw new InvalidInputException("victimCountry", "must be an ISO 3166-1 alpha-2 code.");
        var occurred = submission.OccurredAt ?? throw new InvalidInputException("occurredAt", "is required.");
        if (occurred > clock.GetUtcNow().AddDays(1))
        {
            throw new InvalidInputException("occurredAt", "must not be in the future.");
        }
        var identifiers = submission.Identifiers ?? [];
        if (identifiers.Count > MaxIdentifiers)
        {
            throw new InvalidInputException("identifiers", $"a case names at most {MaxIdentifiers} identifiers.");
        }
        var communities = IndicatorWriter.CheckMarking(submission.Tlp, submission.Distribution, submission.Communities, submitter);
        _ = submission.Reference is null ? null : InputText.Required(submission.Reference, "reference", 200);
        _ = submission.Summary is null ? null : InputText.Multiline(submission.Summary, "summary", 4000);
        var prepared = new List<PreparedIndicator>();
        for (var k = 0; k < identifiers.Count; k++)
        {
            if (identifiers[k] is null)
            {
                throw new InvalidInputException($"identifiers[{k}]", "must be an object with a type and a value, not null.");
            }
            // The indicator rules (marking, communities) are the case's; a refusal names the identifier.
            var indicator = new IndicatorSubmission(identifiers[k].Type, identifiers[k].Value, [category], ConfidenceOfCaseIndicators, submission.Tlp,
                submission.Distribution, submission.Communities, null);
            try
            {
                prepared.Add(writer.Prepare(k, indicator, submitter));
            }
            catch (InvalidInputException invalid) when (invalid.Field is "type" or "value")
            {
                throw new InvalidInputException($"identifiers[{k}].{invalid.Field}", invalid.Reason);
            }
        }
        return new PreparedCase(submission, prepared, currency, country, communities);
    }

    /// <summary>In the caller's transaction: new identifiers become the organisation's indicators, then the cases and their links.</summary>
    private async Task<List<Case>> WriteAsync(Guid organisationId, IReadOnlyList<PreparedCase> prepared, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var all = prepared.SelectMany(p => p.Identifiers).ToList();
        var values = all.Select(p => p.Identifier.Value).Distinct().ToList();
        var alreadyReported = (await db.Indicators.Where(i => i.OrganisationId == organisationId && values.Contains(i.Observable.Value))
                .Select(i => new { i.Observable.Type, i.Observable.Value }).ToListAsync(cancellationToken))
            .Select(o => (o.Type, o.Value)).ToHashSet();
        var fresh = all.Where(p => !alreadyReported.Contains((p.Identifier.Type, p.Identifier.Value)))
            .DistinctBy(p => (p.Identifier.Type, p.Identifier.Value)).ToList();
        await writer.ApplyAsync(organisationId, fresh, (_, _, _) => { }, cancellationToken);
        var observables = (await db.Observables.Where(o => values.Contains(o.Value)).ToListAsync(cancellationToken))
            .Concat(db.Observables.Local).DistinctBy(o => o.Id).ToDictionary(o => (o.Type, o.Value));
        var cases = new List<Case>();
        foreach (var item in prepared)
        {
            var submission = item.Submission;
            var entity = new Case
            {
                Id = Guid.CreateVersion7(now),
                OrganisationId = organisationId,
                Category = submission.Category!.Value,
                LossAmount = submission.Loss!.Amount!.Value,
                LossCurrency = item.Currency,
                VictimCountry = item.Country,
                OccurredAt = submission.OccurredAt!.Value,
                Reference = submission.Reference?.Trim(),
                Summary = submission.Summary?.Trim(),
                Status = submission.Status ?? CaseStatus.Open,
                Tlp = submission.Tlp!.Value,
                Distribution = submission.Distribution!.Value,
                CreatedAt = now,
                UpdatedAt = now,
            };
            entity.Communities = item.Communities.Select(c => new CaseCommunity { CaseId = entity.Id, CommunityId = c }).ToList();
            entity.Identifiers = item.Identifiers.Select(p => observables[(p.Identifier.Type, p.Identifier.Value)].Id).Distinct()
                .Select(o => new CaseIdentifier { CaseId = entity.Id, ObservableId = o, Sequence = audit.PendingSequence, CreatedAt = now }).ToList();
            db.Cases.Add(entity);
            cases.Add(entity);
        }
        return cases;
    }

    private async Task<Case> OwnedAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        caller.Actor.Demand(Permission.Contribute);
        var found = await db.Cases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (found is null)
        {
            throw new NotFoundException("case");
        }
        if (found.OrganisationId != caller.OrganisationId)
        {
            var viewer = caller.Viewer;
            // A case the caller cannot see does not exist for it; one it can see belongs to another member.
            throw await db.Cases.VisibleTo(viewer).AnyAsync(c => c.Id == id, cancellationToken)
                ? new ForbiddenException("Only the reporting organisation changes a case.")
                : new NotFoundException("case");
        }
        return found;
    }
}
