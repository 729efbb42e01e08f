using Cordon.Application.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cordon.Server.Health;

/// <summary>
/// Ready when the store answers, every migration has been applied, the audit log's tail agrees with its head, and no
/// witness or witnessed peer has raised an audit alarm.
/// </summary>
public sealed class StoreHealthCheck(CordonDb db, Application.Audit.AuditLog audit, Application.Audit.WitnessDesk witnesses) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The store does not answer.");
            }
            var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
            if (pending.Any())
            {
                return HealthCheckResult.Unhealthy("The store has pending migrations.");
            }
            if (await audit.BrokenAtAsync(cancellationToken) is { } broken)
            {
                return HealthCheckResult.Unhealthy($"The audit log is broken at record {broken}; writes are refused.");
            }
            // Names stay out of this anonymous answer: the console and GET /api/v1/audit/witnesses say who and what.
            var alarms = await witnesses.AlarmsAsync(cancellationToken);
            return alarms.Count > 0
                ? HealthCheckResult.Unhealthy($"Audit alarm: {alarms.Count} witness or peer check(s) found a log that did not only grow.")
                : HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store does not answer.");
        }
    }
}

public static class HealthEndpoints
{
    public static void MapCordonHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteAsync })
            .AllowAnonymous();
    }

    /// <summary>The status, and when not healthy, why (one line per check), as plain text.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var reasons = report.Entries.Values.Select(e => e.Description).OfType<string>().Where(d => d.Length > 0);
        return context.Response.WriteAsync(report.Status == HealthStatus.Healthy
            ? "Healthy"
            : string.Join("\n", reasons.Prepend(report.Status.ToString())));
    }
}
