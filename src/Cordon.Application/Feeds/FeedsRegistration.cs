using Cordon.Application.Data;
using Cordon.Application.Federation;
using Cordon.Application.Indicators.Import;
using Cordon.Application.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Application.Feeds;

public static class FeedsRegistration
{
    /// <summary>Scheduled imports from outside the federation (outbound calls on the "feeds" client).</summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => FeedFolder.FromConfiguration(configuration));
        services.AddScoped<FeedDirectory>();
        services.AddOutboundHttpClient("feeds", TimeSpan.FromMinutes(10), followRedirects: true);
        services.AddScoped(sp => new FeedSource(sp.GetRequiredService<IHttpClientFactory>().CreateClient("feeds"), sp.GetRequiredService<FeedFolder>()));
        services.AddScoped(sp => new FeedRunner(sp.GetRequiredService<CordonDb>(), sp.GetRequiredService<IndicatorImporter>(),
            sp.GetRequiredService<StixIngest>(), sp.GetRequiredService<Members.CallerDirectory>(), sp.GetRequiredService<FeedSource>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient("feeds"), sp.GetRequiredService<Audit.AuditLog>()));
        return services;
    }
}
