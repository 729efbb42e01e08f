using System.Globalization;
using Cordon.Testing;
using Microsoft.Playwright;

namespace Cordon.Console.Tests;

/// <summary>
/// The real server, started as its own process on 127.0.0.1 with a fresh SQLite store and the demo network
/// (<c>--demo</c>), and headless Chromium from Debian driven by Playwright. Both are stopped at the end.
/// </summary>
public sealed class ConsoleServer : IAsyncLifetime
{
    public const string AdminKey = "cdn_console-tests-admin-key-0123456789abcdef";
    public const string Password = "demo-password-2026";
    public static readonly TimeSpan CriticalFreezeAcknowledge = TimeSpan.FromSeconds(8);
    private readonly string folder = Directory.CreateTempSubdirectory("cordon-console-").FullName;
    private ServerProcess? server;
    private IPlaywright? playwright;

    public Uri Url => server?.Url ?? throw new InvalidOperationException("Not started.");
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;

    /// <summary>Where the screenshots go: beside the test binaries, so under the test output, never in the repository.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private string LogPath => server?.LogPath ?? Path.Combine(folder, "server.log");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        server = new ServerProcess("server", folder, new Dictionary<string, string>
        {
            ["Cordon__Database__Provider"] = "sqlite",
            ["Cordon__Database__ConnectionString"] = $"Data Source={Path.Combine(folder, "cordon.db")}",
            ["Cordon__Bootstrap__AdminKey"] = AdminKey,
            ["Cordon__Feeds__ImportFolder"] = Path.GetTempPath(),
            ["Cordon__Public__IntakeOrganisation"] = "Harbour Bank",
            // A critical freeze missed within seconds, swept every second, and a ladder that climbs in seconds: the desk's
            // breach and escalation can be watched in a browser without waiting a quarter of an hour.
            ["Cordon__Response__SweepSeconds"] = "1",
            ["Cordon__Response__Deadlines__FreezeFunds__Critical__Acknowledge"] = CriticalFreezeAcknowledge.ToString("c", CultureInfo.InvariantCulture),
            ["Cordon__Response__Escalation__0__Notify"] = "recipient_admins",
            ["Cordon__Response__Escalation__1__After"] = "00:00:03",
            ["Cordon__Response__Escalation__1__Notify"] = "node_operator",
        }, ["--demo"]);
        // Ready and seeded: the demo's users exist once the demo network is in.
        await server.StartAsync(() => Task.FromResult(server.ReadLog().Contains("Demo network", StringComparison.Ordinal)));
        Api = new HttpClient { BaseAddress = Url };
        Api.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A new browser context (its own cookies) signed in as the given user, on 1280×800 unless told.</summary>
    public async Task<IPage> SignInAsync(string email, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Url, "/console").ToString());
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            // Signed in once the console's sign-out button shows (the sign-in page has none). No wait for the URL: when the
            // dashboard had already committed, WaitForURL waited for a "commit" load state that never fires again and timed
            // out over a fully drawn dashboard; waiting for the load event instead made a busy machine's slow dashboard look
            // like a failed sign-in.
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync(new() { Timeout = 60_000 });
            if (new Uri(page.Url).AbsolutePath != "/console")
            {
                throw new TimeoutException($"signed in, but at {page.Url} rather than the dashboard");
            }
        }
        catch (TimeoutException timeout)
        {
            // Say where the browser was and what it showed, so that a failed sign-in can be read from the run's output.
            var shot = Path.Combine(Screenshots, $"sign-in-failed-{email}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            throw new TimeoutException($"{email} was not signed in: the browser is at {page.Url}; see {shot} and {LogPath}", timeout);
        }
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        playwright?.Dispose();
        Api?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
        if (File.Exists(LogPath))
        {
            File.Copy(LogPath, Path.Combine(Screenshots, "server.log"), overwrite: true);
        }
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temporary folder is left for the system to clear.
        }
    }
}
