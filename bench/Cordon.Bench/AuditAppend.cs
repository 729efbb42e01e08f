using System.Diagnostics;
using System.Globalization;
using Cordon.Application;
using Cordon.Application.Audit;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Bench;

/// <summary>
/// What the audit log costs a write, side by side in one run on one store: an indicator write (which appends its record),
/// an audit append alone, and a transaction that changes one row (the store's floor), first on a small log, then after the log has
/// been filled to RECORDS. The audit's share of an indicator write is (append − floor) / write.
/// </summary>
public static class AuditAppend
{
    public static async Task<int> MeasureAsync(long records, int writes, string provider, string connection)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cordon:Database:Provider"] = provider,
            ["Cordon:Database:ConnectionString"] = connection,
            ["Cordon:Cards:HashKey"] = Convert.ToBase64String(new byte[32]),
            ["Cordon:Audit:KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
        }).Build();
        await using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddCordonApplication(configuration)
            .BuildServiceProvider();
        await services.GetRequiredService<CordonDbFactory>().MigrateAsync();
        Guid node;
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NodeBootstrap>().EnsureAsync(new BootstrapSettings("Bench", "GB", null));
            node = await scope.ServiceProvider.GetRequiredService<CordonDb>().Organisations.Select(o => o.Id).SingleAsync();
        }
        var actor = new Actor(node, ActorKind.Cli, "bench", RoleSet.ToFlags([Role.Admin]), IsNodeOperator: true);
        Console.WriteLine($"store: {provider}; writes per measurement: {writes}");
        await MeasureRoundAsync(services, actor, writes, "small log");
        var filled = Stopwatch.StartNew();
        await FillAsync(services, actor, records);
        Console.WriteLine($"filled the log to {records:N0} records in {filled.Elapsed.TotalSeconds:F1} s "
                          + $"({records / filled.Elapsed.TotalSeconds:N0} records/s in batches of 10,000)");
        await MeasureRoundAsync(services, actor, writes, $"{records:N0} records");
        await MeasureReadsAsync(services, actor);
        await using (var scope = services.CreateAsyncScope())
        {
            var verify = Stopwatch.StartNew();
            var result = await scope.ServiceProvider.GetRequiredService<AuditLog>().VerifyAsync();
            Console.WriteLine($"full verification of {result.Records:N0} records: {(result.Ok ? "OK" : "BROKEN")} in {verify.Elapsed.TotalSeconds:F1} s");
        }
        return 0;
    }

    private static async Task MeasureRoundAsync(ServiceProvider services, Actor actor, int writes, string label)
    {
        // The floor: a transaction that changes one row, so that it commits to disk as every write does.
        var floor = await TimeAsync(services, writes, async scope =>
        {
            var db = scope.GetRequiredService<CordonDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Organisations.Where(o => o.Id == actor.OrganisationId)
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.Name, o => o.Name + ""));
            await transaction.CommitAsync();
        });
        var append = await TimeAsync(services, writes, scope => scope.GetRequiredService<AuditLog>()
            .RecordAsync([new AuditFact(actor, "bench.append", "bench", [], new { })]));
        var n = 0;
        var write = await TimeAsync(services, writes, async scope =>
        {
            var caller = await scope.GetRequiredService<CallerDirectory>().ForAsync(actor, CancellationToken.None);
            await scope.GetRequiredService<IndicatorService>().SubmitAsync(caller,
                [new IndicatorSubmission(IdentifierType.Domain, $"bench-{Guid.NewGuid():N}-{n++}.example", [Category.Phishing], 70, Tlp.Green,
                    Distribution.Node, null, null)], "bench");
        });
        var share = (append - floor) / write;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: one-row transaction {floor * 1000:F3} ms, audit append {append * 1000:F3} ms, indicator write {write * 1000:F3} ms; "
            + $"audit share of a write (append − floor) / write = {share:P1}"));
    }

    /// <summary>Reads of restricted data: 10,000 item reads by 10 callers on 10 routes, noted, then written in one flush.</summary>
    private static async Task MeasureReadsAsync(ServiceProvider services, Actor actor)
    {
        var queue = services.GetRequiredService<ReadAuditQueue>();
        var noting = Stopwatch.StartNew();
        for (var i = 0; i < 10_000; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var reads = scope.ServiceProvider.GetRequiredService<ReadLog>();
            reads.Route = $"GET /api/v1/indicators/{i % 10}";
            reads.Items(actor with { ActorId = $"reader-{i % 10}" }, "indicator", [Guid.NewGuid()]);
        }
        var noted = noting.Elapsed.TotalMilliseconds;
        var flush = Stopwatch.StartNew();
        var records = await queue.FlushAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reads: 10,000 restricted item reads noted in {noted:F1} ms ({noted * 1000 / 10_000:F2} µs each), written as {records} audit records "
            + $"in one flush of {flush.Elapsed.TotalMilliseconds:F1} ms"));
    }

    private static async Task<double> TimeAsync(ServiceProvider services, int count, Func<IServiceProvider, Task> action)
    {
        for (var i = 0; i < Math.Min(20, count); i++)
        {
            await using var warm = services.CreateAsyncScope();
            await action(warm.ServiceProvider);
        }
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await using var scope = services.CreateAsyncScope();
            await action(scope.ServiceProvider);
        }
        return watch.Elapsed.TotalSeconds / count;
    }

    private static async Task FillAsync(ServiceProvider services, Actor actor, long records)
    {
        const int Batch = 10_000;
        for (long done = 0; done < records; done += Batch)
        {
            await using var scope = services.CreateAsyncScope();
            var facts = Enumerable.Range(0, (int)Math.Min(Batch, records - done))
                .Select(_ => new AuditFact(actor, "bench.fill", "bench", [Guid.NewGuid()], new { Route = "GET /bench" })).ToList();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(facts);
        }
    }
}
