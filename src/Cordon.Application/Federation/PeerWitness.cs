using Cordon.Application.Audit;
using Cordon.Application.Data;
using Cordon.Application.Response;
using Cordon.Core.Audit;
using Cordon.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Federation;

/// <summary>
/// This node as a witness of a peer's audit log, on every sync: it fetches the peer's signed tree head, checks it
/// extends the last one it kept (same key, never smaller, a consistency proof from the old size to the new), keeps it,
/// and tells the peer what it holds. A head that does not extend the last is an alarm here (on the peer's row, on
/// <c>/health/ready</c>, on the operator's event stream and in this node's log) and, through the report, there.
/// </summary>
public sealed class PeerWitness(CordonDb db, AuditLog audit, TransparencyLog ownLog, Notifications notifications, TimeProvider clock)
{
    public async Task CheckAsync(FederationPeer peer, TaxiiClient client, CancellationToken cancellationToken)
    {
        var last = KeptHead(peer);
        var fetched = await client.AuditAsync<PublishedTreeHead>(HttpMethod.Get, "head", null, cancellationToken);
        if (fetched is null)
        {
            if (last is null)
            {
                return; // not a Cordon node (or an older one): it keeps no log to witness
            }
            // A peer that showed its log and no longer does must not escape its witness that way.
            await RaiseAsync(peer, "it no longer shows its audit log's head.", cancellationToken);
            return;
        }
        string? alarm;
        try
        {
            alarm = await FindAlarmAsync(client, last, fetched, cancellationToken);
        }
        catch (Exception malformed) when (malformed is FormatException or ArgumentException)
        {
            alarm = "its audit log answered with a head or proof that is not well formed.";
        }
        peer.AuditCheckedAt = clock.GetUtcNow();
        if (alarm is null)
        {
            peer.AuditHead = fetched.ToJson();
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            await RaiseAsync(peer, alarm, cancellationToken);
        }
        // What this node holds of the peer's log goes back to it, so that its own log records being witnessed (and learns of
        // a rewrite it did not make). A head under a key the peer no longer shows would only be refused there.
        if ((alarm is null ? fetched : last) is { } held && held.PublicKey == fetched.PublicKey)
        {
            var own = PublishedTreeHead.From(await ownLog.HeadAsync(cancellationToken), await ownLog.PublicKeyAsync(cancellationToken));
            try
            {
                await client.AuditAsync<object>(HttpMethod.Post, "witness", new { Head = held, WitnessHead = own }, cancellationToken);
            }
            catch (TaxiiClientException)
            {
                // The report is a courtesy to the peer; the check above is what this node relies on.
            }
        }
    }

    /// <summary>The head kept of the peer's log; a kept value that no longer reads is treated as none (and re-baselined).</summary>
    private static PublishedTreeHead? KeptHead(FederationPeer peer)
    {
        try
        {
            return peer.AuditHead is null ? null : PublishedTreeHead.Parse(peer.AuditHead);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Raises the alarm once (the peer's row, this node's log, the operator's events); later syncs only note the check.</summary>
    private async Task RaiseAsync(FederationPeer peer, string alarm, CancellationToken cancellationToken)
    {
        peer.AuditCheckedAt = clock.GetUtcNow();
        if (peer.AuditAlarm is not null)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        peer.AuditAlarm = alarm.Length <= 2000 ? alarm : alarm[..2000];
        var operatorOrganisation = await db.Organisations.AsNoTracking().Where(o => o.IsNodeOperator).Select(o => o.Id).FirstAsync(cancellationToken);
        var actor = new Actor(peer.OrganisationId, ActorKind.System, $"peer:{peer.Name}", 0, false);
        await audit.WriteAsync(actor, async () =>
        {
            await notifications.EnqueueAsync([operatorOrganisation], "audit.alarm", new { Peer = peer.Name, Reason = alarm }, cancellationToken);
            return new AuditedChange<bool>(true, "peer.audit_alarm", "peer", [peer.Id], new { peer.Name, Reason = alarm });
        }, cancellationToken);
    }

    private static async Task<string?> FindAlarmAsync(TaxiiClient client, PublishedTreeHead? last, PublishedTreeHead fetched,
        CancellationToken cancellationToken)
    {
        if (!fetched.Verifies())
        {
            return "its tree head's signature does not hold.";
        }
        if (last is null)
        {
            return null; // first sight: the key and the head are kept from now on
        }
        if (last.PublicKey != fetched.PublicKey)
        {
            return $"its audit log is now signed by another key ({fetched.KeyId[..16]}…, was {last.KeyId[..16]}…).";
        }
        if (fetched.Size < last.Size)
        {
            return $"its audit log shrank from {last.Size} records ({last.Time:O}) to {fetched.Size}.";
        }
        if (fetched.Size == last.Size)
        {
            return fetched.RootHash == last.RootHash ? null : $"its audit log of {last.Size} records was rewritten (another root, same size).";
        }
        if (last.Size == 0)
        {
            return null;
        }
        var proof = await client.AuditAsync<ConsistencyProof>(HttpMethod.Get, $"consistency?from={last.Size}&to={fetched.Size}", null,
            cancellationToken);
        var holds = proof is not null && proof.From == last.Size && proof.To == fetched.Size
                    && MerkleTree.VerifyConsistency(last.Size, fetched.Size, Convert.FromHexString(last.RootHash), Convert.FromHexString(fetched.RootHash),
                        proof.Proof.Select(Convert.FromHexString).ToList());
        return holds ? null : $"its audit log of {fetched.Size} records does not extend the {last.Size} records it showed at {last.Time:O}.";
    }
}
