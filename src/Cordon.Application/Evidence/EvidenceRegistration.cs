using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Application.Evidence;

public static class EvidenceRegistration
{
    /// <summary>Evidence packages of cases and requests, checked offline by <c>Core.Evidence.EvidenceVerifier</c>.</summary>
    public static IServiceCollection AddEvidence(this IServiceCollection services) => services.AddScoped<EvidencePackages>();
}
