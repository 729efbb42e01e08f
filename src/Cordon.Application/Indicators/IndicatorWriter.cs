using Cordon.Application.Audit;
using Cordon.Application.Data;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Indicators;

/// <summary>Who submits: the organisation's country (for national phone numbers) and the communities it may share with.</summary>
public sealed record Submitter(Guid OrganisationId, NormalisationContext Context, IReadOnlySet<Guid> Communities);

/// <summary>A submission that passed validation, with its identifier in canonical form.</summary>
public sealed record PreparedIndicator(int Index, Identifier Identifier, string Original, IndicatorSubmission Submission, int Categories,
    IReadOnlyList<Guid> Communities);

/// <summary>
/// Validates submissions and writes them (observable upsert + the organisation's report upsert). Shared by the API and
/// bulk import; the caller owns the transaction and the audit record.
/// </summary>
public sealed class IndicatorWriter(CordonDb db, AuditLog audit, TimeProvider clock, IdentifierNormalisation normalisation)
{
    private const int MaxOriginalLength = 2048;

    public async Task<Submitter> SubmitterAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        var country = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Country).SingleAsync(cancellationToken);
        var communities = await db.CommunityMembers.AsNoTracking().Where(m => m.OrganisationId == organisationId)
            .Select(m => m.CommunityId).ToListAsync(cancellationToken);
        return new Submitter(organisationId, normalisation.For(country), communities.ToHashSet());
    }

    /// <summary>Throws <see cref="InvalidInputException"/> naming the field when the submission is refused.</summary>
    public PreparedIndicator Prepare(int index, IndicatorSubmission item, Submitter submitter)
    {
        var type = item.Type ?? throw new InvalidInputException("type", "is required.");
        var identifier = IdentifierNormaliser.Normalise(type, item.Value, submitter.Context);
        if (item.Categories is null || item.Categories.Count == 0)
        {
            throw new InvalidInputException("categories", "name at least one category.");
        }
        if (item.Confidence is < 0 or > 100)
        {
            throw new InvalidInputException("confidence", "must be between 0 and 100.");
        }
        var communities = CheckMarking(item.Tlp, item.Distribution, item.Communities, submitter);
        if (item.ValidUntil is { } until && until <= clock.GetUtcNow())
        {
            throw new InvalidInputException("validUntil", "must be in the future.");
        }
        // Never keep a card number as submitted: the masked display form stands in for it.
        var original = type == IdentifierType.PaymentCard ? identifier.Display : item.Value!.Trim();
        if (original.Length > MaxOriginalLength)
        {
            original = original[..MaxOriginalLength];
        }
        return new PreparedIndicator(index, identifier, original, item, CategorySet.ToFlags(item.Categories), communities);
    }

    /// <summary>
    /// The marking rules shared by everything a member shares (indicators, cases): TLP and distribution given, communities
    /// named exactly when distributing to communities, and only communities the organisation belongs to.
    /// </summary>
    public static IReadOnlyList<Guid> CheckMarking(Tlp? tlp, Distribution? distribution, IReadOnlyList<Guid>? communities, Submitter submitter)
    {
        _ = tlp ?? throw new InvalidInputException("tlp", "is required: clear, green, amber, amber+strict or red.");
        var given = distribution ?? throw new InvalidInputException("distribution", "is required: organisation, communities, node or federation.");
        var distinct = (communities ?? []).Distinct().ToList();
        if (given == Distribution.Communities && distinct.Count == 0)
        {
            throw new InvalidInputException("communities", "name at least one community for distribution 'communities'.");
        }
        if (given != Distribution.Communities && distinct.Count > 0)
        {
            throw new InvalidInputException("communities", "are only used with distribution 'communities'.");
        }
        if (distinct.Any(c => !submitter.Communities.Contains(c)))
        {
            throw new InvalidInputException("communities", "your organisation may only share with communities it belongs to.");
        }
        return distinct;
    }

    /// <summary>
    /// Adds the items to the change tracker: new observables are created, the organisation's existing report on an
    /// observable is updated (categories merged, last seen moved on, marking replaced), otherwise a report is created.
    /// </summary>
    public async Task ApplyAsync(Guid organisationId, IReadOnlyList<PreparedIndicator> accepted,
        Action<PreparedIndicator, SubmissionStatus, Guid> onResult, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var values = accepted.Select(a => a.Identifier.Value).Distinct().ToList();
        var observables = (await db.Observables.Where(o => values.Contains(o.Value)).ToListAsync(cancellationToken))
            .ToDictionary(o => (o.Type, o.Value));
        foreach (var item in accepted)
        {
            var key = (item.Identifier.Type, item.Identifier.Value);
            if (!observables.ContainsKey(key))
            {
                var observable = Observable.For(item.Identifier, now);
                observables[key] = observable;
                db.Observables.Add(observable);
            }
        }
        var observableIds = observables.Values.Select(o => o.Id).ToList();
        var existing = (await db.Indicators.Include(i => i.Communities)
                .Where(i => i.OrganisationId == organisationId && observableIds.Contains(i.ObservableId))
                .ToListAsync(cancellationToken))
            .ToDictionary(i => i.ObservableId);
        foreach (var item in accepted)
        {
            var observable = observables[(item.Identifier.Type, item.Identifier.Value)];
            if (existing.TryGetValue(observable.Id, out var indicator))
            {
                Update(indicator, item, now);
                await audit.StampAsync(indicator, cancellationToken);
                onResult(item, SubmissionStatus.Updated, indicator.Id);
                continue;
            }
            indicator = Create(organisationId, observable, item, now);
            await audit.StampAsync(indicator, cancellationToken);
            existing[observable.Id] = indicator;
            db.Indicators.Add(indicator);
            onResult(item, SubmissionStatus.Created, indicator.Id);
        }
    }

    private static void Update(Indicator indicator, PreparedIndicator item, DateTimeOffset now)
    {
        var submission = item.Submission;
        indicator.CategoryFlags |= item.Categories;
        indicator.Confidence = submission.Confidence ?? indicator.Confidence;
        indicator.LastSeen = now;
        indicator.ValidUntil = submission.ValidUntil ?? indicator.ValidUntil;
        indicator.Tlp = submission.Tlp!.Value;
        indicator.Distribution = submission.Distribution!.Value;
        indicator.OriginalValue = item.Original;
        indicator.Communities = Communities(indicator.Id, item);
        indicator.UpdatedAt = now;
        indicator.RevokedAt = null;
    }

    private static Indicator Create(Guid organisationId, Observable observable, PreparedIndicator item, DateTimeOffset now)
    {
        var submission = item.Submission;
        var indicator = new Indicator
        {
            Id = Guid.CreateVersion7(now),
            ObservableId = observable.Id,
            Observable = observable,
            OrganisationId = organisationId,
            OriginalValue = item.Original,
            CategoryFlags = item.Categories,
            Confidence = submission.Confidence ?? 50,
            FirstSeen = now,
            LastSeen = now,
            ValidUntil = submission.ValidUntil,
            Tlp = submission.Tlp!.Value,
            Distribution = submission.Distribution!.Value,
            CreatedAt = now,
            UpdatedAt = now,
        };
        indicator.Communities = Communities(indicator.Id, item);
        return indicator;
    }

    private static List<IndicatorCommunity> Communities(Guid indicatorId, PreparedIndicator item) =>
        item.Communities.Select(c => new IndicatorCommunity { IndicatorId = indicatorId, CommunityId = c }).ToList();
}
