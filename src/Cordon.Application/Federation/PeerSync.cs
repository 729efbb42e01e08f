using System.Text.Json.Nodes;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Core.Errors;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Federation;

/// <summary>What one sync with a peer did.</summary>
public sealed record SyncReport(string Peer, int PulledObjects, int PulledFailures, int PushedIndicators, int PushFailures, int Pages, string? Error);

/// <summary>
/// Syncs with one peer over TAXII 2.1. Pull: pages of the peer's collection from the persisted cursor, each page
/// stored in the same transaction as the cursor that follows it, so a crash mid-sync repeats at most one page (and
/// storing is idempotent). Push: what the peer's sharing rules let leave, in <c>date_added</c> order from the push
/// cursor, which moves only after the peer has answered. Then it witnesses the peer's audit log (<see cref="PeerWitness"/>).
/// Failures back off exponentially.
/// </summary>
public sealed class PeerSync(CordonDb db, StixIngest ingest, TimeProvider clock, HttpClient http, Audit.AuditLog audit, PeerWitness witness,
    TaxiiSharedObjects sharedObjects)
{
    public int PageSize { get; init; } = 2000;

    public async Task<SyncReport> SyncAsync(Guid peerId, CancellationToken cancellationToken)
    {
        var peer = await db.Peers.SingleAsync(p => p.Id == peerId, cancellationToken);
        if (peer is not { ApiRoot: { } apiRoot, CollectionId: { } collectionId, Secret: { } secret } || peer.Direction == PeerDirection.Inbound)
        {
            throw new ConflictException($"{peer.Name} is an inbound-only peer: it calls this node, this node never calls it.");
        }
        var client = new TaxiiClient(http, apiRoot, collectionId, peer.Username, secret);
        int pulled = 0, pullFailures = 0, pushed = 0, pushFailures = 0, pages = 0;
        peer.LastRunAt = clock.GetUtcNow();
        try
        {
            if (peer.Direction is PeerDirection.Pull or PeerDirection.Both)
            {
                (pulled, pullFailures, var pulledPages) = await PullAsync(peer, client, cancellationToken);
                pages += pulledPages;
            }
            if (peer.Direction is PeerDirection.Push or PeerDirection.Both)
            {
                (pushed, pushFailures, var pushedPages) = await PushAsync(peer, client, cancellationToken);
                pages += pushedPages;
            }
            await witness.CheckAsync(peer, client, cancellationToken);
            peer.LastSuccessAt = clock.GetUtcNow();
            peer.LastError = pushFailures + pullFailures > 0 ? $"{pullFailures} objects refused on pull, {pushFailures} on push" : null;
            peer.ConsecutiveFailures = 0;
            peer.RetryAfter = null;
            await db.SaveChangesAsync(cancellationToken);
            return new SyncReport(peer.Name, pulled, pullFailures, pushed, pushFailures, pages, null);
        }
        catch (Exception failure) when (failure is TaxiiClientException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            peer.ConsecutiveFailures++;
            var message = failure is TaskCanceledException ? "the peer did not answer in time." : failure.Message;
            peer.LastError = message.Length <= 2000 ? message : message[..2000];
            peer.RetryAfter = SyncBackoff.RetryAfter(clock.GetUtcNow(), peer.ConsecutiveFailures);
            // A failed sync is on the record: a peer pointed somewhere it must not go shows there, not only in the log.
            await audit.WriteAsync(SystemActor(peer), () => Task.FromResult(new Audit.AuditedChange<bool>(true, "peer.sync_failed", "peer",
                [peer.Id], new { peer.Name, Error = peer.LastError })), CancellationToken.None);
            return new SyncReport(peer.Name, pulled, pullFailures, pushed, pushFailures, pages, peer.LastError);
        }
    }

    private static Actor SystemActor(FederationPeer peer) =>
        new(peer.OrganisationId, ActorKind.System, $"peer:{peer.Name}", RoleSet.ToFlags([Role.Analyst]), false);

    private async Task<(int Objects, int Failures, int Pages)> PullAsync(FederationPeer peer, TaxiiClient client, CancellationToken cancellationToken)
    {
        var caller = new Caller(new Actor(peer.OrganisationId, ActorKind.System, $"peer:{peer.Name}", RoleSet.ToFlags([Role.Analyst]), false),
            Members.CallerDirectory.ForPeer(peer));
        var source = new IngestSource(peer.Name, Tlp.Amber, [Category.Other]);
        int objects = 0, failures = 0, pages = 0;
        string? next = null;
        while (true)
        {
            var page = await client.GetObjectsAsync(peer.PullCursor, next, PageSize, cancellationToken);
            pages++;
            if (page.Objects.Count > 0)
            {
                await ingest.IngestAsync(caller, source, page.Objects, outcomes =>
                {
                    // The cursor moves in the same transaction as the objects it passes.
                    peer.PullCursor = page.DateAddedLast ?? peer.PullCursor;
                    peer.Pulled += outcomes.Count(o => o.Succeeded);
                    failures += outcomes.Count(o => !o.Succeeded);
                    return Task.CompletedTask;
                }, cancellationToken);
                objects += page.Objects.Count;
                // Forget the page's entities so that a long sync does not slow down; the peer stays tracked.
                db.ChangeTracker.Clear();
                db.Peers.Attach(peer);
            }
            if (!page.More)
            {
                return (objects, failures, pages);
            }
            next = page.Next;
        }
    }

    /// <summary>
    /// Pushes what the peer's rules let leave, in <c>date_added</c> order: indicators, and the bulletins, operations and
    /// results it would read from the federation collection (<see cref="TaxiiSharedObjects"/>).
    /// </summary>
    private async Task<(int Indicators, int Failures, int Pages)> PushAsync(FederationPeer peer, TaxiiClient client, CancellationToken cancellationToken)
    {
        var viewer = Members.CallerDirectory.ForPeer(peer);
        var federation = new TaxiiCollection(TaxiiCollections.FederationId, "Federation", "", CollectionScope.Federation, true, false);
        int indicators = 0, failures = 0, pages = 0;
        var take = Math.Max(1, PageSize / 3);
        while (true)
        {
            var cursor = peer.PushCursor ?? DateTimeOffset.MinValue;
            var rows = await db.Indicators.AsNoTracking().Include(i => i.Observable)
                .SharedWith(viewer).Where(i => i.DateAdded > cursor)
                .OrderBy(i => i.DateAdded).ThenBy(i => i.Id).Take(take).ToListAsync(cancellationToken);
            var shared = await sharedObjects.AfterAsync(viewer, federation, cursor, take, cancellationToken);
            // Up to where either source was cut short, so that nothing is passed over.
            var horizon = new[] { rows.Count == take ? rows[^1].DateAdded : DateTimeOffset.MaxValue, shared.Count == take ? shared[^1].DateAdded : DateTimeOffset.MaxValue }.Min();
            // In date_added order, up to about a page of objects (at least one item, however large): an envelope stays within what a server takes.
            var units = rows.Where(r => r.DateAdded <= horizon).Select(r => (r.DateAdded, Indicator: (Indicator?)r, Shared: (SharedUnit?)null))
                .Concat(shared.Where(u => u.DateAdded <= horizon).Select(u => (u.DateAdded, Indicator: (Indicator?)null, Shared: (SharedUnit?)u)))
                .OrderBy(u => u.DateAdded).ToList();
            if (units.Count == 0)
            {
                return (indicators, failures, pages);
            }
            var sending = new List<(DateTimeOffset DateAdded, Indicator? Indicator, SharedUnit? Shared)>();
            var budget = 0;
            foreach (var unit in units)
            {
                var size = unit.Shared?.Objects.Count ?? 3;
                if (sending.Count > 0 && budget + size > PageSize)
                {
                    break;
                }
                sending.Add(unit);
                budget += size;
            }
            var sent = sending.Select(u => u.Indicator).OfType<Indicator>().ToList();
            var organisationIds = sent.Select(r => r.OrganisationId).Distinct().ToList();
            var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToListAsync(cancellationToken);
            var objects = new List<JsonNode>(organisations.Select(IndicatorStix.Identity));
            foreach (var row in sent)
            {
                if (Core.Stix.StixWriter.Indicator(IndicatorStix.Facts(row)) is var (observable, indicator))
                {
                    objects.Add(observable);
                    objects.Add(indicator);
                }
            }
            objects.AddRange(sending.Select(u => u.Shared).OfType<SharedUnit>().SelectMany(u => u.Objects));
            var status = await client.PostObjectsAsync(objects, cancellationToken);
            pages++;
            failures += status["failure_count"]?.GetValue<int>() ?? 0;
            indicators += sent.Count;
            peer.PushCursor = sending[^1].DateAdded;
            peer.Pushed += sending.Count;
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
