using Cordon.Application.Audit;
using Cordon.Application.Bulletins;
using Cordon.Application.Cases;
using Cordon.Application.Data;
using Cordon.Application.Evidence;
using Cordon.Application.Federation;
using Cordon.Application.Feeds;
using Cordon.Application.Figures;
using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Application.Operations;
using Cordon.Application.Outbound;
using Cordon.Application.Response;
using Cordon.Application.Screening;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cordon.Application;

/// <summary>
/// The one composition root of the application layer, used by every host — the server, the CLI and the tests — so that
/// no service graph is built by hand anywhere: the store chosen by configuration, the clock (a host may register its own
/// first) and each capability's services through its own <c>AddXxx()</c>.
/// </summary>
public static class CordonApplication
{
    public static IServiceCollection AddCordonApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new CordonDbFactory(StoreOptions.FromConfiguration(configuration)));
        services.AddScoped(sp => sp.GetRequiredService<CordonDbFactory>().Create());
        return services
            .AddOutbound(configuration)
            .AddAudit()
            .AddMembers(configuration)
            .AddIndicators(configuration)
            .AddResponse(configuration)
            .AddCases(configuration)
            .AddFederation(configuration)
            .AddFeeds(configuration)
            .AddFigures()
            .AddEvidence()
            .AddBulletins()
            .AddOperations()
            .AddScreeningOutcomes()
            .AddScoped<Demo.DemoNetwork>()
            .AddScoped<Cases.VictimReports>();
    }
}
