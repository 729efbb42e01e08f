using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Application.Outbound;

public static class OutboundRegistration
{
    /// <summary>The guard, and the one way to make an outbound HTTP client: every connection through the guard.</summary>
    public static IServiceCollection AddOutbound(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => OutboundGuard.FromConfiguration(configuration));
        services.AddKeyedSingleton(OutboundGuard.WebhookNetworksSetting, (_, _) => OutboundGuard.ForWebhooks(configuration));
        return services;
    }

    /// <summary>
    /// A named outbound client: connections through <see cref="OutboundGuard"/>, no proxy from the environment (a proxy
    /// would connect for us, past the check), and redirects followed only where asked (each hop is checked again).
    /// </summary>
    public static IServiceCollection AddOutboundHttpClient(this IServiceCollection services, string name, TimeSpan timeout,
        bool followRedirects, bool forMembers = false)
    {
        services.AddHttpClient(name, client => client.Timeout = timeout)
            .ConfigurePrimaryHttpMessageHandler(sp => new System.Net.Http.SocketsHttpHandler
            {
                ConnectCallback = (forMembers ? sp.GetRequiredKeyedService<OutboundGuard>(OutboundGuard.WebhookNetworksSetting)
                    : sp.GetRequiredService<OutboundGuard>()).ConnectAsync,
                UseProxy = false,
                AllowAutoRedirect = followRedirects,
                MaxAutomaticRedirections = 5,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        return services;
    }
}
