using System.Text.Json.Nodes;
using Cordon.Application.Audit;
using Cordon.Application.Cases;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Cordon.Core.Stix;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Federation;

/// <summary>
/// Where objects come from: a member adding its own (<c>PeerName</c> null: every object must be its own), a peer
/// node (objects of other nodes' organisations, never of this node's), or a feed (owned by the feed's organisation).
/// </summary>
public sealed record IngestSource(string? PeerName, Tlp DefaultTlp, IReadOnlyList<Category> DefaultCategories, bool IsFeed = false,
    Distribution DefaultDistribution = Distribution.Node)
{
    /// <summary>A member adding to a collection: what it does not mark is distributed as the collection's scope.</summary>
    public static IngestSource Member(Distribution scope) => new(null, Tlp.Amber, [Category.Other], DefaultDistribution: scope);
}

/// <summary>What happened to one object: TAXII's status details (§4.3.1).</summary>
public sealed record ObjectOutcome(string Id, string? Version, bool Succeeded, string Message)
{
    public const string CreatedMessage = "created";
    public const string UpdatedMessage = "updated to the newer version";

    public bool Created => Succeeded && Message == CreatedMessage;

    public bool Updated => Succeeded && Message == UpdatedMessage;
}

/// <summary>
/// Takes STIX objects into the store, in one transaction with one audit record, object by object: a bad object is a
/// failure of its own and never blocks the good ones. Idempotent: an object held already (same id, same or older
/// <c>modified</c>) is a success that changes nothing; a newer <c>modified</c> wins.
/// </summary>
public sealed class StixIngest(CordonDb db, AuditLog audit, TimeProvider clock, IdentifierNormalisation normalisation, Bulletins.BulletinService bulletins,
    Operations.OperationService operations)
{
    private static readonly HashSet<string> StandardObservables =
    [
        "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file", "ipv4-addr", "ipv6-addr",
        "mac-addr", "mutex", "network-traffic", "process", "software", "url", "user-account", "windows-registry-key", "x509-certificate",
    ];

    private static readonly HashSet<string> KeptTypes =
    [
        "attack-pattern", "campaign", "course-of-action", "grouping", "incident", "infrastructure", "intrusion-set", "location", "malware",
        "malware-analysis", "note", "observed-data", "opinion", "report", "threat-actor", "tool", "vulnerability", "relationship", "sighting",
    ];

    public async Task<IReadOnlyList<ObjectOutcome>> IngestAsync(Caller caller, IngestSource source, IReadOnlyList<JsonNode?> objects,
        Func<IReadOnlyList<ObjectOutcome>, Task>? alsoInTransaction = null, CancellationToken cancellationToken = default)
    {
        var (actor, viewer) = caller;
        return await audit.WriteAsync(actor, async () =>
        {
            var outcomes = new ObjectOutcome?[objects.Count];
            var identities = new Dictionary<Guid, IdentityReading>();
            var indicators = new List<(int Index, IndicatorReading Reading)>();
            var kept = new List<(int Index, JsonObject Object, string Reason)>();
            var shared = new List<(int Index, JsonObject Object)>();
            for (var index = 0; index < objects.Count; index++)
            {
                if (source.IsFeed && objects[index] is JsonObject { } authorless && authorless["created_by_ref"] is null)
                {
                    // A feed's objects are the feed organisation's reports whoever wrote them, and many feeds name no author.
                    authorless["created_by_ref"] = StixIds.Of("identity", actor.OrganisationId);
                }
                outcomes[index] = source.PeerName is not null && IsShared(objects[index])
                    ? Shared(index, (JsonObject)objects[index]!, shared)
                    : Classify(index, objects[index], identities, indicators, kept);
            }
            var local = await LocalIdsAsync(viewer, indicators.SelectMany(i => i.Reading.Identifiers.Select(r => r.IndicatorId).Append(i.Reading.CreatedBy))
                .Concat(identities.Keys).Concat(kept.Concat(shared.Select(s => (s.Index, s.Object, ""))).Select(k => CreatedBy(k.Object)).OfType<Guid>())
                .Concat(shared.SelectMany(s => Participants(s.Object))), cancellationToken);
            indicators = indicators.Select(i => (i.Index, local.Of(i.Reading))).ToList();
            identities = identities.Values.ToDictionary(i => local.Of(i.Id), i => i with { Id = local.Of(i.Id) });
            var owners = await OwnersAsync(actor, source, indicators.Select(i => i.Reading.CreatedBy)
                .Concat(kept.Select(k => local.CreatedBy(k.Object) ?? actor.OrganisationId))
                .Concat(shared.Select(s => local.CreatedBy(s.Object)).OfType<Guid>())
                .Concat(shared.SelectMany(s => Participants(s.Object)).Select(local.Of)).Distinct().ToList(), identities, cancellationToken);
            await ApplyIndicatorsAsync(viewer, source, indicators, owners, outcomes, kept, cancellationToken);
            await KeepAsync(actor, source, kept, owners, local, outcomes, cancellationToken);
            await ReceiveSharedAsync(source, shared, owners, local, outcomes, cancellationToken);
            var results = outcomes.Select((o, i) => o ?? new ObjectOutcome(IdOf(objects[i]), null, false, "not processed")).ToList();
            if (alsoInTransaction is not null)
            {
                await alsoInTransaction(results);
            }
            var details = new
            {
                peer = source.PeerName,
                objects = results.Count,
                succeeded = results.Count(r => r.Succeeded),
                failed = results.Count(r => !r.Succeeded),
            };
            return new AuditedChange<IReadOnlyList<ObjectOutcome>>(results, source.PeerName is null ? "stix.add" : "federation.receive",
                "stix", [], details);
        }, cancellationToken);
    }

    private static ObjectOutcome? Classify(int index, JsonNode? node, Dictionary<Guid, IdentityReading> identities,
        List<(int, IndicatorReading)> indicators, List<(int, JsonObject, string)> kept)
    {
        if (node is not JsonObject o)
        {
            return new ObjectOutcome("", null, false, "not a JSON object.");
        }
        string type, id;
        try
        {
            (type, id) = StixReader.TypeAndId(o);
        }
        catch (InvalidStixException bad)
        {
            return new ObjectOutcome(IdOf(o), null, false, bad.Message);
        }
        var version = VersionText(o);
        try
        {
            switch (type)
            {
                case "indicator":
                    var reading = StixReader.Indicator(o);
                    if (reading.NotActedOn is not null)
                    {
                        kept.Add((index, o, reading.NotActedOn));
                        return null;
                    }
                    indicators.Add((index, reading));
                    return null;
                case "identity":
                    var identity = StixReader.Identity(o);
                    identities[identity.Id] = identity;
                    return new ObjectOutcome(id, version, true, "identity noted");
                case "marking-definition" or "extension-definition" or "language-content":
                    return new ObjectOutcome(id, version, true, "definition noted");
                case var sco when StandardObservables.Contains(sco) || ObservableShapes.CustomTypes.ContainsKey(sco):
                    return new ObjectOutcome(id, version, true, "observable noted (Cordon holds it through its indicator)");
                case var other when KeptTypes.Contains(other):
                    StixReader.Version(o);
                    kept.Add((index, o, $"Cordon does not act on {other} objects; kept as received."));
                    return null;
                default:
                    return new ObjectOutcome(id, version, false, $"unknown object type '{type}'.");
            }
        }
        catch (InvalidStixException bad)
        {
            return new ObjectOutcome(id, version, false, bad.Message);
        }
    }

    /// <summary>Bulletins, operations and operations' results, as Cordon peers send them: acted on, not just kept.</summary>
    private static bool IsShared(JsonNode? node) => node is JsonObject o && o["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
        && o["type"]!.GetValue<string>() switch
        {
            "report" => Bulletins.BulletinStix.IsBulletin(o),
            "grouping" => Operations.OperationStix.IsOperation(o),
            "note" => Operations.OperationStix.IsResult(o),
            _ => false,
        };

    private static ObjectOutcome? Shared(int index, JsonObject o, List<(int, JsonObject)> shared)
    {
        try
        {
            StixReader.TypeAndId(o);
            StixReader.Version(o);
            shared.Add((index, o));
            return null;
        }
        catch (InvalidStixException bad)
        {
            return new ObjectOutcome(IdOf(o), null, false, bad.Message);
        }
    }

    /// <summary>The participants an operation's grouping names, as STIX uuids (so that organisations of other nodes can be created).</summary>
    private static IEnumerable<Guid> Participants(JsonObject o) => o["type"]?.GetValue<string>() != "grouping" ? []
        : (o["object_refs"] as JsonArray ?? []).Select(r => r?.GetValueKind() == System.Text.Json.JsonValueKind.String ? r.GetValue<string>() : null)
            .Select(r => StixIds.TryParse(r, out var type, out var uuid) && type == "identity" ? uuid : (Guid?)null).OfType<Guid>().Take(Operations.OperationService.MaxParticipants);

    private async Task ReceiveSharedAsync(IngestSource source, List<(int Index, JsonObject Object)> shared, Dictionary<Guid, Organisation?> owners,
        LocalIds local, ObjectOutcome?[] outcomes, CancellationToken cancellationToken)
    {
        var peer = source.PeerName!;
        var inThisBatch = new HashSet<string>();
        if (shared.Count > 0)
        {
            // What this batch stored so far (the indicators a bulletin names, organisations) is read back by what follows.
            await db.SaveChangesAsync(cancellationToken);
        }
        foreach (var (index, o) in shared)
        {
            var id = o["id"]!.GetValue<string>();
            var version = VersionText(o);
            var createdBy = local.CreatedBy(o);
            if (createdBy is not { } author || owners.GetValueOrDefault(author) is not { } owner || owner == Unspeakable)
            {
                outcomes[index] = new ObjectOutcome(id, version, false, createdBy is { } refused ? OwnerRefusal(source, refused, owners.GetValueOrDefault(refused))
                    : "created_by_ref is required.");
                continue;
            }
            var tlp = o["object_marking_refs"] is JsonArray refs
                ? TlpMarkings.FromRefs(refs.Select(r => r?.GetValueKind() == System.Text.Json.JsonValueKind.String ? r.GetValue<string>() : "")) ?? source.DefaultTlp
                : source.DefaultTlp;
            if (!PeerRules.MayEverLeave(tlp))
            {
                outcomes[index] = new ObjectOutcome(id, version, false, $"TLP:{CordonNames.Tlp(tlp)} never crosses from one node to another.");
                continue;
            }
            if (!inThisBatch.Add(id))
            {
                outcomes[index] = new ObjectOutcome(id, version, true, "already held (same or newer version)");
                continue;
            }
            var type = o["type"]!.GetValue<string>();
            if (type == "grouping" && owner.HomeNode != peer)
            {
                // An operation comes from the node that runs it, never relayed: a relay could claim its id first.
                outcomes[index] = new ObjectOutcome(id, version, false, "an operation is sent by the node that runs it (its lead's home node).");
                continue;
            }
            object reading;
            try
            {
                reading = type switch
                {
                    "report" => Bulletins.BulletinStix.Read(o, tlp, clock.GetUtcNow()),
                    "grouping" => Operations.OperationStix.ReadOperation(o),
                    _ => Operations.OperationStix.ReadResult(o),
                };
            }
            catch (Exception bad) when (bad is InvalidStixException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
            {
                outcomes[index] = new ObjectOutcome(id, version, false, bad is InvalidStixException ? bad.Message : "not a well-formed Cordon object.");
                continue;
            }
            try
            {
                var message = reading switch
                {
                    Bulletins.BulletinReading bulletin => await bulletins.ReceiveAsync(bulletin, owner.Id, peer, cancellationToken),
                    Operations.OperationReading operation => await operations.ReceiveAsync(operation, owner.Id, peer, cancellationToken),
                    _ => await operations.ReceiveResultAsync((Operations.ResultReading)reading, owner.Id, peer, cancellationToken),
                };
                outcomes[index] = new ObjectOutcome(id, version, true, message);
            }
            catch (InvalidStixException bad)
            {
                outcomes[index] = new ObjectOutcome(id, version, false, bad.Message);
            }
        }
    }

    /// <summary>
    /// Resolves who owns what arrives. A member may only add its own objects; a peer or a feed may not speak for an
    /// organisation of this node. Organisations of other nodes are created from their identity (or a placeholder).
    /// </summary>
    private async Task<Dictionary<Guid, Organisation?>> OwnersAsync(Actor actor, IngestSource source, IReadOnlyList<Guid> ids,
        Dictionary<Guid, IdentityReading> identities, CancellationToken cancellationToken)
    {
        var known = await db.Organisations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var owners = new Dictionary<Guid, Organisation?>();
        foreach (var id in ids)
        {
            known.TryGetValue(id, out var organisation);
            if (source.IsFeed)
            {
                // A feed's objects are the feed organisation's reports, whoever the feed names as their author.
                owners[id] = await db.Organisations.SingleAsync(o => o.Id == actor.OrganisationId, cancellationToken);
                continue;
            }
            if (source.PeerName is null || id == actor.OrganisationId)
            {
                // A member adds only its own objects; a peer's own organisation here may own what the peer sends.
                owners[id] = id == actor.OrganisationId ? organisation : null;
                continue;
            }
            if (organisation is not null)
            {
                owners[id] = organisation.HomeNode is null ? null : MaySpeakFor(organisation, source.PeerName!) ? organisation : Unspeakable;
                continue;
            }
            identities.TryGetValue(id, out var identity);
            var home = identity?.OriginNode ?? source.PeerName;
            var name = identity?.Name ?? $"Organisation {id:D}";
            if (await db.Organisations.AnyAsync(o => o.Name == name, cancellationToken) || db.Organisations.Local.Any(o => o.Name == name))
            {
                name = $"{name} ({home})";
            }
            organisation = new Organisation
            {
                Id = id,
                Name = name.Length <= 200 ? name : name[..200],
                Sector = identity?.Sector ?? Sector.Other,
                Country = identity?.Country ?? "ZZ",
                HomeNode = home,
                SpokenForBy = source.PeerName,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Organisations.Add(organisation);
            owners[id] = organisation;
        }
        return owners;
    }

    /// <summary>Stands, among the owners, for an organisation of another node that another peer speaks for.</summary>
    private static readonly Organisation Unspeakable = new() { Name = "", Country = "ZZ" };

    /// <summary>
    /// A peer speaks for the organisations it introduced to this node (its own, or ones it relays from further away)
    /// until their home node speaks for them directly; from then on only the home node does.
    /// </summary>
    private static bool MaySpeakFor(Organisation organisation, string peer)
    {
        if (organisation.SpokenForBy == peer)
        {
            return true;
        }
        if (organisation.HomeNode != peer)
        {
            return false;
        }
        organisation.SpokenForBy = peer;
        return true;
    }

    private static string OwnerRefusal(IngestSource source, Guid createdBy, Organisation? owner) => source.PeerName is null
        ? $"created_by_ref must be your organisation's identity; {StixIds.Of("identity", createdBy)} is not."
        : owner == Unspeakable
            ? $"{StixIds.Of("identity", createdBy)} is spoken for by another peer: only the peer that introduced it here, or its home node, may send its objects."
            : $"{StixIds.Of("identity", createdBy)} is an organisation of this node: a peer cannot speak for it.";

    /// <summary>
    /// A member's or a feed's id that another organisation holds already is taken as the poster's under an id derived from
    /// both, so that two members relaying the same upstream object both keep it, and so that an id never tells the poster
    /// whether another organisation holds it.
    /// </summary>
    private static Guid PostersId(Guid organisationId, Guid id) => StixIds.UuidV5(StixIds.CordonNamespace, $"{organisationId:D}:{id:D}");

    private async Task ApplyIndicatorsAsync(Viewer viewer, IngestSource source, List<(int Index, IndicatorReading Reading)> indicators,
        Dictionary<Guid, Organisation?> owners, ObjectOutcome?[] outcomes, List<(int, JsonObject, string)> kept, CancellationToken cancellationToken)
    {
        var prepared = new List<(int Index, IndicatorReading Reading, ReadIdentifier Read, Identifier Identifier, Organisation Owner)>();
        foreach (var (index, reading) in indicators)
        {
            var version = StixTime.Format(reading.Modified);
            var id = StixIds.Of("indicator", reading.Id);
            if (owners[reading.CreatedBy] is not { } owner || owner == Unspeakable)
            {
                // This node's own indicator coming back round a loop of peers: nothing to do unless it would change it. Only
                // a peer, and only for what it may see, is told so: anyone else gets the same refusal whatever the id.
                var own = source.PeerName is not null && owners[reading.CreatedBy] is null && await db.Indicators.AsNoTracking().VisibleTo(viewer)
                    .AnyAsync(i => i.Id == reading.Id && i.OrganisationId == reading.CreatedBy && i.UpdatedAt >= reading.Modified, cancellationToken);
                outcomes[index] = own
                    ? new ObjectOutcome(id, version, true, "this node's own indicator, already held")
                    : new ObjectOutcome(id, version, false, OwnerRefusal(source, reading.CreatedBy, owners[reading.CreatedBy]));
                continue;
            }
            var tlp = reading.Tlp ?? source.DefaultTlp;
            if (source.PeerName is not null && !PeerRules.MayEverLeave(tlp))
            {
                outcomes[index] = new ObjectOutcome(id, version, false, $"TLP:{CordonNames.Tlp(tlp)} never crosses from one node to another.");
                continue;
            }
            try
            {
                var context = normalisation.For(owner.Country);
                var identifiers = reading.Identifiers.Select(r => (Read: r, Identifier: IdentifierNormaliser.Normalise(r.Type, r.Value, context))).ToList();
                prepared.AddRange(identifiers.Select(x => (index, reading, x.Read, x.Identifier, owner)));
            }
            catch (InvalidInputException refused)
            {
                outcomes[index] = new ObjectOutcome(id, version, false, $"the pattern's value: {refused.Reason}");
            }
        }
        if (prepared.Count == 0)
        {
            return;
        }
        var values = prepared.Select(p => p.Identifier.Value).Distinct().ToList();
        var observables = (await db.Observables.Where(o => values.Contains(o.Value)).ToListAsync(cancellationToken)).ToDictionary(o => (o.Type, o.Value));
        var postersIds = source.PeerName is null;
        var ids = prepared.Select(p => p.Read.IndicatorId)
            .Concat(postersIds ? prepared.Select(p => PostersId(p.Owner.Id, p.Read.IndicatorId)) : []).Distinct().ToList();
        var byId = await db.Indicators.Include(i => i.Observable).Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        // Each owner's indicator of each observable, read once for the whole page rather than once per object.
        var ownerIds = prepared.Select(p => p.Owner.Id).Distinct().ToList();
        var heldObservableIds = observables.Values.Select(o => o.Id).ToList();
        var byOwnerAndObservable = (await db.Indicators.Include(i => i.Observable)
                .Where(i => ownerIds.Contains(i.OrganisationId) && heldObservableIds.Contains(i.ObservableId)).ToListAsync(cancellationToken))
            .Concat(byId.Values).DistinctBy(i => i.Id).ToDictionary(i => (i.OrganisationId, i.ObservableId));
        var now = clock.GetUtcNow();
        foreach (var (index, reading, read, identifier, owner) in prepared)
        {
            var id = StixIds.Of("indicator", reading.Id);
            var version = StixTime.Format(reading.Modified);
            if (!observables.TryGetValue((identifier.Type, identifier.Value), out var observable))
            {
                observable = Observable.For(identifier, now);
                observables[(identifier.Type, identifier.Value)] = observable;
                db.Observables.Add(observable);
            }
            var indicatorId = read.IndicatorId;
            if (postersIds && byId.GetValueOrDefault(indicatorId) is { } taken && taken.OrganisationId != owner.Id)
            {
                indicatorId = PostersId(owner.Id, indicatorId);
                if (byId.GetValueOrDefault(indicatorId) is { } claimed && claimed.OrganisationId != owner.Id)
                {
                    // Another organisation took this poster's derived id first: it never becomes theirs.
                    outcomes[index] ??= new ObjectOutcome(id, version, false, "the id is not available; send the object with a new id.");
                    continue;
                }
            }
            var existing = byId.GetValueOrDefault(indicatorId) ?? byOwnerAndObservable.GetValueOrDefault((owner.Id, observable.Id));
            if (existing is not null && existing.OrganisationId != owner.Id)
            {
                outcomes[index] ??= new ObjectOutcome(id, version, false, "the id belongs to another organisation's indicator.");
                continue;
            }
            if (existing is not null && existing.ObservableId != observable.Id)
            {
                outcomes[index] ??= new ObjectOutcome(id, version, false, "the id belongs to an indicator of another identifier.");
                continue;
            }
            if (existing is not null && StixTime.ToMilliseconds(existing.UpdatedAt) >= reading.Modified)
            {
                outcomes[index] ??= new ObjectOutcome(id, version, true, "already held (same or newer version)");
                continue;
            }
            var indicator = existing ?? new Indicator
            {
                Id = indicatorId,
                ObservableId = observable.Id,
                Observable = observable,
                OrganisationId = owner.Id,
                OriginalValue = "",
                CreatedAt = reading.Created,
            };
            Apply(indicator, reading, identifier, source);
            await audit.StampAsync(indicator, cancellationToken);
            if (existing is null)
            {
                db.Indicators.Add(indicator);
                byId[indicator.Id] = indicator;
                byOwnerAndObservable[(owner.Id, observable.Id)] = indicator;
            }
            outcomes[index] ??= new ObjectOutcome(id, version, true, existing is null ? ObjectOutcome.CreatedMessage : ObjectOutcome.UpdatedMessage);
        }
    }

    private static void Apply(Indicator indicator, IndicatorReading reading, Identifier identifier, IngestSource source)
    {
        var categories = reading.Categories.Count > 0 ? reading.Categories : source.DefaultCategories;
        indicator.OriginalValue = identifier.Type == IdentifierType.PaymentCard ? identifier.Display : Trim(identifier.Value, 2048);
        indicator.CategoryFlags = CategorySet.ToFlags(categories);
        indicator.Confidence = reading.Confidence ?? 50;
        indicator.FirstSeen = reading.ValidFrom;
        indicator.LastSeen = reading.LastSeen ?? reading.Modified;
        indicator.ValidUntil = reading.ValidUntil;
        indicator.Tlp = reading.Tlp ?? source.DefaultTlp;
        // A feed's items go as far as the feed is configured to share them; a peer's item may travel on only if its owner
        // distributed it to the federation; anything else stays here.
        indicator.Distribution = source.IsFeed ? source.DefaultDistribution
            : source.PeerName is null
                ? reading.Distribution is Distribution.Communities or null ? source.DefaultDistribution : reading.Distribution.Value
                : reading.Distribution == Distribution.Federation ? Distribution.Federation : source.DefaultDistribution;
        indicator.Communities = [];
        indicator.UpdatedAt = reading.Modified;
        indicator.RevokedAt = reading.Revoked ? reading.Modified : null;
        indicator.OriginNode = source.PeerName is null ? null : reading.OriginNode ?? source.PeerName;
    }

    private async Task KeepAsync(Actor actor, IngestSource source, List<(int Index, JsonObject Object, string Reason)> kept,
        Dictionary<Guid, Organisation?> owners, LocalIds local, ObjectOutcome?[] outcomes, CancellationToken cancellationToken)
    {
        var postersIds = source.PeerName is null;
        var ids = kept.Select(k => k.Object["id"]!.GetValue<string>())
            .Concat(postersIds ? kept.Select(k => PostersStixId(k.Object, local.CreatedBy(k.Object) ?? actor.OrganisationId)).OfType<string>() : [])
            .Distinct().ToList();
        var held = await db.KeptStixObjects.Where(k => ids.Contains(k.StixId)).ToDictionaryAsync(k => k.StixId, cancellationToken);
        foreach (var (index, o, reason) in kept)
        {
            var id = o["id"]!.GetValue<string>();
            var modified = StixReader.Version(o) ?? clock.GetUtcNow();
            var version = VersionText(o);
            var createdBy = local.CreatedBy(o) ?? actor.OrganisationId;
            if (owners.GetValueOrDefault(createdBy) is not { } owner || owner == Unspeakable)
            {
                outcomes[index] = new ObjectOutcome(id, version, false, OwnerRefusal(source, createdBy, owners.GetValueOrDefault(createdBy)));
                continue;
            }
            var stixId = id;
            if (held.TryGetValue(id, out var taken) && taken.OrganisationId != owner.Id)
            {
                if (!postersIds || PostersStixId(o, owner.Id) is not { } derived)
                {
                    outcomes[index] = new ObjectOutcome(id, version, false, "the id belongs to another organisation's object.");
                    continue;
                }
                if (held.TryGetValue(derived, out var claimed) && claimed.OrganisationId != owner.Id)
                {
                    outcomes[index] = new ObjectOutcome(id, version, false, "the id is not available; send the object with a new id.");
                    continue;
                }
                stixId = derived;
            }
            var tlp = o["object_marking_refs"] is JsonArray refs
                ? TlpMarkings.FromRefs(refs.Select(r => r?.GetValueKind() == System.Text.Json.JsonValueKind.String ? r.GetValue<string>() : "")) ?? source.DefaultTlp
                : source.DefaultTlp;
            if (source.PeerName is not null && !PeerRules.MayEverLeave(tlp))
            {
                outcomes[index] = new ObjectOutcome(id, version, false, $"TLP:{CordonNames.Tlp(tlp)} never crosses from one node to another.");
                continue;
            }
            if (held.TryGetValue(stixId, out var existing) && existing.Modified >= modified)
            {
                outcomes[index] = new ObjectOutcome(id, version, true, "already held (same or newer version)");
                continue;
            }
            existing ??= db.KeptStixObjects.Add(new KeptStixObject { StixId = stixId, Type = o["type"]!.GetValue<string>(), Json = "" }).Entity;
            held[stixId] = existing;
            existing.OrganisationId = owner.Id;
            existing.Tlp = tlp;
            existing.Modified = modified;
            existing.Json = o.ToJsonString();
            existing.Reason = Trim(reason, 1000);
            existing.OriginNode = source.PeerName;
            existing.ReceivedAt = clock.GetUtcNow();
            outcomes[index] = new ObjectOutcome(id, version, true, $"kept, not acted on: {reason}");
        }
    }

    /// <summary>
    /// This node's own ids among those that arrived: a version 4 uuid whose version 7 twin (<see cref="StixIds.ForStix"/>)
    /// is one of this node's organisations, or one of its indicators that the sender may see, stands for it. The twin of an
    /// indicator the sender may not see is an id like any other, so that what happens to it tells nothing.
    /// </summary>
    private async Task<LocalIds> LocalIdsAsync(Viewer viewer, IEnumerable<Guid> stixUuids, CancellationToken cancellationToken)
    {
        var twins = new Dictionary<Guid, Guid>();
        foreach (var uuid in stixUuids)
        {
            if (StixIds.Version7Twin(uuid) is { } twin)
            {
                twins[twin] = uuid;
            }
        }
        var candidates = twins.Keys.ToList();
        var found = await db.Indicators.VisibleTo(viewer).Where(i => candidates.Contains(i.Id)).Select(i => i.Id)
            .Concat(db.Organisations.Where(o => candidates.Contains(o.Id)).Select(o => o.Id)).ToListAsync(cancellationToken);
        return new LocalIds(found.Distinct().ToDictionary(twin => twins[twin], twin => twin));
    }

    private sealed class LocalIds(Dictionary<Guid, Guid> byStixUuid)
    {
        public Guid Of(Guid stixUuid) => byStixUuid.GetValueOrDefault(stixUuid, stixUuid);

        public IndicatorReading Of(IndicatorReading reading) => reading with
        {
            Id = Of(reading.Id),
            CreatedBy = Of(reading.CreatedBy),
            Identifiers = reading.Identifiers.Select(r => r with { IndicatorId = Of(r.IndicatorId) }).ToList(),
        };

        public Guid? CreatedBy(JsonObject o) => StixIngest.CreatedBy(o) is { } uuid ? Of(uuid) : null;
    }

    /// <summary>A kept object's id as the poster's own (see <see cref="PostersId"/>); null for an id that is not type--uuid.</summary>
    private static string? PostersStixId(JsonObject o, Guid organisationId) =>
        StixIds.TryParse(o["id"]!.GetValue<string>(), out var type, out var uuid) ? StixIds.Of(type, PostersId(organisationId, uuid)) : null;

    private static Guid? CreatedBy(JsonObject o) =>
        o["created_by_ref"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
        && StixIds.TryParse(o["created_by_ref"]!.GetValue<string>(), out var type, out var uuid) && type == "identity" ? uuid : null;

    private static string? VersionText(JsonObject o) =>
        o["modified"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? o["modified"]!.GetValue<string>()
        : o["created"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? o["created"]!.GetValue<string>() : null;

    private static string IdOf(JsonNode? node) =>
        node is JsonObject o && o["id"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? Trim(o["id"]!.GetValue<string>(), 300) : "";

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>Wire names of markings for messages.</summary>
internal static class CordonNames
{
    public static string Tlp(Tlp tlp) => Core.Text.CordonJson.Name(tlp).ToUpperInvariant();
}
