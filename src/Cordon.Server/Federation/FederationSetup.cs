using Cordon.Store.Federation;

namespace Cordon.Server.Federation;

/// <summary>The federation's services: the TAXII server's readers, the STIX ingest, peers and their scheduled sync, feeds and theirs.</summary>
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
        services.AddScoped<Store.Feeds.FeedDirectory>();
        services.AddHttpClient("feeds", client => client.Timeout = TimeSpan.FromMinutes(10));
        services.AddScoped(sp => new Store.Feeds.FeedSource(sp.GetRequiredService<IHttpClientFactory>().CreateClient("feeds")));
        services.AddScoped(sp => new Store.Feeds.FeedRunner(sp.GetRequiredService<Store.CordonDb>(),
            sp.GetRequiredService<Store.Indicators.Import.IndicatorImporter>(), sp.GetRequiredService<StixIngest>(),
            sp.GetRequiredService<Store.Feeds.FeedSource>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient("feeds")));
        services.AddHostedService<Feeds.FeedScheduler>();
        return services;
    }
}
