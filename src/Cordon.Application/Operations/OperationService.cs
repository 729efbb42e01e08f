using Cordon.Application.Audit;
using Cordon.Application.Cases;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Application.Response;
using Cordon.Core.Cases;
using Cordon.Core.Errors;
using Cordon.Core.Members;
using Cordon.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Operations;

/// <summary>
/// Joint operations: opened by a lead, joined by participants of this node and of peer nodes, worked through targets,
/// requests sent under it and free tasks, and measured on a results board. Only participants see an operation and
/// anything filed under it (<see cref="VisibleTo"/>); every change is audited, written to the timeline and announced to
/// the participants of this node (<c>operation.updated</c>).
/// </summary>
public sealed class OperationService(CordonDb db, AuditLog audit, Notifications notifications, GraphService graph, ReadLog reads, TimeProvider clock)
{
    public const int MaxParticipants = 200;
    public const int MaxTargets = 1000;
    public const int MaxTasks = 2000;
    public const int MaxResults = 10000;

    /// <summary>The access policy's operation scope: an operation (and what is filed under it) is its participants' only.</summary>
    public static IQueryable<Operation> VisibleTo(IQueryable<Operation> operations, Guid organisationId) =>
        operations.Where(o => o.Participants.Any(p => p.OrganisationId == organisationId));

