using Cordon.Application;
using Cordon.Core.Text;
using Cordon.Server.Audit;
using Cordon.Server.Auth;
using Cordon.Server.Bulletins;
using Cordon.Server.Cases;
using Cordon.Server.Evidence;
using Cordon.Server.Federation;
using Cordon.Server.Feeds;
using Cordon.Server.Figures;
using Cordon.Server.Health;
using Cordon.Server.Http;
using Cordon.Server.Indicators;
using Cordon.Server.Members;
using Cordon.Server.Operations;
using Cordon.Server.Public;
using Cordon.Server.Response;
using Cordon.Server.Screening;
using Cordon.Server.WebConsole;
using Microsoft.AspNetCore.HttpLogging;

namespace Cordon.Server.Hosting;

/// <summary>Wires the host: the store, authentication, errors, OpenAPI, health and the feature endpoints.</summary>
public static class CordonHost
{
    public static WebApplicationBuilder AddCordon(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCordonApplication(builder.Configuration);
        services.AddSingleton(PublicAddress.FromConfiguration(builder.Configuration));
        services.AddDataProtectionAtRest(builder.Configuration);
        services.AddSingleton<LiveIndex>();
        services.AddSingleton<SightingRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<SightingRecorder>());
        services.AddHostedService<ScreeningIndexUpdater>();
        services.AddSingleton<Screener>();
        services.AddSingleton<ScreeningChecks>();
        services.AddPublicCheck(builder.Configuration);
        services.AddHostedService<WebhookDispatcher>();
        services.AddHostedService<DeadlineMonitor>();
        services.AddHostedService<Audit.AuditWatch>();
        services.AddHostedService<Audit.ReadAuditWriter>();
        services.AddSingleton<EventsApi.EventStreamSlots>();
        services.AddCordonFederation();
        services.AddCordonConsole();

        // Bad bodies and parameters reach the exception handler, which explains them as problem details.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => CordonJson.Configure(options.SerializerOptions));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsDefaults.AddTraceId);
        services.AddExceptionHandler<CordonExceptionHandler>();
        services.AddOpenApi();
        services.AddCordonAuthentication();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        services.AddHttpLogging(options =>
        {
            // Method, path, status and duration only: no headers (keys), no query strings (screened values), no bodies.
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                                    | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });
        return builder;
    }

    public static WebApplication UseCordon(this WebApplication app)
    {
        PublicAddress.UseForwardedHeadersFromProxies(app);
        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler();
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (ConsoleErrorPage.Serves(http))
            {
                await ConsoleErrorPage.WriteAsync(http, http.Response.StatusCode);
                return;
            }
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = http.Response.StatusCode },
            });
        });
        app.UseHttpLogging();
        app.UseWhen(http => http.Request.Path.StartsWithSegments(TaxiiProtocol.PathPrefix), taxii => taxii.UseMiddleware<TaxiiProtocol>());
        app.UseMiddleware<RequestBodyLimit>();
        app.UseRequestLocalization();
        app.UseReadAuditRoutes();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();

        app.MapOpenApi().AllowAnonymous();
        app.MapCordonHealth();
        app.MapOrganisations();
        app.MapKeys();
        app.MapCommunities();
        app.MapAudit();
        app.MapIndicators();
        app.MapIndicatorImport();
        app.MapIndicatorExport();
        app.MapScreening();
        app.MapPublicCheck();
        app.MapRequests();
        app.MapEvents();
        app.MapWebhooks();
        app.MapResponseStats();
        app.MapStatistics();
        app.MapCases();
        app.MapBulletins();
        app.MapOperations();
        app.MapEvidence();
        app.MapGraph();
        app.MapTaxii();
        app.MapPeers();
        app.MapFeeds();
        app.UseCordonConsole();
        return app;
    }
}
