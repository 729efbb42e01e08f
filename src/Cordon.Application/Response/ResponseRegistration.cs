using Cordon.Application.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Application.Response;

public static class ResponseRegistration
{
    /// <summary>Requests and their deadlines, and the webhooks that tell members about them.</summary>
    public static IServiceCollection AddResponse(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => ResponseConfiguration.Deadlines(configuration));
        services.AddSingleton(_ => ResponseConfiguration.Escalation(configuration));
        services.AddScoped<Notifications>();
        services.AddScoped<RequestService>();
        services.AddSingleton<Audit.IAuditedContent, RequestAuditContent>();
        services.AddScoped(sp => new WebhookService(sp.GetRequiredService<Data.CordonDb>(), sp.GetRequiredService<Audit.AuditLog>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Notifications>(),
            sp.GetRequiredKeyedService<OutboundGuard>(OutboundGuard.WebhookNetworksSetting)));
        services.AddOutboundHttpClient("webhooks", TimeSpan.FromSeconds(10), followRedirects: false, forMembers: true);
        return services;
    }
}
