using Cordon.Server.Hosting;

// Settings ship beside the binary; data paths such as ./data stay relative to the folder the node is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddCordon();

var app = builder.Build();
await app.PrepareStoreAsync();
app.UseCordon();
await app.RunAsync();

/// <summary>The host's entry point, visible to the in-process API tests.</summary>
public partial class Program;
