using System.Linq.Expressions;
using System.Text.Json;
using Cordon.Application.Audit;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Members;
using Cordon.Core.Response;
using Cordon.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Response;

/// <summary>Sending, reading and answering response requests; every transition audited and announced through the outbox.</summary>
public sealed class RequestService(CordonDb db, AuditLog audit, TimeProvider clock, IdentifierNormalisation normalisation,
    DeadlinePolicy deadlines, EscalationLadder escalation, Notifications notifications, ReadLog reads)
{
    public const int MaxTargets = 100;

    /// <summary>The largest amount a request or its outcome names: far above any real transfer, far below what sums overflow.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>Sender, recipient, or (for a broadcast) a member of the chosen community: the only ones who see a request.</summary>
    public static Expression<Func<ResponseRequest, bool>> VisibleTo(Guid organisationId, IReadOnlyCollection<Guid> communities)
    {
        var memberOf = communities.ToList();
        return r => r.SenderId == organisationId || r.RecipientId == organisationId
                    || (r.CommunityId != null && memberOf.Contains(r.CommunityId.Value));
    }

    public async Task<ResponseRequest> SendAsync(Caller caller, NewRequest input, CancellationToken cancellationToken = default)
    {
        caller.Actor.Demand(Permission.Respond);
        var kind = input.Kind ?? throw new InvalidInputException("kind", $"is required: {CordonJson.Names<RequestKind>()}.");
        var priority = input.Priority ?? Priority.Normal;
        var viewer = caller.Viewer;
        if (kind == RequestKind.UnderAttack)
        {
            var community = input.Community ?? throw new InvalidInputException("community", "an under_attack broadcast names the community to alert.");
            if (!viewer.CommunityIds.Contains(community))
            {
                throw new InvalidInputException("community", "your organisation may only alert communities it belongs to.");
            }
        }
        else
        {
            var recipient = input.Recipient ?? throw new InvalidInputException("recipient", "is required: the organisation asked to act.");
            if (recipient == caller.OrganisationId || !await db.Organisations.AnyAsync(o => o.Id == recipient, cancellationToken))
            {
                throw new InvalidInputException("recipient", "must be another member organisation of this node.");
            }
        }
        if (input.Operation is { } operation)
        {
            await Operations.OperationService.RequireRequestPartiesAsync(db, operation, caller.OrganisationId,
                kind == RequestKind.UnderAttack ? null : input.Recipient, cancellationToken);
        }
        var country = await db.Organisations.Where(o => o.Id == caller.OrganisationId).Select(o => o.Country).SingleAsync(cancellationToken);
        var targets = Targets(input.Targets, normalisation.For(country));
        if (input.Amount is > MaxAmount)
        {
            throw new InvalidInputException("amount", $"must be at most {MaxAmount:N0}.");
        }
        if (kind == RequestKind.FreezeFunds && (input.Amount is not > 0 || Currency(input.Currency) is null))
        {
            throw new InvalidInputException("amount", "a freeze request gives the amount (> 0) and its ISO 4217 currency.");
        }
        var now = clock.GetUtcNow();
        var deadline = deadlines.For(kind, priority);
        var request = new ResponseRequest
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            Priority = priority,
            State = RequestState.Sent,
            SenderId = caller.OrganisationId,
            RecipientId = kind == RequestKind.UnderAttack ? null : input.Recipient,
            CommunityId = kind == RequestKind.UnderAttack ? input.Community : null,
            Targets = JsonSerializer.Serialize(targets, CordonJson.Options),
            Amount = input.Amount,
            Currency = Currency(input.Currency),
            TransactionRef = Optional(input.TransactionRef, "transactionRef", 200),
            TransactionAt = input.TransactionAt,
            CaseRef = Optional(input.CaseId, "caseId", 200),
            OperationId = input.Operation,
            LegalBasis = InputText.Required(input.LegalBasis, "legalBasis", 2000),
            Description = Optional(input.Description, "description", 4000),
            SentAt = now,
            AcknowledgeDueAt = now + deadline.Acknowledge,
            ActionDueAt = now + deadline.Action,
            ExpiresAt = now + deadline.Expire,
        };
        return await audit.WriteAsync(caller.Actor, async () =>
        {
            db.Requests.Add(request);
            AddTransition(request, RequestState.Sent, RequestState.Sent, caller.OrganisationId, caller.Actor.ActorId, null, now);
            await notifications.EnqueueAsync(await PartiesAsync(request, cancellationToken), "request.sent",
                Event(request), cancellationToken);
            return new AuditedChange<ResponseRequest>(request, "request.send", "request", [request.Id],
                new { Kind = request.Kind.ToString(), Priority = request.Priority.ToString() });
        }, cancellationToken);
    }

    public async Task<RequestView> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken = default)
    {
        var request = await VisibleAsync(caller, id, tracking: false, cancellationToken);
        var history = await db.RequestTransitions.AsNoTracking().Where(t => t.RequestId == id).OrderBy(t => t.At).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);
        var escalations = await db.RequestEscalations.AsNoTracking().Where(e => e.RequestId == id).OrderBy(e => e.At).ThenBy(e => e.Step)
            .ToListAsync(cancellationToken);
        reads.Items(caller.Actor, "request", [request.Id]); // requests are between their parties: every read is recorded
        return new RequestView(request, history, escalations);
    }

    public async Task<IReadOnlyList<ResponseRequest>> ListAsync(Caller caller, string? box, RequestState? state, RequestKind? kind, int limit,
        CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > 1000)
        {
            throw new InvalidInputException("limit", "must be between 1 and 1000.");
        }
        var viewer = caller.Viewer;
        var query = db.Requests.AsNoTracking().Where(VisibleTo(caller.OrganisationId, viewer.CommunityIds.ToList()));
        query = box switch
        {
            null or "" or "all" => query,
            "sent" => query.Where(r => r.SenderId == caller.OrganisationId),
            "received" => query.Where(r => r.SenderId != caller.OrganisationId),
            _ => throw new InvalidInputException("box", "must be sent, received or all."),
        };
        if (state is { } s)
        {
            query = query.Where(r => r.State == s);
        }
        if (kind is { } k)
        {
            query = query.Where(r => r.Kind == k);
        }
        var requests = await query.OrderByDescending(r => r.SentAt).Take(limit).ToListAsync(cancellationToken);
        reads.Items(caller.Actor, "request", requests.Select(r => r.Id));
        return requests;
    }

    /// <summary>Moves a request on. Two concurrent answers cannot both win: the loser gets a conflict.</summary>
    public async Task<ResponseRequest> TransitionAsync(Caller caller, Guid id, RequestAction action, Outcome? outcome,
        CancellationToken cancellationToken = default)
    {
        caller.Actor.Demand(Permission.Respond);
        var request = await VisibleAsync(caller, id, tracking: true, cancellationToken);
        var party = request.SenderId == caller.OrganisationId ? RequestParty.Sender
            : request.RecipientId == caller.OrganisationId ? RequestParty.Recipient
            : throw new ForbiddenException("A broadcast has no recipient: members of the community answer its sender directly; only the sender may withdraw it.");
        var next = RequestWorkflow.Next(request.State, action, party);
        try
        {
            return await audit.WriteAsync(caller.Actor, async () =>
            {
                await ApplyAsync(request, action, next, outcome, caller.OrganisationId, caller.Actor.ActorId, cancellationToken);
                return new AuditedChange<ResponseRequest>(request, $"request.{action.ToString().ToLowerInvariant()}", "request", [request.Id],
                    new { To = request.State.ToString() });
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("The request was changed by someone else at the same moment; reload it and try again.");
        }
    }

    private async Task ApplyAsync(ResponseRequest request, RequestAction action, RequestState next, Outcome? outcome, Guid? by, string actorId,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var from = request.State;
        switch (action)
        {
            case RequestAction.Action:
                request.Outcome = InputText.Required(outcome?.Text, "outcome", 2000);
                if (outcome!.AmountFrozen is { } frozen)
                {
                    request.AmountFrozen = frozen is >= 0 and <= MaxAmount ? frozen
                        : throw new InvalidInputException("amountFrozen", $"must be between 0 and {MaxAmount:N0}.");
                    request.OutcomeCurrency = Currency(outcome.Currency) ?? request.Currency
                                              ?? throw new InvalidInputException("currency", "give the currency of the amount frozen.");
                }
                request.ActionedAt = now;
                break;
            case RequestAction.Decline:
                request.DeclineReason = InputText.Required(outcome?.Reason, "reason", 2000);
                break;
            case RequestAction.Acknowledge:
                request.AcknowledgedAt = now;
                break;
        }
        if (action is RequestAction.Start or RequestAction.Action or RequestAction.Decline && request.AcknowledgedAt is null)
        {
            request.AcknowledgedAt = now;
        }
        request.State = next;
        if (RequestWorkflow.IsTerminal(next))
        {
            request.ClosedAt = now;
        }
        request.Version++;
        AddTransition(request, from, next, by, actorId, outcome?.Reason ?? outcome?.Text, now);
        await notifications.EnqueueAsync(await PartiesAsync(request, cancellationToken),
            $"request.{CordonJson.Name(next)}", Event(request), cancellationToken);
    }

    /// <summary>
    /// Marks deadlines passed since the last sweep and climbs the escalation ladder: a breach is recorded once and
    /// announced to both sides, each step of the ladder is taken once per missed deadline while the request stays
    /// unanswered, and a request open past its expiry is expired by the node. Returns how many requests changed.
    /// </summary>
    public async Task<int> SweepDeadlinesAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var steps = escalation.Steps.Count;
        var candidates = await db.Requests.AsNoTracking()
            .Where(r => r.State != RequestState.Actioned && r.State != RequestState.Declined && r.State != RequestState.Withdrawn
                        && r.State != RequestState.Expired)
            .Where(r => (r.AcknowledgeBreachedAt == null && r.AcknowledgedAt == null && r.AcknowledgeDueAt <= now)
                        || (r.ActionBreachedAt == null && r.ActionDueAt <= now) || r.ExpiresAt <= now
                        || (r.RecipientId != null && r.AcknowledgeBreachedAt != null && r.AcknowledgedAt == null
                            && db.RequestEscalations.Count(e => e.RequestId == r.Id && e.Breach == Breach.Acknowledge) < steps)
                        || (r.RecipientId != null && r.ActionBreachedAt != null
                            && db.RequestEscalations.Count(e => e.RequestId == r.Id && e.Breach == Breach.Action) < steps))
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        var system = new Actor(Guid.Empty, ActorKind.System, "deadlines", 0, IsNodeOperator: false);
        var changed = 0;
        foreach (var id in candidates)
        {
            // Each request in its own unit of work, read fresh: one conflict must not spoil the others.
            db.ChangeTracker.Clear();
            var request = await db.Requests.SingleAsync(r => r.Id == id, cancellationToken);
            var deadline = new Deadline(request.AcknowledgeDueAt - request.SentAt, request.ActionDueAt - request.SentAt, request.ExpiresAt - request.SentAt);
            var due = DeadlineRules.Due(request.State, request.SentAt, deadline, now, request.AcknowledgeBreachedAt is not null,
                request.ActionBreachedAt is not null);
            var climbs = due.Contains(Breach.Expiry) ? [] : await ClimbsAsync(request, due, now, cancellationToken);
            if (due.Count == 0 && climbs.Count == 0)
            {
                continue;
            }
            try
            {
                await audit.WriteAsync(system, async () =>
                {
                    var parties = await PartiesAsync(request, cancellationToken);
                    foreach (var breach in due)
                    {
                        switch (breach)
                        {
                            case Breach.Acknowledge:
                                request.AcknowledgeBreachedAt = now;
                                break;
                            case Breach.Action:
                                request.ActionBreachedAt = now;
                                break;
                            case Breach.Expiry:
                                await ApplyAsync(request, RequestAction.Expire, RequestState.Expired, null, null, "deadlines", cancellationToken);
                                continue;
                        }
                        request.Version++;
                        await notifications.EnqueueAsync(parties, "request.breached",
                            new { request = Event(request), breach = CordonJson.Name(breach) }, cancellationToken);
                    }
                    var escalated = new List<string>();
                    foreach (var (breach, number) in climbs)
                    {
                        escalated.Add($"{CordonJson.Name(breach)} step {number}");
                        await EscalateAsync(request, breach, number, parties, now, cancellationToken);
                    }
                    if (climbs.Count > 0 && due.Count == 0)
                    {
                        request.Version++;
                    }
                    return new AuditedChange<int>(1, "request.deadline", "request", [request.Id],
                        new { Breaches = due.Select(b => b.ToString()), Escalations = escalated });
                }, cancellationToken);
                changed++;
            }
            catch (DbUpdateException)
            {
                // Answered (or otherwise changed) while we looked: the next sweep sees the new state.
                db.ChangeTracker.Clear();
            }
        }
        return changed;
    }

    /// <summary>
    /// The ladder's steps due now for each missed deadline still unanswered, including deadlines missed in this sweep. A
    /// broadcast has no recipient to answer it: its missed deadlines are recorded, but it climbs no ladder.
    /// </summary>
    private async Task<List<(Breach Breach, int Step)>> ClimbsAsync(ResponseRequest request, IReadOnlyList<Breach> breachingNow, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (request.RecipientId is null)
        {
            return [];
        }
        var taken = await db.RequestEscalations.AsNoTracking().Where(e => e.RequestId == request.Id).Select(e => new { e.Breach, e.Step })
            .ToListAsync(cancellationToken);
        var climbs = new List<(Breach, int)>();
        if (request.AcknowledgedAt is null && (request.AcknowledgeBreachedAt ?? (breachingNow.Contains(Breach.Acknowledge) ? now : null)) is { } missedAcknowledge)
        {
            climbs.AddRange(escalation.Due(missedAcknowledge, now, [.. taken.Where(t => t.Breach == Breach.Acknowledge).Select(t => t.Step)])
                .Select(step => (Breach.Acknowledge, step)));
        }
        if (request.ActionedAt is null && (request.ActionBreachedAt ?? (breachingNow.Contains(Breach.Action) ? now : null)) is { } missedAction)
        {
            climbs.AddRange(escalation.Due(missedAction, now, [.. taken.Where(t => t.Breach == Breach.Action).Select(t => t.Step)])
                .Select(step => (Breach.Action, step)));
        }
        return climbs;
    }

    /// <summary>
    /// Takes one step of the ladder: recorded in the request's history and announced as <c>request.escalated</c> to those
    /// it names and to the parties. The notice carries what the event stream carries for the parties (kind, priority, parties, deadlines),
    /// never the targets, amounts or texts: whoever is told asks the parties for more.
    /// </summary>
    private async Task EscalateAsync(ResponseRequest request, Breach breach, int number, IReadOnlyList<Guid> parties, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var step = escalation.Steps[number - 1];
        Guid? told = step.Target switch
        {
            EscalationTarget.RecipientAdmins => request.RecipientId,
            EscalationTarget.NodeOperator => await db.Organisations.Where(o => o.IsNodeOperator).OrderBy(o => o.CreatedAt).Select(o => (Guid?)o.Id)
                .FirstOrDefaultAsync(cancellationToken),
            _ => Guid.TryParse(step.Organisation, out var named)
                ? await db.Organisations.Where(o => o.Id == named).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(cancellationToken)
                : await db.Organisations.Where(o => o.Name == step.Organisation).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(cancellationToken),
        };
        db.RequestEscalations.Add(new RequestEscalation
        {
            Id = Guid.CreateVersion7(now),
            RequestId = request.Id,
            Breach = breach,
            Step = number,
            Target = step.Target,
            OrganisationId = told,
            At = now,
        });
        var notice = new
        {
            breach = CordonJson.Name(breach),
            step = number,
            notify = CordonJson.Name(step.Target),
            audience = step.Target == EscalationTarget.RecipientAdmins ? "admins" : "organisation",
        };
        // The parties' history gains the step; whoever else is told learns that a deadline was missed and by whom, no more.
        await notifications.EnqueueAsync(parties, "request.escalated", new
        {
            request = Event(request),
            notice.breach,
            notice.step,
            notice.notify,
            notice.audience
        }, cancellationToken);
        if (told is { } outsider && !parties.Contains(outsider))
        {
            await notifications.EnqueueAsync([outsider], "request.escalated", new
            {
                request = new
                {
                    id = request.Id,
                    kind = request.Kind,
                    priority = request.Priority,
                    sender = request.SenderId,
                    recipient = request.RecipientId,
                    acknowledgeDueAt = request.AcknowledgeDueAt,
                    actionDueAt = request.ActionDueAt,
                },
                notice.breach,
                notice.step,
                notice.notify,
                notice.audience,
            }, cancellationToken);
        }
    }

    /// <summary>Open requests whose missed deadlines the ladder brought to the caller's organisation, most recent first.</summary>
    public async Task<IReadOnlyList<EscalationNotice>> EscalatedToAsync(Caller caller, int limit, CancellationToken cancellationToken = default)
    {
        var organisation = caller.OrganisationId;
        // The recipient's step is for its administrators; the others for everyone of the organisation told.
        var administrator = caller.Actor.Has(Role.Admin);
        return await db.RequestEscalations.AsNoTracking().Where(e => e.OrganisationId == organisation)
            .Where(e => administrator || e.Target != EscalationTarget.RecipientAdmins)
            .Join(db.Requests.AsNoTracking(), e => e.RequestId, r => r.Id, (e, r) => new { e, r })
            .Where(x => x.r.State != RequestState.Actioned && x.r.State != RequestState.Declined && x.r.State != RequestState.Withdrawn
                        && x.r.State != RequestState.Expired)
            .Where(x => x.e.Breach != Breach.Acknowledge || x.r.AcknowledgedAt == null)
            .OrderByDescending(x => x.e.At).Take(limit)
            .Select(x => new EscalationNotice(x.r.Id, x.r.Kind, x.r.Priority, x.r.State, x.r.SenderId, x.r.RecipientId, x.e.Breach, x.e.Step, x.e.Target,
                x.e.At))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The requests the caller may see that name a case (by its id or its reference), oldest first.</summary>
    public async Task<IReadOnlyList<RequestView>> ForCaseAsync(Caller caller, Guid caseId, string? reference, CancellationToken cancellationToken)
    {
        var viewer = caller.Viewer;
        var id = caseId.ToString("D");
        var requests = await db.Requests.AsNoTracking().Where(VisibleTo(caller.OrganisationId, viewer.CommunityIds.ToList()))
            .Where(r => r.CaseRef == id || (reference != null && r.CaseRef == reference)).OrderBy(r => r.SentAt).ToListAsync(cancellationToken);
        var views = new List<RequestView>();
        foreach (var request in requests)
        {
            views.Add(await GetAsync(caller, request.Id, cancellationToken));
        }
        return views;
    }

    private async Task<ResponseRequest> VisibleAsync(Caller caller, Guid id, bool tracking, CancellationToken cancellationToken)
    {
        var viewer = caller.Viewer;
        var query = tracking ? db.Requests : db.Requests.AsNoTracking();
        return await query.Where(VisibleTo(caller.OrganisationId, viewer.CommunityIds.ToList())).SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
               ?? throw new NotFoundException("request");
    }

    /// <summary>Who hears about a request: the sender, and the recipient or every member of the alerted community.</summary>
    private async Task<List<Guid>> PartiesAsync(ResponseRequest request, CancellationToken cancellationToken)
    {
        var parties = new List<Guid> { request.SenderId };
        if (request.RecipientId is { } recipient)
        {
            parties.Add(recipient);
        }
        if (request.CommunityId is { } community)
        {
            parties.AddRange(await db.CommunityMembers.Where(m => m.CommunityId == community).Select(m => m.OrganisationId).ToListAsync(cancellationToken));
        }
        return parties;
    }

    private void AddTransition(ResponseRequest request, RequestState from, RequestState to, Guid? by, string actorId, string? note, DateTimeOffset at) =>
        db.RequestTransitions.Add(new RequestTransition
        {
            Id = Guid.CreateVersion7(at),
            RequestId = request.Id,
            From = from,
            To = to,
            ByOrganisationId = by,
            ByActor = actorId,
            Note = note is { Length: > 2000 } ? note[..2000] : note,
            At = at,
        });

    private static object Event(ResponseRequest r) => new
    {
        id = r.Id,
        kind = r.Kind,
        priority = r.Priority,
        state = r.State,
        sender = r.SenderId,
        recipient = r.RecipientId,
        community = r.CommunityId,
        acknowledgeDueAt = r.AcknowledgeDueAt,
        actionDueAt = r.ActionDueAt,
        operation = r.OperationId,
    };

    private static List<object> Targets(IReadOnlyList<TargetInput>? targets, NormalisationContext context)
    {
        if (targets is null || targets.Count == 0 || targets.Count > MaxTargets)
        {
            throw new InvalidInputException("targets", $"name 1 to {MaxTargets} identifiers ({{type, value}}).");
        }
        return targets.Select((t, i) =>
        {
            try
            {
                var identifier = IdentifierNormaliser.Normalise(
                    t?.Type ?? throw new InvalidInputException("type", "is required."), t.Value, context);
                return (object)new { type = identifier.Type, value = identifier.Value, display = identifier.Display };
            }
            catch (InvalidInputException invalid)
            {
                throw new InvalidInputException($"targets[{i}]", invalid.Message);
            }
        }).ToList();
    }

    private static string? Currency(string? code) =>
        code is null ? null
        : code.Trim().Length == 3 && code.Trim().All(char.IsAsciiLetter) ? code.Trim().ToUpperInvariant()
        : throw new InvalidInputException("currency", "must be an ISO 4217 code such as HKD, GBP or EUR.");

    private static string? Optional(string? value, string field, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : InputText.Required(value, field, max);
}