    public async Task<OperationView> CreateAsync(Caller caller, OperationInput input, CancellationToken cancellationToken = default)
    {
        caller.Actor.Demand(Permission.Respond);
        var now = clock.GetUtcNow();
        var startsAt = input.StartsAt ?? now;
        var operation = new Operation
        {
            Id = Guid.CreateVersion7(now),
            Name = InputText.Required(input.Name, "name", 200),
            LeadOrganisationId = caller.OrganisationId,
            Objectives = InputText.Multiline(input.Objectives, "objectives", 4000),
            Countries = CountriesText(input.Countries),
            StartsAt = startsAt,
            EndsAt = Period(startsAt, input.EndsAt),
            Status = OperationStatus.Planning,
            CreatedBy = caller.Actor.ActorId,
            CreatedAt = now,
            ChangedAt = now,
        };
        operation.Participants.Add(new OperationParticipant { OrganisationId = caller.OrganisationId, Role = ParticipantRole.Lead, AddedAt = now });
        var others = input.Participants ?? [];
        if (others.Count > MaxParticipants)
        {
            throw new InvalidInputException("participants", $"an operation has at most {MaxParticipants} participants.");
        }
        foreach (var (participant, index) in others.Select((p, i) => (p, i)))
        {
            var organisation = participant?.Organisation ?? throw new InvalidInputException($"participants[{index}].organisation", "is required.");
            var role = participant.Role ?? ParticipantRole.Participant;
            if (role == ParticipantRole.Lead)
            {
                throw new InvalidInputException($"participants[{index}].role", "the organisation that opens the operation is its lead: name others as participant or observer.");
            }
            if (operation.Participants.Any(p => p.OrganisationId == organisation))
            {
                continue;
            }
            operation.Participants.Add(new OperationParticipant { OrganisationId = organisation, Role = role, AddedAt = now });
        }
        await RequireOrganisationsAsync(operation.Participants.Select(p => p.OrganisationId).ToList(), "participants", cancellationToken);
        await audit.WriteAsync(caller.Actor, async () =>
        {
            operation.DateAdded = await audit.NextDateAddedAsync(cancellationToken);
            db.Operations.Add(operation);
            Note(operation, caller, "created", $"Opened with {operation.Participants.Count} participants.", now);
            await AnnounceAsync(operation, "created", cancellationToken);
            return new AuditedChange<Guid>(operation.Id, "operation.create", "operation", [operation.Id],
                new { operation.Name, Participants = operation.Participants.Count });
        }, cancellationToken);
        return await GetAsync(caller, operation.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<(Operation Operation, string LeadName, ParticipantRole Role)>> ListAsync(Caller caller, OperationStatus? status, int limit,
        CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > 500)
        {
            throw new InvalidInputException("limit", "must be between 1 and 500.");
        }
        var query = VisibleTo(db.Operations.AsNoTracking().Include(o => o.Participants), caller.OrganisationId);
        if (status is { } s)
        {
            query = query.Where(o => o.Status == s);
        }
        var operations = await query.OrderByDescending(o => o.ChangedAt).Take(limit).AsSplitQuery().ToListAsync(cancellationToken);
        var leadIds = operations.Select(o => o.LeadOrganisationId).Distinct().ToList();
        var leads = await db.Organisations.AsNoTracking().Where(o => leadIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        reads.Items(caller.Actor, "operation", operations.Select(o => o.Id));
        return operations.Select(o => (o, leads[o.LeadOrganisationId], o.Participants.Single(p => p.OrganisationId == caller.OrganisationId).Role)).ToList();
    }

    public async Task<OperationView> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken = default)
    {
        var operation = await FindAsync(caller, id, tracking: false, cancellationToken);
        reads.Items(caller.Actor, "operation", [operation.Id]);
        return await ViewAsync(caller, operation, cancellationToken);
    }

    private async Task<OperationView> ViewAsync(Caller caller, Operation operation, CancellationToken cancellationToken)
    {
        var id = operation.Id;
        var tasks = await db.OperationTasks.AsNoTracking().Where(t => t.OperationId == id).OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        var results = await db.OperationResults.AsNoTracking().Where(r => r.OperationId == id).OrderBy(r => r.ReportedAt).ToListAsync(cancellationToken);
        var requests = await db.Requests.AsNoTracking().Where(r => r.OperationId == id).OrderBy(r => r.SentAt).ToListAsync(cancellationToken);
        var organisationIds = operation.Participants.Select(p => p.OrganisationId).Concat(requests.Select(r => r.SenderId))
            .Concat(requests.Select(r => r.RecipientId).OfType<Guid>()).Concat(results.Select(r => r.OrganisationId)).Append(operation.LeadOrganisationId)
            .Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var peerNames = await db.Peers.AsNoTracking().Where(p => organisationIds.Contains(p.OrganisationId))
            .ToDictionaryAsync(p => p.OrganisationId, p => p.Name, cancellationToken);
        var participants = operation.Participants.OrderBy(p => p.Role).ThenBy(p => p.AddedAt).Select(p =>
        {
            var o = organisations[p.OrganisationId];
            return new ParticipantView(p.OrganisationId, o.Name, o.Country, o.HomeNode ?? peerNames.GetValueOrDefault(p.OrganisationId), p.Role, p.AddedAt);
        }).ToList();
        var requestViews = requests.Select(r => new OperationRequestView(r.Id, r.Kind, r.State, r.SenderId, r.RecipientId, TargetCount(r.Targets),
            r.AmountFrozen, r.OutcomeCurrency ?? r.Currency, r.SentAt, r.ActionedAt)).ToList();
        var names = organisations.ToDictionary(o => o.Key, o => (o.Value.Name, o.Value.Country));
        var board = ResultsBoard.Of(participants, requestViews, results, names);
        var updates = await db.OperationUpdates.AsNoTracking().Where(u => u.OperationId == id).ToListAsync(cancellationToken);
        var requestIds = requests.Select(r => r.Id).ToList();
        var transitions = await db.RequestTransitions.AsNoTracking().Where(t => requestIds.Contains(t.RequestId)).ToListAsync(cancellationToken);
        var kinds = requests.ToDictionary(r => r.Id, r => r.Kind);
        string Name(Guid? organisation) => organisation is { } o && organisations.TryGetValue(o, out var known) ? known.Name : "Cordon";
        var timeline = updates.Select(u => new TimelineEntry(u.At, u.Kind, u.OrganisationId, u.Text))
            .Concat(transitions.Select(t => new TimelineEntry(t.At, $"request.{CordonJson.Name(t.To)}", t.ByOrganisationId,
                $"{CordonJson.Name(kinds[t.RequestId])} request {t.RequestId}: {CordonJson.Name(t.To)} by {Name(t.ByOrganisationId)}")))
            .OrderBy(e => e.At).ToList();
        var targets = await VisibleTargetsAsync(caller, operation.Targets, cancellationToken);
        var role = operation.Participants.Single(p => p.OrganisationId == caller.OrganisationId).Role;
        return new OperationView(operation, organisations[operation.LeadOrganisationId].Name, participants, targets, tasks, requestViews, results, board,
            timeline, role);
    }

    /// <summary>Targets the caller may see itself: an operation never opens a case or an indicator to a participant.</summary>
    private async Task<IReadOnlyList<OperationTarget>> VisibleTargetsAsync(Caller caller, IReadOnlyList<OperationTarget> targets, CancellationToken cancellationToken)
    {
        var caseIds = targets.Where(t => t.Kind == TargetKind.Case).Select(t => t.ItemId).ToList();
        var indicatorIds = targets.Where(t => t.Kind == TargetKind.Indicator).Select(t => t.ItemId).ToList();
        var seen = (await db.Cases.AsNoTracking().VisibleTo(caller.Viewer).Where(c => caseIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken))
            .Concat(await db.Indicators.AsNoTracking().VisibleTo(caller.Viewer).Where(i => indicatorIds.Contains(i.Id)).Select(i => i.Id)
                .ToListAsync(cancellationToken))
            .ToHashSet();
        var ringCases = targets.Where(t => t.Kind == TargetKind.Ring).SelectMany(RingCaseIds).Distinct().ToList();
        var seenRingCases = (await db.Cases.AsNoTracking().VisibleTo(caller.Viewer).Where(c => ringCases.Contains(c.Id)).Select(c => c.Id)
            .ToListAsync(cancellationToken)).ToHashSet();
        return targets.Where(t => t.Kind == TargetKind.Ring ? seenRingCases.Contains(t.ItemId) : seen.Contains(t.ItemId))
            .Select(t => t.Kind != TargetKind.Ring ? t : new OperationTarget
            {
                Id = t.Id,
                OperationId = t.OperationId,
                Kind = t.Kind,
                ItemId = t.ItemId,
                AddedAt = t.AddedAt,
                AddedByOrganisation = t.AddedByOrganisation,
                RingCases = string.Join(' ', RingCaseIds(t).Where(seenRingCases.Contains)),
            })
            .OrderBy(t => t.AddedAt).ToList();
    }

    public static IEnumerable<Guid> RingCaseIds(OperationTarget target) =>
        string.IsNullOrEmpty(target.RingCases) ? [] : target.RingCases.Split(' ').Select(Guid.Parse);

    /// <summary>The lead changes the operation's name, objectives, countries, period or status (planning → active → closed; closed is final).</summary>
    public async Task<OperationView> ChangeAsync(Caller caller, Guid id, OperationChange change, CancellationToken cancellationToken = default)
    {
        var operation = await ForLeadAsync(caller, id, cancellationToken);
        var now = clock.GetUtcNow();
        var said = new List<string>();
        if (change.Name is not null)
        {
            operation.Name = InputText.Required(change.Name, "name", 200);
            said.Add("name");
        }
        if (change.Objectives is not null)
        {
            operation.Objectives = InputText.Multiline(change.Objectives, "objectives", 4000);
            said.Add("objectives");
        }
        if (change.Countries is not null)
        {
            operation.Countries = CountriesText(change.Countries);
            said.Add("countries");
        }
        if (change.StartsAt is not null || change.EndsAt is not null)
        {
            operation.StartsAt = change.StartsAt ?? operation.StartsAt;
            operation.EndsAt = Period(operation.StartsAt, change.EndsAt ?? operation.EndsAt);
            said.Add("period");
        }
        if (change.Status is { } status && status != operation.Status)
        {
            if (status < operation.Status)
            {
                throw new ConflictException($"An operation goes from planning to active to closed; it cannot go back to {CordonJson.Name(status)}.");
            }
            operation.Status = status;
            operation.ClosedAt = status == OperationStatus.Closed ? now : null;
            said.Add($"status {CordonJson.Name(status)}");
        }
        if (said.Count == 0)
        {
            throw new InvalidInputException("body", "change at least one of name, objectives, countries, startsAt, endsAt, status.");
        }
        await SaveAsync(caller, operation, "operation.change", "changed", $"Changed: {string.Join(", ", said)}.", new { Changed = said }, cancellationToken);
        return await ViewAsync(caller, operation, cancellationToken);
    }

    public async Task<OperationView> AddParticipantAsync(Caller caller, Guid id, ParticipantInput input, CancellationToken cancellationToken = default)
    {
        var operation = await ForLeadAsync(caller, id, cancellationToken);
        var organisation = input.Organisation ?? throw new InvalidInputException("organisation", "is required.");
        var role = input.Role ?? ParticipantRole.Participant;
        if (role == ParticipantRole.Lead)
        {
            throw new InvalidInputException("role", "an operation has one lead: name a participant or an observer.");
        }
        if (operation.Participants.Count >= MaxParticipants)
        {
            throw new InvalidInputException("organisation", $"an operation has at most {MaxParticipants} participants.");
        }
        await RequireOrganisationsAsync([organisation], "organisation", cancellationToken);
        var now = clock.GetUtcNow();
        if (operation.Participants.SingleOrDefault(p => p.OrganisationId == organisation) is { } existing)
        {
            if (existing.Role == ParticipantRole.Lead)
            {
                throw new InvalidInputException("organisation", "is the operation's lead.");
            }
            existing.Role = role;
        }
        else
        {
            operation.Participants.Add(new OperationParticipant { OperationId = id, OrganisationId = organisation, Role = role, AddedAt = now });
        }
        if (await db.Organisations.Where(o => o.Id == organisation).Select(o => o.HomeNode).SingleAsync(cancellationToken) is { } home)
        {
            operation.FormerNodes = operation.FormerNodes.Replace($" {home} ", " ", StringComparison.Ordinal);
        }
        var name = await db.Organisations.Where(o => o.Id == organisation).Select(o => o.Name).SingleAsync(cancellationToken);
        await SaveAsync(caller, operation, "operation.participant", "participant", $"{name} joins as {CordonJson.Name(role)}.",
            new { Organisation = organisation, Role = role.ToString() }, cancellationToken);
        return await ViewAsync(caller, operation, cancellationToken);
    }

    public async Task<OperationView> RemoveParticipantAsync(Caller caller, Guid id, Guid organisation, CancellationToken cancellationToken = default)
    {
        var operation = await ForLeadAsync(caller, id, cancellationToken);
        var participant = operation.Participants.SingleOrDefault(p => p.OrganisationId == organisation) ?? throw new NotFoundException("participant");
        if (participant.Role == ParticipantRole.Lead)
        {
            throw new ConflictException("The lead cannot leave its own operation.");
        }
        operation.Participants.Remove(participant);
        var removed = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisation, cancellationToken);
        var name = removed.Name;
        if (removed.HomeNode is { } node)
        {
            var remaining = operation.Participants.Select(p => p.OrganisationId).ToList();
            if (!await db.Organisations.AnyAsync(o => remaining.Contains(o.Id) && o.HomeNode == node, cancellationToken))
            {
                // That node keeps receiving the operation until it has learnt that none of its organisations takes part.
                operation.FormerNodes += $"{node} "; // " " then " node-b " then " node-b node-c "…
            }
        }
        await SaveAsync(caller, operation, "operation.participant", "participant", $"{name} leaves the operation.",
            new { Organisation = organisation, Removed = true }, cancellationToken);
        return await ViewAsync(caller, operation, cancellationToken);
    }

