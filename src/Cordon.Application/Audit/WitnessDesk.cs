using Cordon.Application.Data;
using Cordon.Application.Response;
using Cordon.Core.Audit;
using Cordon.Core.Errors;
using Cordon.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Audit;

/// <summary>
/// Where peers, as witnesses, report the head of this node's log they last checked. A head this node signed that its
/// log no longer extends (records edited, removed or the log cut back) is an alarm: on the record, on the event stream
/// of the node operator, and on <c>/health/ready</c>.
/// </summary>
public sealed class WitnessDesk(CordonDb db, AuditLog audit, TransparencyLog log, AuditSigningKey signingKey, Notifications notifications,
    TimeProvider clock)
{
    public async Task<WitnessReport> ReceiveAsync(Caller caller, PublishedTreeHead? head, PublishedTreeHead? witnessHead,
        CancellationToken cancellationToken)
    {
        if (caller.Viewer.Peer is not { } peer)
        {
            throw new ForbiddenException("Only a federation peer reports as a witness.");
        }
        var key = await signingKey.GetAsync(db, cancellationToken);
        if (head is null || !head.Verifies() || head.KeyId != key.KeyId)
        {
            throw new InvalidInputException("head", "must be a tree head signed by this node's key.");
        }
        if (witnessHead is not null && !witnessHead.Verifies())
        {
            throw new InvalidInputException("witnessHead", "must be a tree head whose signature holds under the key it carries.");
        }
        var report = new WitnessReport
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Witness = peer.PeerName,
            Size = head.Size,
            RootHash = head.RootHash,
            WitnessHead = witnessHead?.ToJson() ?? "null",
            Consistent = await log.ExtendsAsync(head.Size, head.RootHash, cancellationToken),
            ReceivedAt = clock.GetUtcNow(),
        };
        db.WitnessReports.Add(report);
        // Kept even when the log refuses writes: a witness's word that the log was cut back must not be lost with it.
        await db.SaveChangesAsync(cancellationToken);
        var operatorOrganisation = await db.Organisations.AsNoTracking().Where(o => o.IsNodeOperator).Select(o => o.Id).FirstAsync(cancellationToken);
        try
        {
            await audit.WriteAsync(caller.Actor, async () =>
            {
                if (!report.Consistent)
                {
                    await notifications.EnqueueAsync([operatorOrganisation], "audit.alarm", new
                    {
                        Witness = peer.PeerName,
                        report.Size,
                        report.RootHash,
                        Reason = "A witness holds a head this node signed that its audit log no longer extends.",
                    }, cancellationToken);
                }
                return new AuditedChange<bool>(true, report.Consistent ? "audit.witnessed" : "audit.witness_alarm", "audit", [],
                    new { Witness = peer.PeerName, report.Size, report.RootHash, report.Consistent });
            }, cancellationToken);
        }
        catch (AuditLogBrokenException)
        {
            // The log already refuses writes and says so; the report above is what remains.
        }
        return report;
    }

    public async Task<IReadOnlyList<WitnessReport>> ListAsync(int limit, CancellationToken cancellationToken) =>
        await db.WitnessReports.AsNoTracking().OrderByDescending(r => r.ReceivedAt).Take(limit).ToListAsync(cancellationToken);

    /// <summary>
    /// Open alarms, for readiness and the console: witnesses whose latest report does not fit this log, and peers whose
    /// log did not extend what this node saw of it.
    /// </summary>
    public async Task<IReadOnlyList<string>> AlarmsAsync(CancellationToken cancellationToken)
    {
        var latest = await db.WitnessReports.AsNoTracking()
            .Where(r => !r.Consistent && !db.WitnessReports.Any(later => later.Witness == r.Witness && later.ReceivedAt > r.ReceivedAt))
            .ToListAsync(cancellationToken);
        var alarms = latest
            .Select(r => $"Witness {r.Witness} holds a head of {r.Size} records that this node's audit log no longer extends.").ToList();
        alarms.AddRange(await db.Peers.AsNoTracking().Where(p => p.AuditAlarm != null).Select(p => $"Peer {p.Name}: {p.AuditAlarm}")
            .ToListAsync(cancellationToken));
        return alarms;
    }
}
