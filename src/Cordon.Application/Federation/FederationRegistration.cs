using Cordon.Application.Data;
using Cordon.Application.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Application.Federation;

public static class FederationRegistration
{
    /// <summary>The TAXII server's readers, STIX ingest, peers and their sync (outbound calls on the "federation" client).</summary>
    public static IServiceCollection AddFederation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<TaxiiCollections>();
        services.AddScoped<TaxiiObjects>()
            .AddScoped<TaxiiSharedObjects>();
        services.AddScoped<StixIngest>();
        services.AddScoped<TaxiiStatuses>();
        services.AddScoped<PeerDirectory>();
        services.AddScoped<PeerWitness>();
        services.AddOutboundHttpClient("federation", TimeSpan.FromMinutes(2), followRedirects: false);
        services.AddScoped(sp => new PeerSync(sp.GetRequiredService<CordonDb>(), sp.GetRequiredService<StixIngest>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IHttpClientFactory>().CreateClient("federation"),
            sp.GetRequiredService<Audit.AuditLog>(), sp.GetRequiredService<PeerWitness>(), sp.GetRequiredService<TaxiiSharedObjects>())
        {
            PageSize = configuration.GetValue("Cordon:Federation:PageSize", 2000),
        });
        return services;
    }
}