    /// <summary>A case, a ring (named by its id from the graph) or an indicator the caller may see, added by the lead or a participant.</summary>
    public async Task<OperationView> AddTargetAsync(Caller caller, Guid id, TargetInput input, CancellationToken cancellationToken = default)
    {
        var operation = await ForWorkAsync(caller, id, cancellationToken);
        var kind = input.Kind ?? throw new InvalidInputException("kind", $"is required: {CordonJson.Names<TargetKind>()}.");
        var itemId = input.Id ?? throw new InvalidInputException("id", "is required.");
        if (operation.Targets.Count >= MaxTargets)
        {
            throw new InvalidInputException("id", $"an operation has at most {MaxTargets} targets.");
        }
        string? ringCases = null;
        switch (kind)
        {
            case TargetKind.Case when !await db.Cases.AsNoTracking().VisibleTo(caller.Viewer).AnyAsync(c => c.Id == itemId, cancellationToken):
                throw new InvalidInputException("id", "must name a case your organisation may see.");
            case TargetKind.Indicator when !await db.Indicators.AsNoTracking().VisibleTo(caller.Viewer).AnyAsync(i => i.Id == itemId, cancellationToken):
                throw new InvalidInputException("id", "must name an indicator your organisation may see.");
            case TargetKind.Ring:
                var ring = (await graph.LoadAsync(caller, cancellationToken)).Rings(int.MaxValue).FirstOrDefault(r => r.Id == itemId)
                           ?? throw new InvalidInputException("id", "must name a ring the graph finds among the cases your organisation may see (GET /api/v1/graph/rings).");
                ringCases = string.Join(' ', ring.CaseIds.Take(1000));
                break;
        }
        if (operation.Targets.Any(t => t.Kind == kind && t.ItemId == itemId))
        {
            return await ViewAsync(caller, operation, cancellationToken);
        }
        var now = clock.GetUtcNow();
        operation.Targets.Add(new OperationTarget
        {
            Id = Guid.CreateVersion7(now),
            OperationId = id,
            Kind = kind,
            ItemId = itemId,
            RingCases = ringCases,
            AddedByOrganisation = caller.OrganisationId,
            AddedAt = now,
        });
        await SaveAsync(caller, operation, "operation.target", "target", $"A {CordonJson.Name(kind)} is added to the targets.",
            new { Kind = kind.ToString(), Item = itemId }, cancellationToken);
        return await ViewAsync(caller, operation, cancellationToken);
    }

