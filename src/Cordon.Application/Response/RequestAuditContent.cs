using Cordon.Application.Audit;
using Cordon.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Response;

/// <summary>A request's content as its audit records keep it: every field, and its history of transitions.</summary>
public sealed class RequestAuditContent : IAuditedContent
{
    public string ItemType => "request";

    public async Task<IReadOnlyDictionary<Guid, string>> CanonicalAsync(CordonDb db, IReadOnlyCollection<Guid> ids,
        CancellationToken cancellationToken)
    {
        var requests = await db.Requests.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken);
        var transitions = (await db.RequestTransitions.AsNoTracking().Where(t => ids.Contains(t.RequestId)).ToListAsync(cancellationToken))
            .ToLookup(t => t.RequestId);
        return requests.ToDictionary(r => r.Id, r => CanonicalJson.Of(new
        {
            r.Id,
            Kind = r.Kind.ToString(),
            Priority = r.Priority.ToString(),
            State = r.State.ToString(),
            r.SenderId,
            r.RecipientId,
            r.CommunityId,
            r.Targets,
            Amount = CanonicalJson.Amount(r.Amount),
            r.Currency,
            r.TransactionRef,
            TransactionAt = CanonicalJson.Time(r.TransactionAt),
            r.CaseRef,
            r.LegalBasis,
            r.Description,
            r.Outcome,
            AmountFrozen = CanonicalJson.Amount(r.AmountFrozen),
            r.OutcomeCurrency,
            r.DeclineReason,
            SentAt = CanonicalJson.Time(r.SentAt),
            AcknowledgedAt = CanonicalJson.Time(r.AcknowledgedAt),
            ActionedAt = CanonicalJson.Time(r.ActionedAt),
            ClosedAt = CanonicalJson.Time(r.ClosedAt),
            AcknowledgeDueAt = CanonicalJson.Time(r.AcknowledgeDueAt),
            ActionDueAt = CanonicalJson.Time(r.ActionDueAt),
            ExpiresAt = CanonicalJson.Time(r.ExpiresAt),
            AcknowledgeBreachedAt = CanonicalJson.Time(r.AcknowledgeBreachedAt),
            ActionBreachedAt = CanonicalJson.Time(r.ActionBreachedAt),
            Transitions = transitions[r.Id].OrderBy(t => t.At).ThenBy(t => t.Id).Select(t => new
            {
                t.Id,
                From = t.From.ToString(),
                To = t.To.ToString(),
                t.ByOrganisationId,
                t.ByActor,
                t.Note,
                At = CanonicalJson.Time(t.At),
            }),
        }));
    }

    public async Task<IReadOnlyList<Guid>> IdsAfterAsync(CordonDb db, Guid? after, int count, CancellationToken cancellationToken) =>
        await db.Requests.AsNoTracking().Where(r => after == null || r.Id.CompareTo(after.Value) > 0).OrderBy(r => r.Id).Select(r => r.Id)
            .Take(count).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Guid>> ExistingAsync(CordonDb db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        await db.Requests.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken);
}
