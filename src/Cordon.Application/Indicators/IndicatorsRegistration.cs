using Cordon.Application.Indicators.Import;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Application.Indicators;

public static class IndicatorsRegistration
{
    /// <summary>Identifier normalisation with this node's card key and suffix list; submitting, searching, importing, exporting.</summary>
    public static IServiceCollection AddIndicators(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => new IdentifierNormalisation(CardHashKey.Resolve(configuration),
            PublicSuffixLists.FromConfiguration(configuration, sp.GetRequiredService<TimeProvider>())));
        services.AddScoped<IndicatorWriter>();
        services.AddScoped<IndicatorService>();
        services.AddScoped<IndicatorImporter>();
        services.AddScoped<IndicatorExport>();
        return services;
    }
}
