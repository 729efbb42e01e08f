using Cordon.Server.Hosting;

// --demo seeds the demo network on start (once per store); it is not a configuration key.
var demo = args.Contains("--demo");
args = args.Where(arg => arg != "--demo").ToArray();

// Settings ship beside the binary; data paths such as ./data stay relative to the folder the node is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddCordon();

var app = builder.Build();
await app.PrepareStoreAsync();
if (demo)
{
    await app.SeedDemoAsync();
}
app.UseCordon();
await app.RunAsync();

/// <summary>The host's entry point, visible to the in-process API tests.</summary>
public partial class Program;
