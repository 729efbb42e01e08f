using Cordon.Application.Audit;
using Cordon.Application.Cases;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Cases;

/// <summary>
/// What else the network knows about a case's identifiers, counted over the cases and indicators the caller may see
/// only; and the feed of new links. Values marked non-correlating are shown as such and link nothing.
/// </summary>
public sealed class CorrelationService(CordonDb db, AuditLog audit, TimeProvider clock, IdentifierNormalisation normalisation)
{
    public const int MaxListedCases = 50;
    private const int FeedScan = 2_000;

    public async Task<IReadOnlyList<IdentifierCorrelation>> ForCaseAsync(Viewer viewer, Case subject, CancellationToken cancellationToken)
    {
        var result = new List<IdentifierCorrelation>();
        foreach (var link in subject.Identifiers.OrderBy(i => i.Observable.Type).ThenBy(i => i.Observable.Value))
        {
            result.Add(await CorrelateAsync(viewer, link.Observable, subject, cancellationToken));
        }
        return result;
    }

    /// <summary>New case–identifier links after <paramref name="after"/> that other visible reports share, oldest first.</summary>
    public async Task<CorrelationPage> FeedAsync(Caller caller, long after, int limit, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > 200)
        {
            throw new InvalidInputException("limit", "must be between 1 and 200.");
        }
        var viewer = caller.Viewer;
        var candidates = await db.CaseIdentifiers.AsNoTracking().Include(l => l.Observable)
            .Where(l => l.Sequence > after && db.Cases.VisibleTo(viewer).Any(c => c.Id == l.CaseId))
            .OrderBy(l => l.Sequence).ThenBy(l => l.CaseId).ThenBy(l => l.ObservableId).Take(FeedScan).ToListAsync(cancellationToken);
        var items = new List<CorrelationEvent>();
        var cursor = after;
        var groups = candidates.GroupBy(l => l.Sequence).ToList();
        if (candidates.Count == FeedScan && groups.Count > 1)
        {
            // The scan may have cut the last write short: leave it whole for the next call.
            groups.RemoveAt(groups.Count - 1);
        }
        foreach (var group in groups)
        {
            // A sequence is one write: taken whole, so that the cursor never splits it.
            if (items.Count >= limit)
            {
                break;
            }
            foreach (var link in group)
            {
                var subject = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == link.CaseId, cancellationToken);
                var correlation = await CorrelateAsync(viewer, link.Observable, subject, cancellationToken);
                if (correlation.Reports > 0)
                {
                    items.Add(new CorrelationEvent(link.Sequence, link.CaseId, link.CreatedAt, correlation));
                }
            }
            cursor = group.Key;
        }
        return new CorrelationPage(items, cursor);
    }

    private async Task<IdentifierCorrelation> CorrelateAsync(Viewer viewer, Observable observable, Case subject, CancellationToken cancellationToken)
    {
        if (await db.NonCorrelating.AnyAsync(n => n.ObservableId == observable.Id, cancellationToken))
        {
            return new IdentifierCorrelation(observable, NonCorrelating: true, 0, 0, 0, [], []);
        }
        var cases = await db.Cases.AsNoTracking().VisibleTo(viewer)
            .Where(c => c.Id != subject.Id && c.Identifiers.Any(i => i.ObservableId == observable.Id))
            .Select(c => new { c.Id, c.OrganisationId, c.VictimCountry, c.CreatedAt }).ToListAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().VisibleTo(viewer)
            .Where(i => i.ObservableId == observable.Id && i.RevokedAt == null && i.OrganisationId != subject.OrganisationId)
            .Join(db.Organisations, i => i.OrganisationId, o => o.Id, (i, o) => new { o.Id, o.Country }).ToListAsync(cancellationToken);
        // A member's case makes the identifier its indicator too: that indicator is the same report, counted once.
        var reportedInCases = cases.Select(c => c.OrganisationId).ToHashSet();
        indicators = indicators.Where(i => !reportedInCases.Contains(i.Id)).ToList();
        var organisations = reportedInCases.Concat(indicators.Select(i => i.Id)).Distinct().Count();
        var countries = cases.Select(c => c.VictimCountry).Concat(indicators.Select(i => i.Country)).Distinct().Order(StringComparer.Ordinal).ToList();
        return new IdentifierCorrelation(observable, NonCorrelating: false, cases.Count, indicators.Count, organisations, countries,
            cases.OrderByDescending(c => c.CreatedAt).Take(MaxListedCases).Select(c => c.Id).ToList());
    }

    /// <summary>Node administrators mark values so common that they must not link cases (a bank's own collection account).</summary>
    public async Task<NonCorrelatingObservable> MarkNonCorrelatingAsync(Caller caller, IdentifierType? type, string? value, string? reason,
        CancellationToken cancellationToken = default)
    {
        caller.Actor.Demand(Permission.OperateNode);
        var identifier = IdentifierNormaliser.Normalise(type ?? throw new InvalidInputException("type", "is required."), value, normalisation.For(null));
        var why = InputText.Required(reason, "reason", 1000);
        // A value no case names yet may be marked ahead of time; marking answers the same whether or not the node holds
        // the value, so that it never tells whether another organisation reported it.
        var observable = await db.Observables.SingleOrDefaultAsync(o => o.Type == identifier.Type && o.Value == identifier.Value, cancellationToken);
        if (observable is not null && await db.NonCorrelating.AnyAsync(n => n.ObservableId == observable.Id, cancellationToken))
        {
            throw new ConflictException("The value is already marked non-correlating.");
        }
        var now = clock.GetUtcNow();
        observable ??= db.Observables.Add(Observable.For(identifier, now)).Entity;
        return await audit.WriteAsync(caller.Actor, () =>
        {
            var marked = new NonCorrelatingObservable { ObservableId = observable.Id, Reason = why, MarkedBy = caller.Actor.ActorId, CreatedAt = clock.GetUtcNow() };
            db.NonCorrelating.Add(marked);
            return Task.FromResult(new AuditedChange<NonCorrelatingObservable>(marked, "graph.non_correlating.mark", "observable", [observable.Id],
                new { Reason = why }));
        }, cancellationToken);
    }

    public async Task UnmarkNonCorrelatingAsync(Caller caller, Guid observableId, CancellationToken cancellationToken = default)
    {
        caller.Actor.Demand(Permission.OperateNode);
        var marked = await db.NonCorrelating.SingleOrDefaultAsync(n => n.ObservableId == observableId, cancellationToken)
                     ?? throw new NotFoundException("non-correlating value");
        await audit.WriteAsync(caller.Actor, () =>
        {
            db.NonCorrelating.Remove(marked);
            return Task.FromResult(new AuditedChange<bool>(true, "graph.non_correlating.unmark", "observable", [observableId]));
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<(NonCorrelatingObservable Marked, Observable Observable)>> NonCorrelatingAsync(Caller caller,
        CancellationToken cancellationToken = default)
    {
        caller.Actor.Demand(Permission.OperateNode);
        var rows = await db.NonCorrelating.AsNoTracking().Join(db.Observables, n => n.ObservableId, o => o.Id, (n, o) => new { n, o })
            .OrderBy(r => r.o.Type).ThenBy(r => r.o.Value).Take(1000).ToListAsync(cancellationToken);
        return rows.Select(r => (r.n, r.o)).ToList();
    }
}
