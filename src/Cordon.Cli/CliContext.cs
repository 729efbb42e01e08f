using Cordon.Application;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Core.Members;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Cli;

/// <summary>
/// What every verb needs: the store (same configuration as the server: appsettings.json beside the binary, then
/// <c>Cordon__Database__*</c> environment variables, then <c>--provider</c>/<c>--connection</c>), and the local
/// operator, who acts as an administrator of the node's own organisation.
/// </summary>
public sealed class CliContext(IServiceProvider services, IConfiguration configuration, CliIo io, bool json)
{
    public IConfiguration Configuration { get; } = configuration;
    public TextWriter Output { get; } = io.Output;
    public TextReader Input { get; } = io.Input;
    public TextWriter Error { get; } = io.Error;
    public bool Json { get; } = json;
    public TimeProvider Clock => services.GetRequiredService<TimeProvider>();

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
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddCordonApplication(configuration)
            .BuildServiceProvider();
        return new CliContext(services, configuration, io, json);
    }

    /// <summary>
    /// Opens the store, migrating and bootstrapping it first if this is its first use, as a scope of the application's
    /// services: the same composition root as the server's.
    /// </summary>
    public async Task<CliScope> OpenAsync(CancellationToken cancellationToken)
    {
        await services.GetRequiredService<CordonDbFactory>().MigrateAsync(cancellationToken);
        var scope = new CliScope(services.CreateAsyncScope());
        await scope.Get<Application.Audit.AuditTreeBackfill>().RunAsync(cancellationToken);
        var bootstrap = await scope.Get<NodeBootstrap>().EnsureAsync(BootstrapSettings.FromConfiguration(Configuration), cancellationToken);
        if (bootstrap?.GeneratedKey is not null)
        {
            // Standard error, so that --json output on standard output stays parseable.
            await Error.WriteLineAsync($"New store: the node's admin API key (shown only once): {bootstrap.GeneratedKey}");
        }
        return scope;
    }

    /// <summary>Identifier normalisation with this node's card hash key and public suffix list.</summary>
    public IdentifierNormalisation Normalisation() => services.GetRequiredService<IdentifierNormalisation>();

    /// <summary>The caller an actor stands for: what its organisation may see, read as the server reads it.</summary>
    public static Task<Caller> CallerAsync(CliScope scope, Actor actor, CancellationToken cancellationToken) =>
        scope.Get<CallerDirectory>().ForAsync(actor, cancellationToken);

}

/// <summary>One verb's services over one store connection; disposing it closes the connection.</summary>
public sealed class CliScope(AsyncServiceScope scope) : IAsyncDisposable
{
    public T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>The local operator: a node administrator, recorded in the audit chain as the operating-system user.</summary>
    public Task<Actor> OperatorAsync(CancellationToken cancellationToken) =>
        Get<CallerDirectory>().LocalOperatorAsync(Environment.UserName, cancellationToken);

    /// <summary>The local operator acting for a member organisation (<c>--org</c>) with one role.</summary>
    public Task<Actor> ActorAsync(Guid organisationId, Role role, CancellationToken cancellationToken) =>
        Get<CallerDirectory>().LocalActorAsync(organisationId, role, Environment.UserName, cancellationToken);

    /// <summary>Writes the reads of restricted data the verb made to the audit log, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await Get<Application.Audit.ReadAuditQueue>().FlushAsync(CancellationToken.None);
        await scope.DisposeAsync();
    }
}
