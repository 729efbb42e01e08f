
namespace Cordon.Server.Federation;

/// <summary>The federation's background work in the server: the scheduled sync of peers and runs of feeds.</summary>
public static class FederationSetup
{
    public static IServiceCollection AddCordonFederation(this IServiceCollection services)
    {
        services.AddHostedService<FederationScheduler>();
        services.AddHostedService<Feeds.FeedScheduler>();
        return services;
    }
}
