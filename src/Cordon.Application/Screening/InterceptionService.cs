using Cordon.Application.Audit;
using Cordon.Application.Data;
using Cordon.Core.Members;
using Cordon.Core.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Application.Screening;

/// <summary>Outcomes of screenings with a channel, reported by the member that screened: each becomes its interception.</summary>
public sealed class InterceptionService(CordonDb db, AuditLog audit, TimeProvider clock)
{
    public const int MaxPerReport = 1000;

    /// <summary>How long after a screening its outcome may still be reported.</summary>
    public static readonly TimeSpan ReportWithin = TimeSpan.FromDays(30);

    /// <summary>
    /// Records every readable outcome of the caller's own checks in one audited transaction; a check reported again gets
    /// its new outcome (never a second count). Refused items are listed with their position, the others are recorded.
    /// </summary>
    public async Task<OutcomeReport> ReportAsync(Caller caller, IReadOnlyList<ReportedOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        caller.Actor.Demand(Permission.Contribute);
        if (outcomes.Count is 0 or > MaxPerReport)
        {
            throw new Core.Errors.InvalidInputException("outcomes", $"give 1 to {MaxPerReport} outcomes.");
        }
        var now = clock.GetUtcNow();
        var refused = new List<OutcomeRefusal>();
        var accepted = new Dictionary<Guid, (ScreeningCheck Check, Core.Screening.InterceptionOutcome Outcome)>();
        for (var k = 0; k < outcomes.Count; k++)
        {
            var (check, outcome) = outcomes[k];
            var reason = check is null ? "the check is not one this node gave"
                : check.OrganisationId != caller.OrganisationId ? "the check is not one this node gave"
                : now - check.ScreenedAt > ReportWithin ? $"the check is older than {ReportWithin.TotalDays:F0} days"
                : outcome is null ? $"outcome is required: {CordonJson.Names<Core.Screening.InterceptionOutcome>()}"
                : null;
            if (reason is not null)
            {
                refused.Add(new OutcomeRefusal(k, reason));
                continue;
            }
            accepted[check!.Id] = (check, outcome!.Value); // the last word on a check within one report counts
        }
        if (accepted.Count == 0)
        {
            return new OutcomeReport(0, 0, refused);
        }
        try
        {
            return await RecordAsync(caller, accepted, refused, now, cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new Core.Errors.ConflictException("The same checks were reported at the same moment; send the report again.");
        }
    }

    private async Task<OutcomeReport> RecordAsync(Caller caller, Dictionary<Guid, (ScreeningCheck Check, Core.Screening.InterceptionOutcome Outcome)> accepted,
        List<OutcomeRefusal> refused, DateTimeOffset now, CancellationToken cancellationToken) =>
        await audit.WriteAsync(caller.Actor, async () =>
        {
            var ids = accepted.Keys.ToList();
            var known = await db.Interceptions.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
            foreach (var (id, (check, outcome)) in accepted)
            {
                if (known.TryGetValue(id, out var interception))
                {
                    interception.Outcome = outcome;
                    interception.ReportedAt = now;
                    continue;
                }
                db.Interceptions.Add(new Interception
                {
                    Id = id,
                    OrganisationId = check.OrganisationId,
                    Channel = check.Channel,
                    Outcome = outcome,
                    Verdict = check.Verdict,
                    CategoryFlags = check.CategoryFlags,
                    IdentifierType = check.IdentifierType,
                    Amount = check.Amount,
                    Currency = check.Currency,
                    ScreenedAt = check.ScreenedAt,
                    ReportedAt = now,
                });
            }
            var report = new OutcomeReport(accepted.Count - known.Count, known.Count, refused);
            return new AuditedChange<OutcomeReport>(report, "screening.outcome", "interception", ids,
                new { report.Recorded, report.Updated, Stopped = accepted.Values.Count(a => a.Outcome == Core.Screening.InterceptionOutcome.Stopped) });
        }, cancellationToken);
}

public static class ScreeningRegistration
{
    public static IServiceCollection AddScreeningOutcomes(this IServiceCollection services) => services.AddScoped<InterceptionService>();
}
