using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Application.Audit;

public static class AuditRegistration
{
    /// <summary>The audit log: every change and its record in one transaction, on the request's store.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddScoped<AuditLog>();
}
