using Cordon.Application.Audit;
using Cordon.Application.Data;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Indicators;

/// <summary>Submitting, reading, searching and maintaining indicators, always through the access policy.</summary>
public sealed class IndicatorService(CordonDb db, AuditLog audit, TimeProvider clock, IdentifierNormalisation normalisation, IndicatorWriter writer,
    ReadLog reads)
{
    public const int MaxBatch = 10_000;

    /// <summary>
    /// Normalises and stores a batch: good items are committed together with one audit record, bad ones are reported
    /// per item. An observable another organisation already reported gains a report; the same organisation's repeat
    /// updates its report.
    /// </summary>
    public async Task<IReadOnlyList<SubmissionResult>> SubmitAsync(Caller caller, IReadOnlyList<IndicatorSubmission> items, string source,
        CancellationToken cancellationToken = default)
    {
        caller.Actor.Demand(Permission.Contribute);
        if (items.Count > MaxBatch)
        {
            throw new InvalidInputException("items", $"a batch holds at most {MaxBatch} items.");
        }
        var submitter = await writer.SubmitterAsync(caller.OrganisationId, cancellationToken);
        var results = new SubmissionResult[items.Count];
        var accepted = new List<PreparedIndicator>();
        for (var index = 0; index < items.Count; index++)
        {
            try
            {
                accepted.Add(writer.Prepare(index, items[index], submitter));
            }
            catch (InvalidInputException invalid)
            {
                results[index] = new SubmissionResult(index, SubmissionStatus.Rejected, null, invalid.Message);
            }
        }
        if (accepted.Count == 0)
        {
            return results;
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await audit.WriteAsync(caller.Actor, async () =>
                {
                    await writer.ApplyAsync(caller.OrganisationId, accepted,
                        (item, status, id) => results[item.Index] = new SubmissionResult(item.Index, status, id, null), cancellationToken);
                    var ids = results.Where(r => r.Id is not null).Select(r => r.Id!.Value).Distinct().ToList();
                    return new AuditedChange<IReadOnlyList<SubmissionResult>>(results, "indicator.submit", "indicator", ids, new
                    {
                        Source = source,
                        Created = results.Count(r => r.Status == SubmissionStatus.Created),
                        Updated = results.Count(r => r.Status == SubmissionStatus.Updated),
                        Rejected = results.Count(r => r.Status == SubmissionStatus.Rejected),
                    });
                }, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another member created one of the same observables at the same moment: start again from the store.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>One indicator and the network view around it, or not found when the caller may not see it.</summary>
    public async Task<IndicatorView> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken = default)
    {
        var viewer = caller.Viewer;
        var indicator = await db.Indicators.AsNoTracking().Include(i => i.Observable).Include(i => i.Communities)
                            .VisibleTo(viewer).SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
                        ?? throw new NotFoundException("indicator");
        var reporter = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == indicator.OrganisationId, cancellationToken);
        var isOwner = indicator.OrganisationId == caller.OrganisationId;
        var sightings = isOwner
            ? await db.Sightings.AsNoTracking().Where(s => s.IndicatorId == id).OrderByDescending(s => s.SeenAt).Take(100).ToListAsync(cancellationToken)
            : [];
        var falsePositives = isOwner
            ? await db.FalsePositiveReports.AsNoTracking().Where(f => f.IndicatorId == id).OrderByDescending(f => f.CreatedAt).Take(100)
                .ToListAsync(cancellationToken)
            : [];
        if (ReadLog.IsRestricted(indicator.Tlp, indicator.Distribution))
        {
            reads.Items(caller.Actor, "indicator", [indicator.Id]);
        }
        return new IndicatorView(indicator, reporter, await NetworkAsync(viewer, indicator.ObservableId, cancellationToken), isOwner,
            sightings, falsePositives);
    }

    private async Task<NetworkView> NetworkAsync(Viewer viewer, Guid observableId, CancellationToken cancellationToken)
    {
        var visible = db.Indicators.AsNoTracking().VisibleTo(viewer).Where(i => i.ObservableId == observableId && i.RevokedAt == null);
        var reporters = await visible.Join(db.Organisations, i => i.OrganisationId, o => o.Id, (i, o) => new { o.Id, o.Country })
            .ToListAsync(cancellationToken);
        var visibleIds = visible.Select(i => i.Id);
        var sightings = await db.Sightings.Where(s => visibleIds.Contains(s.IndicatorId)).SumAsync(s => (int?)s.Count, cancellationToken) ?? 0;
        var falsePositives = await db.FalsePositiveReports.CountAsync(f => visibleIds.Contains(f.IndicatorId), cancellationToken);
        return new NetworkView(reporters.Count, reporters.Select(r => r.Id).Distinct().Count(),
            reporters.Select(r => r.Country).Distinct().Order(StringComparer.Ordinal).ToList(), sightings, falsePositives);
    }

    public async Task<IndicatorPage> SearchAsync(Caller caller, IndicatorQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Limit is < 1 or > 500)
        {
            throw new InvalidInputException("limit", "must be between 1 and 500.");
        }
        var viewer = caller.Viewer;
        var indicators = db.Indicators.AsNoTracking().Include(i => i.Observable).Include(i => i.Communities).VisibleTo(viewer);
        if (query.Type is { } type)
        {
            indicators = indicators.Where(i => i.Observable.Type == type);
        }
        if (!string.IsNullOrWhiteSpace(query.Value))
        {
            var searchType = query.Type ?? throw new InvalidInputException("type", "is required when searching by value.");
            var country = await db.Organisations.Where(o => o.Id == caller.OrganisationId).Select(o => o.Country).SingleAsync(cancellationToken);
            var value = IdentifierNormaliser.Normalise(searchType, query.Value, normalisation.For(country)).Value;
            var ranges = await RangesHoldingAsync(searchType, value, cancellationToken);
            indicators = indicators.Where(i => i.Observable.Value == value || ranges.Contains(i.ObservableId));
        }
        if (query.Category is { } category)
        {
            var flag = CategorySet.Flag(category);
            indicators = indicators.Where(i => (i.CategoryFlags & flag) != 0);
        }
        if (query.OrganisationId is { } organisationId)
        {
            indicators = indicators.Where(i => i.OrganisationId == organisationId);
        }
        if (query.Country is not null)
        {
            var country = Countries.Normalise(query.Country) ?? throw new InvalidInputException("country", "must be an ISO 3166-1 alpha-2 code.");
            indicators = indicators.Where(i => db.Organisations.Any(o => o.Id == i.OrganisationId && o.Country == country));
        }
        if (query.SeenSince is { } since)
        {
            indicators = indicators.Where(i => i.LastSeen >= since);
        }
        if (!query.IncludeRevoked)
        {
            indicators = indicators.Where(i => i.RevokedAt == null);
        }
        if (query.Cursor is not null)
        {
            var after = SearchCursor.Decode(query.Cursor);
            indicators = indicators.Where(i => i.CreatedAt < after.CreatedAt || (i.CreatedAt == after.CreatedAt && i.Id.CompareTo(after.Id) < 0));
        }
        var page = await indicators.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(query.Limit + 1)
            .ToListAsync(cancellationToken);
        var more = page.Count > query.Limit;
        page = page.Take(query.Limit).ToList();
        var reporterIds = page.Select(i => i.OrganisationId).Distinct().ToList();
        var reporters = await db.Organisations.AsNoTracking().Where(o => reporterIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var next = more ? SearchCursor.Encode(page[^1].CreatedAt, page[^1].Id) : null;
        reads.Items(caller.Actor, "indicator", page.Where(i => ReadLog.IsRestricted(i.Tlp, i.Distribution)).Select(i => i.Id));
        return new IndicatorPage(page.Select(i => (i, reporters[i.OrganisationId])).ToList(), next);
    }

    /// <summary>For an IP address: the listed CIDR ranges that hold it (an address is matched by a listed range).</summary>
    private async Task<List<Guid>> RangesHoldingAsync(IdentifierType type, string value, CancellationToken cancellationToken)
    {
        if (type != IdentifierType.Ip || value.Contains('/', StringComparison.Ordinal) || !System.Net.IPAddress.TryParse(value, out var address))
        {
            return [];
        }
        var ranges = await db.Observables.AsNoTracking().Where(o => o.Type == IdentifierType.Ip && EF.Functions.Like(o.Value, "%/%"))
            .Select(o => new { o.Id, o.Value }).ToListAsync(cancellationToken);
        return ranges.Where(r => IpRange.TryParse(r.Value, out var range) && range.Contains(address)).Select(r => r.Id).ToList();
    }

    public async Task<Indicator> UpdateAsync(Caller caller, Guid id, int? confidence, DateTimeOffset? validUntil,
        CancellationToken cancellationToken = default)
    {
        var indicator = await OwnedAsync(caller, id, "update", cancellationToken);
        if (confidence is < 0 or > 100)
        {
            throw new InvalidInputException("confidence", "must be between 0 and 100.");
        }
        if (validUntil is { } until && until <= clock.GetUtcNow())
        {
            throw new InvalidInputException("validUntil", "must be in the future.");
        }
        return await audit.WriteAsync(caller.Actor, async () =>
        {
            indicator.Confidence = confidence ?? indicator.Confidence;
            indicator.ValidUntil = validUntil ?? indicator.ValidUntil;
            indicator.UpdatedAt = clock.GetUtcNow();
            await audit.StampAsync(indicator, cancellationToken);
            return new AuditedChange<Indicator>(indicator, "indicator.update", "indicator", [indicator.Id],
                new { indicator.Confidence, indicator.ValidUntil });
        }, cancellationToken);
    }

    public async Task<Indicator> RevokeAsync(Caller caller, Guid id, CancellationToken cancellationToken = default)
    {
        var indicator = await OwnedAsync(caller, id, "revoke", cancellationToken);
        if (indicator.RevokedAt is not null)
        {
            throw new ConflictException("The indicator is already revoked.");
        }
        return await audit.WriteAsync(caller.Actor, async () =>
        {
            indicator.RevokedAt = clock.GetUtcNow();
            indicator.UpdatedAt = indicator.RevokedAt.Value;
            await audit.StampAsync(indicator, cancellationToken);
            return new AuditedChange<Indicator>(indicator, "indicator.revoke", "indicator", [indicator.Id]);
        }, cancellationToken);
    }

    public async Task<Sighting> AddSightingAsync(Caller caller, Guid id, DateTimeOffset? seenAt, int? count, string? where,
        CancellationToken cancellationToken = default)
    {
        var indicator = await VisibleForUpdateAsync(caller, id, cancellationToken);
        var now = clock.GetUtcNow();
        var sighting = new Sighting
        {
            Id = Guid.CreateVersion7(now),
            IndicatorId = indicator.Id,
            OrganisationId = caller.OrganisationId,
            SeenAt = seenAt ?? now,
            Count = count ?? 1,
            Where = where is null ? null : Members.InputText.Required(where, "where", 200),
            CreatedAt = now,
        };
        if (sighting.Count is < 1 or > 1_000_000)
        {
            throw new InvalidInputException("count", "must be between 1 and 1000000.");
        }
        if (sighting.SeenAt > now.AddMinutes(5))
        {
            throw new InvalidInputException("seenAt", "must not be in the future.");
        }
        return await audit.WriteAsync(caller.Actor, async () =>
        {
            db.Sightings.Add(sighting);
            if (sighting.SeenAt > indicator.LastSeen)
            {
                indicator.LastSeen = sighting.SeenAt;
                await audit.StampAsync(indicator, cancellationToken);
            }
            return new AuditedChange<Sighting>(sighting, "indicator.sighting", "indicator", [indicator.Id, sighting.Id],
                new { sighting.Count });
        }, cancellationToken);
    }

    public async Task<FalsePositiveReport> ReportFalsePositiveAsync(Caller caller, Guid id, string? reason,
        CancellationToken cancellationToken = default)
    {
        var indicator = await VisibleForUpdateAsync(caller, id, cancellationToken);
        var report = new FalsePositiveReport
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            IndicatorId = indicator.Id,
            OrganisationId = caller.OrganisationId,
            Reason = Members.InputText.Required(reason, "reason", 1000),
            CreatedAt = clock.GetUtcNow(),
        };
        return await audit.WriteAsync(caller.Actor, () =>
        {
            db.FalsePositiveReports.Add(report);
            return Task.FromResult(new AuditedChange<FalsePositiveReport>(report, "indicator.false_positive", "indicator",
                [indicator.Id, report.Id]));
        }, cancellationToken);
    }

    private async Task<Indicator> VisibleForUpdateAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var viewer = caller.Viewer;
        return await db.Indicators.VisibleTo(viewer).SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
               ?? throw new NotFoundException("indicator");
    }

    private async Task<Indicator> OwnedAsync(Caller caller, Guid id, string what, CancellationToken cancellationToken)
    {
        caller.Actor.Demand(Permission.Contribute);
        var indicator = await VisibleForUpdateAsync(caller, id, cancellationToken);
        return indicator.OrganisationId == caller.OrganisationId
            ? indicator
            : throw new ForbiddenException($"Only the organisation that reported the indicator may {what} it.");
    }
}