    public async Task<OperationView> RemoveTargetAsync(Caller caller, Guid id, Guid targetId, CancellationToken cancellationToken = default)
    {
        var operation = await ForWorkAsync(caller, id, cancellationToken);
        var target = operation.Targets.SingleOrDefault(t => t.Id == targetId) ?? throw new NotFoundException("target");
        operation.Targets.Remove(target);
        await SaveAsync(caller, operation, "operation.target", "target", $"A {CordonJson.Name(target.Kind)} is removed from the targets.",
            new { Kind = target.Kind.ToString(), Item = target.ItemId, Removed = true }, cancellationToken);
        return await ViewAsync(caller, operation, cancellationToken);
    }

    /// <summary>A free task for one participant (not an observer) with an optional deadline.</summary>
    public async Task<OperationTask> AddTaskAsync(Caller caller, Guid id, TaskInput input, CancellationToken cancellationToken = default)
    {
        var operation = await ForWorkAsync(caller, id, cancellationToken);
        var assignee = input.Assignee ?? throw new InvalidInputException("assignee", "is required: the participant who is to do it.");
        if (operation.Participants.SingleOrDefault(p => p.OrganisationId == assignee) is not { Role: not ParticipantRole.Observer })
        {
            throw new InvalidInputException("assignee", "must be a participant of the operation (not an observer).");
        }
        if (await db.OperationTasks.CountAsync(t => t.OperationId == id, cancellationToken) >= MaxTasks)
        {
            throw new InvalidInputException("title", $"an operation has at most {MaxTasks} free tasks.");
        }
        var now = clock.GetUtcNow();
        var task = new OperationTask
        {
            Id = Guid.CreateVersion7(now),
            OperationId = id,
            Title = InputText.Required(input.Title, "title", 500),
            AssigneeOrganisationId = assignee,
            DueAt = input.DueAt,
            State = TaskState.Open,
            CreatedByOrganisation = caller.OrganisationId,
            CreatedAt = now,
        };
        db.OperationTasks.Add(task);
        await SaveAsync(caller, operation, "operation.task", "task", $"Task: {task.Title}", new { Task = task.Id, Assignee = assignee }, cancellationToken);
        return task;
    }

