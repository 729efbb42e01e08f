using Cordon.Core.Members;
using Cordon.Store;
using Cordon.Store.Audit;
using Cordon.Store.Indicators;
using Cordon.Store.Indicators.Import;
using Cordon.Store.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Cordon.Cli;

/// <summary>
/// What every verb needs: the store (same configuration as the server: appsettings.json beside the binary, then
/// <c>Cordon__Database__*</c> environment variables, then <c>--provider</c>/<c>--connection</c>), and the local
/// operator, who acts as an administrator of the node's own organisation.
/// </summary>
public sealed class CliContext(CordonDbFactory factory, IConfiguration configuration, CliIo io, bool json)
{
    public IConfiguration Configuration { get; } = configuration;
    public TextWriter Output { get; } = io.Output;
    public TextReader Input { get; } = io.Input;
    public TextWriter Error { get; } = io.Error;
    public bool Json { get; } = json;
    public TimeProvider Clock { get; } = TimeProvider.System;

    public static CliContext Create(string? provider, string? connection, CliIo io, bool json)
    {
        var overrides = new Dictionary<string, string?>();
        if (provider is not null)
        {
            overrides["Cordon:Database:Provider"] = provider;
        }
        if (connection is not null)
        {
            overrides["Cordon:Database:ConnectionString"] = connection;
        }
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
        return new CliContext(new CordonDbFactory(StoreOptions.FromConfiguration(configuration)), configuration, io, json);
    }

    /// <summary>Opens the store, migrating and bootstrapping it first if this is its first use.</summary>
    public async Task<CordonDb> OpenAsync(CancellationToken cancellationToken)
    {
        await factory.MigrateAsync(cancellationToken);
        var db = factory.Create();
        var bootstrap = await NodeBootstrap.EnsureAsync(db, Clock,
            BootstrapSettings.FromConfiguration(Configuration),
            cancellationToken);
        if (bootstrap?.GeneratedKey is not null)
        {
            // Standard error, so that --json output on standard output stays parseable.
            await Error.WriteLineAsync($"New store: the node's admin API key (shown only once): {bootstrap.GeneratedKey}");
        }
        return db;
    }

    /// <summary>Identifier normalisation with this node's card hash key and public suffix list.</summary>
    public IdentifierNormalisation Normalisation() =>
        new(CardHashKey.Resolve(Configuration), PublicSuffixLists.FromConfiguration(Configuration, Clock));

    /// <summary>A bulk importer over an open store; its writes and their audit records share one audit log.</summary>
    public IndicatorImporter Importer(CordonDb db)
    {
        var audit = new AuditLog(db, Clock);
        return new IndicatorImporter(db, audit, new IndicatorWriter(db, audit, Clock, Normalisation()), Clock);
    }

    /// <summary>The caller an actor stands for: what its organisation may see, read as the server reads it.</summary>
    public static Task<Caller> CallerAsync(CordonDb db, Actor actor, CancellationToken cancellationToken) =>
        new CallerDirectory(db).ForAsync(actor, cancellationToken);

    /// <summary>The local operator: a node administrator, recorded in the audit chain as the operating-system user.</summary>
    public static async Task<Actor> OperatorAsync(CordonDb db, CancellationToken cancellationToken)
    {
        var node = await db.Organisations.AsNoTracking().FirstAsync(o => o.IsNodeOperator, cancellationToken);
        return new Actor(node.Id, ActorKind.Cli, Environment.UserName, RoleSet.ToFlags([Role.Admin]), IsNodeOperator: true);
    }
}
