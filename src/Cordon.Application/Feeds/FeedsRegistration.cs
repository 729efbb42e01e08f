using Cordon.Application.Data;
using Cordon.Application.Federation;
using Cordon.Application.Indicators.Import;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Application.Feeds;

public static class FeedsRegistration
{
    /// <summary>Scheduled imports from outside the federation (outbound calls on the "feeds" client).</summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services)
    {
        services.AddScoped<FeedDirectory>();
        services.AddHttpClient("feeds", client => client.Timeout = TimeSpan.FromMinutes(10));
        services.AddScoped(sp => new FeedSource(sp.GetRequiredService<IHttpClientFactory>().CreateClient("feeds")));
        services.AddScoped(sp => new FeedRunner(sp.GetRequiredService<CordonDb>(), sp.GetRequiredService<IndicatorImporter>(),
            sp.GetRequiredService<StixIngest>(), sp.GetRequiredService<Members.CallerDirectory>(), sp.GetRequiredService<FeedSource>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient("feeds")));
        return services;
    }
}
