using Cordon.Server.Hosting;

namespace Cordon.Bench.Server;

/// <summary>
/// The Cordon server with the screening benchmark's comparison endpoints added: built only for bench/, never shipped.
/// </summary>
public static class BenchServer
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddCordon();
        var app = builder.Build();
        await app.PrepareStoreAsync();
        app.UseCordon();
        app.MapBenchEndpoints();
        await app.RunAsync();
    }
}