    /// <summary>The assignee, the task's author or the lead marks a task done or cancelled, with a note.</summary>
    public async Task<OperationTask> ChangeTaskAsync(Caller caller, Guid id, Guid taskId, TaskChange change, CancellationToken cancellationToken = default)
    {
        var operation = await ForWorkAsync(caller, id, cancellationToken);
        var task = await db.OperationTasks.SingleOrDefaultAsync(t => t.OperationId == id && t.Id == taskId, cancellationToken)
                   ?? throw new NotFoundException("task");
        if (caller.OrganisationId != task.AssigneeOrganisationId && caller.OrganisationId != task.CreatedByOrganisation
            && caller.OrganisationId != operation.LeadOrganisationId)
        {
            throw new ForbiddenException("Only the task's assignee, its author or the operation's lead may change it.");
        }
        var state = change.State ?? throw new InvalidInputException("state", $"is required: {CordonJson.Names<TaskState>()}.");
        if (task.State != TaskState.Open)
        {
            throw new ConflictException($"The task is {CordonJson.Name(task.State)} already.");
        }
        task.State = state;
        task.Note = string.IsNullOrWhiteSpace(change.Note) ? null : InputText.Multiline(change.Note, "note", 2000);
        task.ClosedAt = state == TaskState.Open ? null : clock.GetUtcNow();
        await SaveAsync(caller, operation, "operation.task", "task", $"Task {CordonJson.Name(state)}: {task.Title}", new { Task = task.Id, State = state.ToString() },
            cancellationToken);
        return task;
    }

