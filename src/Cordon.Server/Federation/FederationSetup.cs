using Cordon.Store.Federation;

namespace Cordon.Server.Federation;

/// <summary>The federation's services: the TAXII server's readers, the STIX ingest, peers and their scheduled sync.</summary>
public static class FederationSetup
{
    public static IServiceCollection AddCordonFederation(this IServiceCollection services)
    {
        services.AddScoped<TaxiiCollections>();
        services.AddScoped<TaxiiObjects>();
        services.AddScoped<StixIngest>();
        services.AddScoped<PeerDirectory>();
        services.AddHttpClient("federation", client => client.Timeout = TimeSpan.FromMinutes(2));
        services.AddScoped(sp => new PeerSync(sp.GetRequiredService<Store.CordonDb>(), sp.GetRequiredService<StixIngest>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IHttpClientFactory>().CreateClient("federation"))
        {
            PageSize = sp.GetRequiredService<IConfiguration>().GetValue("Cordon:Federation:PageSize", 2000),
        });
        services.AddHostedService<FederationScheduler>();
        return services;
    }
}
