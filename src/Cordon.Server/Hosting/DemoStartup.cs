using Cordon.Application.Data;
using Cordon.Application.Demo;
using Cordon.Core.Errors;
using Cordon.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Hosting;

/// <summary><c>--demo</c>: seeds the demo network into the store (unless it is there) and prints its keys once.</summary>
public static class DemoStartup
{
    public static async Task SeedDemoAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CordonDb>();
        var node = await db.Organisations.AsNoTracking().FirstAsync(o => o.IsNodeOperator);
        var actor = new Actor(node.Id, ActorKind.System, "demo", RoleSet.ToFlags([Role.Admin]), IsNodeOperator: true);
        var configured = app.Configuration["Cordon:Demo:EthPhishingDetectConfig"];
        if (configured is null)
        {
            (configured, var problem) = await EthPhishingDetectPackage.FetchConfigAsync();
            if (problem is not null)
            {
                app.Logger.LogWarning("Seeding the demo without the eth-phishing-detect domains: {Problem}", problem);
            }
        }
        await using var ethConfig = configured is not null && File.Exists(configured) ? File.OpenRead(configured) : null;
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<DemoNetwork>().SeedAsync(actor, ethConfig);
            Console.WriteLine();
            Console.WriteLine("Demo network seeded (keys shown only once):");
            foreach (var member in result.Members)
            {
                Console.WriteLine($"  {member.Name,-36} {member.Country}  key {member.Key}  users {member.UserEmail}, {member.AdminEmail}");
            }
            Console.WriteLine($"  node administrator: {result.NodeAdminEmail}");
            Console.WriteLine($"  console password for every demo user: {result.UserPassword}");
            Console.WriteLine($"  {result.Indicators} indicators, {result.EthPhishingDomains} eth-phishing-detect domains");
            Console.WriteLine();
        }
        catch (ConflictException)
        {
            app.Logger.LogInformation("The demo network is already in this store; not seeding again.");
        }
    }
}
