using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Application.Figures;

public static class FiguresRegistration
{
    /// <summary>Figures: counts over what each caller may see, for the dashboard and (to come) the alliance's reports.</summary>
    public static IServiceCollection AddFigures(this IServiceCollection services) => services.AddScoped<FiguresService>().AddScoped<ResponseStatistics>().AddScoped<StatisticsService>();
}
