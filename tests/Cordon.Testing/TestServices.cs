using Cordon.Application;
using Cordon.Application.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Testing;

/// <summary>
/// The application's services over a test store, from the same composition root as the server and the CLI
/// (<see cref="CordonApplication.AddCordonApplication"/>), with the test's clock; one scope, like one request or one verb.
/// </summary>
public sealed class TestServices : IAsyncDisposable
{
    private readonly ServiceProvider provider;
    private readonly AsyncServiceScope scope;

    public TestServices(TestDatabase database, TimeProvider clock, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cordon:Database:Provider"] = database.Options.Provider.ToString(),
            ["Cordon:Database:ConnectionString"] = database.Options.ConnectionString,
            ["Cordon:Cards:HashKey"] = Convert.ToBase64String(new byte[32]),
            ["Cordon:Audit:KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        provider = new ServiceCollection().AddSingleton(clock).AddSingleton<IConfiguration>(configuration)
            .AddCordonApplication(configuration).BuildServiceProvider();
        scope = provider.CreateAsyncScope();
    }

    public CordonDb Db => Get<CordonDb>();

    public T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await provider.DisposeAsync();
    }
}
