using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Application.Cases;

public static class CasesRegistration
{
    /// <summary>Victim reports, their correlations and the network drawn from them, with the node's exchange rates.</summary>
    public static IServiceCollection AddCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => CaseConfiguration.Rates(configuration));
        services.AddScoped<CorrelationService>();
        services.AddScoped<CaseService>();
        services.AddScoped<GraphService>();
        services.AddSingleton<Audit.IAuditedContent, CaseAuditContent>();
        return services;
    }
}
