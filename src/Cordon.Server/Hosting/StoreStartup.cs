using Cordon.Application.Data;
using Cordon.Application.Members;

namespace Cordon.Server.Hosting;

/// <summary>Before serving: migrate the store and, on an empty store, create the node's organisation and admin key.</summary>
public static class StoreStartup
{
    public static async Task PrepareStoreAsync(this WebApplication app)
    {
        var factory = app.Services.GetRequiredService<CordonDbFactory>();
        await factory.MigrateAsync();
        var settings = BootstrapSettings.FromConfiguration(app.Configuration);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Application.Audit.AuditTreeBackfill>().RunAsync();
        var result = await scope.ServiceProvider.GetRequiredService<NodeBootstrap>().EnsureAsync(settings);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Cordon.Bootstrap");
        if (result is null)
        {
            return;
        }
        logger.LogInformation("Created the node operator organisation {OrganisationId} and admin key {KeyId}",
            result.OrganisationId, result.KeyId);
        if (result.GeneratedKey is not null)
        {
            // Written to the console only, never to the log: this is the one time the key is shown.
            Console.WriteLine();
            Console.WriteLine("==================================================================");
            Console.WriteLine(" Cordon: first start. The node's admin API key (shown only once):");
            Console.WriteLine();
            Console.WriteLine("   " + result.GeneratedKey);
            Console.WriteLine();
            Console.WriteLine(" Use it as:  Authorization: Bearer <key>");
            Console.WriteLine("==================================================================");
            Console.WriteLine();
        }
    }
}
