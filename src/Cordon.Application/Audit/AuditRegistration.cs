using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Application.Audit;

public static class AuditRegistration
{
    /// <summary>
    /// The audit log: every change and its record in one transaction, on the request's store; its tree heads, proofs and
    /// content check; the node's signing key (one per process).
    /// </summary>
    public static IServiceCollection AddAudit(this IServiceCollection services) => services
        .AddScoped<AuditLog>()
        .AddScoped<TransparencyLog>()
        .AddScoped<AuditContentCheck>()
        .AddScoped<AuditTreeBackfill>()
        .AddScoped<WitnessDesk>()
        .AddSingleton<AuditSigningKey>()
        .AddSingleton<AuditState>()
        .AddScoped<ReadLog>()
        .AddSingleton<ReadAuditQueue>();
}