    /// <summary>A result a participant reports by hand, in its country unless it names another.</summary>
    public async Task<OperationResult> ReportResultAsync(Caller caller, Guid id, ResultInput input, CancellationToken cancellationToken = default)
    {
        var operation = await ForWorkAsync(caller, id, cancellationToken);
        var measure = input.Measure ?? throw new InvalidInputException("measure", $"is required: {CordonJson.Names<ResultMeasure>()}.");
        var quantity = input.Quantity ?? throw new InvalidInputException("quantity", "is required.");
        if (quantity <= 0 || quantity > 1_000_000_000_000m || decimal.Round(quantity, ResultMeasures.IsAmount(measure) ? 4 : 0) != quantity)
        {
            throw new InvalidInputException("quantity", ResultMeasures.IsAmount(measure)
                ? "must be an amount above 0 with at most 4 decimals." : "must be a whole number above 0.");
        }
        string? currency = null;
        if (ResultMeasures.IsAmount(measure))
        {
            currency = Currencies.Normalise(input.Currency ?? throw new InvalidInputException("currency", "an amount gives its ISO 4217 currency."), "currency");
        }
        else if (input.Currency is not null)
        {
            throw new InvalidInputException("currency", $"only amounts have a currency; {CordonJson.Name(measure)} is a count.");
        }
        var country = input.Country is null
            ? await db.Organisations.Where(o => o.Id == caller.OrganisationId).Select(o => o.Country).SingleAsync(cancellationToken)
            : Countries.Normalise(input.Country) ?? throw new InvalidInputException("country", $"'{input.Country}' is not an ISO 3166-1 alpha-2 code.");
        if (await db.OperationResults.CountAsync(r => r.OperationId == id, cancellationToken) >= MaxResults)
        {
            throw new InvalidInputException("measure", $"an operation keeps at most {MaxResults} reported results.");
        }
        var now = clock.GetUtcNow();
        var result = new OperationResult
        {
            Id = Guid.CreateVersion7(now),
            OperationId = id,
            OrganisationId = caller.OrganisationId,
            Country = country,
            Measure = measure,
            Quantity = quantity,
            Currency = currency,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : InputText.Multiline(input.Note, "note", 2000),
            ReportedBy = caller.Actor.ActorId,
            ReportedAt = now,
        };
        db.OperationResults.Add(result);
        var figure = currency is null ? quantity.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)
            : $"{quantity.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)} {currency}";
        await SaveAsync(caller, operation, "operation.result", "result", $"Reported {CordonJson.Name(measure)}: {figure} ({country}).",
            new { Result = result.Id, Measure = measure.ToString(), Quantity = quantity, Currency = currency, Country = country }, cancellationToken);
        return result;
    }

    /// <summary>
    /// An operation its node sent (inside the peer sync's transaction): stored or brought up to date, with its participants
    /// and every result, when an organisation of this node takes part; a refusal is an <see cref="Core.Stix.InvalidStixException"/>.
    /// </summary>
    public async Task<string> ReceiveAsync(OperationReading reading, Guid lead, string peer, CancellationToken cancellationToken)
    {
        var candidates = Core.Stix.StixIds.CordonIdsOf(reading.Id);
        var existing = await db.Operations.Include(o => o.Participants).SingleOrDefaultAsync(o => candidates.Contains(o.Id), cancellationToken);
        if (existing is { OriginNode: null })
        {
            return "this node's own operation, already held";
        }
        if (existing is not null && existing.OriginNode != peer)
        {
            throw new Core.Stix.InvalidStixException("only the node that runs the operation may send it.");
        }
        if (existing is not null && reading.ChangedAt <= existing.ChangedAt)
        {
            return "already held (same or newer version)";
        }
        var participantIds = reading.Participants.SelectMany(p => Core.Stix.StixIds.CordonIdsOf(p.Organisation)).ToList();
        var known = (await db.Organisations.AsNoTracking().Where(o => participantIds.Contains(o.Id)).Select(o => new { o.Id, o.HomeNode }).ToListAsync(cancellationToken))
            .Concat(db.Organisations.Local.Where(o => participantIds.Contains(o.Id)).Select(o => new { o.Id, o.HomeNode })).DistinctBy(o => o.Id).ToList();
        var peerOrganisations = await db.Peers.AsNoTracking().Select(p => p.OrganisationId).ToListAsync(cancellationToken);
        if (!known.Any(o => o.HomeNode == null && !peerOrganisations.Contains(o.Id)))
        {
            if (existing is null)
            {
                throw new Core.Stix.InvalidStixException("no organisation of this node takes part in the operation.");
            }
            // Its node took this node's organisations off the operation: the copy here goes.
            db.Operations.Remove(existing);
            return "withdrawn: no organisation of this node takes part any more";
        }
        Guid? Local(Guid stixUuid) => Core.Stix.StixIds.CordonIdsOf(stixUuid).Cast<Guid?>().FirstOrDefault(id => known.Any(o => o.Id == id));
        var now = clock.GetUtcNow();
        var operation = existing ?? new Operation
        {
            Id = reading.Id,
            Name = reading.Name,
            Objectives = reading.Objectives,
            Countries = reading.Countries,
            CreatedBy = "federation",
            CreatedAt = reading.CreatedAt,
            OriginNode = peer,
        };
        (operation.Name, operation.Objectives, operation.Countries, operation.LeadOrganisationId) = (reading.Name, reading.Objectives, reading.Countries, lead);
        (operation.StartsAt, operation.EndsAt, operation.Status, operation.ClosedAt) = (reading.StartsAt, reading.EndsAt, reading.Status, reading.ClosedAt);
        operation.ChangedAt = reading.ChangedAt;
        operation.DateAdded = await audit.NextDateAddedAsync(cancellationToken);
        operation.Version++;
        var participants = reading.Participants.Select(p => (Id: Local(p.Organisation), p.Role)).Where(p => p.Id is not null).ToList();
        operation.Participants.RemoveAll(p => participants.All(r => r.Id != p.OrganisationId));
        foreach (var (id, role) in participants)
        {
            if (operation.Participants.SingleOrDefault(p => p.OrganisationId == id) is { } same)
            {
                same.Role = role;
            }
            else
            {
                operation.Participants.Add(new OperationParticipant { OperationId = operation.Id, OrganisationId = id!.Value, Role = role, AddedAt = now });
            }
        }
        if (existing is null)
        {
            db.Operations.Add(operation);
        }
        var resultIds = reading.Results.SelectMany(r => Core.Stix.StixIds.CordonIdsOf(r.Id)).ToList();
        var heldResults = (await db.OperationResults.AsNoTracking().Where(r => resultIds.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken))
            .Concat(db.OperationResults.Local.Select(r => r.Id)).ToHashSet();
        foreach (var result in reading.Results.Where(r => !Core.Stix.StixIds.CordonIdsOf(r.Id).Any(heldResults.Contains)))
        {
            // Only a result of a participant (not an observer) of another node: this node's own members report here.
            var reporter = Local(result.OrganisationId);
            if (reporter is null || known.Single(o => o.Id == reporter).HomeNode is null
                || participants.SingleOrDefault(p => p.Id == reporter).Role is not (ParticipantRole.Lead or ParticipantRole.Participant))
            {
                continue;
            }
            result.OperationId = operation.Id;
            result.OrganisationId = reporter.Value;
            result.OriginNode = peer;
            result.DateAdded = await audit.NextDateAddedAsync(cancellationToken);
            db.OperationResults.Add(result);
        }
        db.OperationUpdates.Add(new OperationUpdate
        {
            Id = Guid.CreateVersion7(now),
            OperationId = operation.Id,
            OrganisationId = lead,
            Actor = $"peer:{peer}",
            Kind = existing is null ? "created" : "changed",
            Text = existing is null ? $"Received from node {peer}." : $"Updated by node {peer} ({CordonJson.Name(operation.Status)}).",
            At = now,
        });
        await AnnounceAsync(operation, existing is null ? "created" : "changed", cancellationToken);
        return existing is null ? "created" : "updated to the newer version";
    }

    /// <summary>A result reported on a participant node for an operation this node runs (inside the peer sync's transaction).</summary>
    public async Task<string> ReceiveResultAsync(ResultReading reading, Guid reporter, string peer, CancellationToken cancellationToken)
    {
        var candidates = Core.Stix.StixIds.CordonIdsOf(reading.OperationId);
        var operation = await db.Operations.Include(o => o.Participants).SingleOrDefaultAsync(o => candidates.Contains(o.Id) && o.OriginNode == null, cancellationToken);
        if (operation is null || operation.Participants.SingleOrDefault(p => p.OrganisationId == reporter) is not { Role: not ParticipantRole.Observer })
        {
            throw new Core.Stix.InvalidStixException("not a result of a participant in an operation this node runs.");
        }
        var resultIds = Core.Stix.StixIds.CordonIdsOf(reading.Result.Id);
        if (await db.OperationResults.AnyAsync(r => resultIds.Contains(r.Id), cancellationToken) || db.OperationResults.Local.Any(r => resultIds.Contains(r.Id)))
        {
            return "already held (same or newer version)";
        }
        if (operation.Status == OperationStatus.Closed)
        {
            throw new Core.Stix.InvalidStixException("the operation is closed: its record is final.");
        }
        var result = reading.Result;
        result.OperationId = operation.Id;
        result.OrganisationId = reporter;
        result.OriginNode = peer;
        result.DateAdded = await audit.NextDateAddedAsync(cancellationToken);
        db.OperationResults.Add(result);
        var now = clock.GetUtcNow();
        if (operation.OriginNode is null)
        {
            // A copy from the operation's node keeps that node's version, so that a newer one is told from an older one.
            operation.ChangedAt = now;
        }
        operation.DateAdded = await audit.NextDateAddedAsync(cancellationToken);
        operation.Version++;
        var quantity = result.Quantity.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        db.OperationUpdates.Add(new OperationUpdate
        {
            Id = Guid.CreateVersion7(now),
            OperationId = operation.Id,
            OrganisationId = reporter,
            Actor = $"peer:{peer}",
            Kind = "result",
            Text = $"Reported {CordonJson.Name(result.Measure)}: {quantity}{(result.Currency is null ? "" : " " + result.Currency)} ({result.Country}), from node {peer}.",
            At = now,
        });
        await AnnounceAsync(operation, "result", cancellationToken);
        return "created";
    }

    /// <summary>
    /// For <see cref="RequestService"/>: a request filed under an operation is sent by one of its participants (not an
    /// observer) to another, while the operation is not closed.
    /// </summary>
    public static async Task RequireRequestPartiesAsync(CordonDb db, Guid operationId, Guid sender, Guid? recipient, CancellationToken cancellationToken)
    {
        var operation = await VisibleTo(db.Operations.AsNoTracking().Include(o => o.Participants), sender)
                            .SingleOrDefaultAsync(o => o.Id == operationId, cancellationToken)
                        ?? throw new InvalidInputException("operation", "must name an operation your organisation takes part in.");
        if (operation.Status == OperationStatus.Closed)
        {
            throw new ConflictException("The operation is closed: nothing more is filed under it.");
        }
        if (operation.Participants.Single(p => p.OrganisationId == sender).Role == ParticipantRole.Observer)
        {
            throw new ForbiddenException("An observer follows the operation; it does not send requests under it.");
        }
        if (recipient is { } to && operation.Participants.All(p => p.OrganisationId != to))
        {
            throw new InvalidInputException("recipient", "a request under an operation goes to one of its participants.");
        }
        if (recipient is null)
        {
            throw new InvalidInputException("operation", "a broadcast to a community is not filed under an operation: send it to a participant.");
        }
    }

    private async Task<Operation> FindAsync(Caller caller, Guid id, bool tracking, CancellationToken cancellationToken)
    {
        var query = tracking ? db.Operations.Include(o => o.Participants).Include(o => o.Targets)
            : db.Operations.AsNoTracking().Include(o => o.Participants).Include(o => o.Targets);
        return await VisibleTo(query, caller.OrganisationId).AsSplitQuery().SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
               ?? throw new NotFoundException("operation");
    }

    /// <summary>An open operation the caller's organisation works on (lead or participant; observers only follow).</summary>
    private async Task<Operation> ForWorkAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        caller.Actor.Demand(Permission.Respond);
        var operation = await FindAsync(caller, id, tracking: true, cancellationToken);
        if (operation.Participants.Single(p => p.OrganisationId == caller.OrganisationId).Role == ParticipantRole.Observer)
        {
            throw new ForbiddenException("An observer follows the operation; only its lead and participants work on it.");
        }
        return Open(operation);
    }

    private async Task<Operation> ForLeadAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        caller.Actor.Demand(Permission.Respond);
        var operation = await FindAsync(caller, id, tracking: true, cancellationToken);
        if (operation.LeadOrganisationId != caller.OrganisationId || operation.OriginNode is not null)
        {
            throw new ForbiddenException("Only the operation's lead changes the operation itself.");
        }
        return Open(operation);
    }

    private static Operation Open(Operation operation) => operation.Status == OperationStatus.Closed
        ? throw new ConflictException("The operation is closed: its record is final.")
        : operation;

    /// <summary>Saves a change with its audit record, timeline entry and announcement, in one transaction.</summary>
    private async Task SaveAsync(Caller caller, Operation operation, string action, string kind, string text, object details,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        operation.ChangedAt = now;
        operation.Version++;
        try
        {
            await audit.WriteAsync(caller.Actor, async () =>
            {
                operation.DateAdded = await audit.NextDateAddedAsync(cancellationToken);
                foreach (var added in db.ChangeTracker.Entries<OperationResult>().Where(e => e.State == EntityState.Added).ToList())
                {
                    added.Entity.DateAdded = await audit.NextDateAddedAsync(cancellationToken);
                }
                Note(operation, caller, kind, text, now);
                await AnnounceAsync(operation, kind, cancellationToken);
                return new AuditedChange<bool>(true, action, "operation", [operation.Id], details);
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("The operation was changed by someone else at the same moment; reload it and try again.");
        }
    }

    private void Note(Operation operation, Caller caller, string kind, string text, DateTimeOffset at) =>
        db.OperationUpdates.Add(new OperationUpdate
        {
            Id = Guid.CreateVersion7(at),
            OperationId = operation.Id,
            OrganisationId = caller.OrganisationId,
            Actor = caller.Actor.ActorId,
            Kind = kind,
            Text = text.Length > 2000 ? text[..2000] : text,
            At = at,
        });

    /// <summary>Tells the participants of this node (peers learn of it by federation).</summary>
    private async Task AnnounceAsync(Operation operation, string change, CancellationToken cancellationToken)
    {
        var participantIds = operation.Participants.Select(p => p.OrganisationId).ToList();
        var local = await db.Organisations.AsNoTracking().Where(o => participantIds.Contains(o.Id) && o.HomeNode == null)
            .Where(o => !db.Peers.Any(p => p.OrganisationId == o.Id)).Select(o => o.Id).ToListAsync(cancellationToken);
        await notifications.EnqueueAsync(local, "operation.updated",
            new { id = operation.Id, name = operation.Name, status = CordonJson.Name(operation.Status), change, at = operation.ChangedAt }, cancellationToken);
    }

    private async Task RequireOrganisationsAsync(IReadOnlyList<Guid> ids, string field, CancellationToken cancellationToken)
    {
        if (await db.Organisations.CountAsync(o => ids.Contains(o.Id), cancellationToken) != ids.Distinct().Count())
        {
            throw new InvalidInputException(field, "must name organisations known to this node (members, or organisations of peer nodes).");
        }
        // An operation travels to participant nodes under TLP:AMBER: a node whose peer entry does not take AMBER cannot join.
        var nodes = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id) && o.HomeNode != null).Select(o => o.HomeNode!).Distinct()
            .ToListAsync(cancellationToken);
        var peers = await db.Peers.AsNoTracking().Where(p => nodes.Contains(p.Name)).ToListAsync(cancellationToken);
        var closed = peers.Where(p => !p.Rules().AllowsTlp(Core.Sharing.Tlp.Amber)).Select(p => p.Name).ToList();
        if (closed.Count > 0 || peers.Count < nodes.Count)
        {
            throw new InvalidInputException(field, closed.Count > 0
                ? $"node {closed[0]} does not take TLP:AMBER from this node, and an operation travels under TLP:AMBER."
                : "names an organisation of a node that is not a peer of this node.");
        }
    }

    private static string CountriesText(IReadOnlyList<string>? countries)
    {
        if (countries is { Count: > 100 })
        {
            throw new InvalidInputException("countries", "name at most 100 countries.");
        }
        return string.Join(' ', (countries ?? []).Select(c => Countries.Normalise(c)
            ?? throw new InvalidInputException("countries", $"'{c}' is not an ISO 3166-1 alpha-2 code.")).Distinct());
    }

    private static DateTimeOffset? Period(DateTimeOffset startsAt, DateTimeOffset? endsAt) =>
        endsAt is { } end && end < startsAt ? throw new InvalidInputException("endsAt", "must not be before startsAt.") : endsAt;

    private static int TargetCount(string targets)
    {
        using var document = System.Text.Json.JsonDocument.Parse(targets);
        return document.RootElement.GetArrayLength();
    }
}
