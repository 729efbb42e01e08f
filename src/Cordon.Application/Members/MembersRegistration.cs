using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Application.Members;

public static class MembersRegistration
{
    /// <summary>Organisations, keys, users and communities; who a caller is and what it may see.</summary>
    public static IServiceCollection AddMembers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => new ApiKeyCache(sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(configuration.GetValue("Cordon:Auth:KeyCacheSeconds", 10))));
        services.AddScoped<MemberDirectory>();
        services.AddScoped<CallerDirectory>();
        services.AddScoped<ApiKeyAuthenticator>();
        services.AddMetrics();
        services.AddSingleton<AuthMetrics>();
        services.AddSingleton(sp => new GuessThrottle(sp.GetRequiredService<TimeProvider>(), GuessThrottle.Limits.FromConfiguration(configuration)));
        services.AddScoped<UserSignIn>();
        services.AddScoped<NodeBootstrap>();
        return services;
    }
}
