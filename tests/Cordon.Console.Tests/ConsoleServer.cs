using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
    private readonly string folder = Directory.CreateTempSubdirectory("cordon-console-").FullName;
    private Process? server;
    private IPlaywright? playwright;

    public Uri Url { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;

    /// <summary>Where the screenshots go: beside the test binaries, so under the test output, never in the repository.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}");
        var serverDll = Path.Combine(AppContext.BaseDirectory, "Cordon.Server.dll");
        var start = new ProcessStartInfo("dotnet", [serverDll, "--urls", Url.ToString(), "--demo"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Cordon__Database__Provider"] = "sqlite";
        start.Environment["Cordon__Database__ConnectionString"] = $"Data Source={Path.Combine(folder, "cordon.db")}";
        start.Environment["Cordon__Bootstrap__AdminKey"] = AdminKey;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        server = Process.Start(start) ?? throw new InvalidOperationException("the server did not start");
        server.OutputDataReceived += (_, e) => Log(e.Data);
        server.ErrorDataReceived += (_, e) => Log(e.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        Api = new HttpClient { BaseAddress = Url };
        Api.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {server.ExitCode}; see {Path.Combine(folder, "server.log")}");
            }
            try
            {
                // Ready and seeded: the demo's bank analyst exists once the demo network is in.
                if ((await Api.GetAsync("/health/ready")).IsSuccessStatusCode && File.ReadAllText(LogPath).Contains("Demo network", StringComparison.Ordinal))
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (deadline.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"the server was not ready after 3 minutes; see {LogPath}");
            }
            await Task.Delay(250);
        }
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    private string LogPath => Path.Combine(folder, "server.log");

    private readonly Lock logLock = new();

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (logLock)
        {
            File.AppendAllText(LogPath, line + Environment.NewLine);
        }
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
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        server?.Dispose();
        if (File.Exists(LogPath))
        {
            // Kept beside the screenshots, so that a failed run can be read after the temporary folder is gone.
            File.Copy(LogPath, Path.Combine(Screenshots, "server.log"), overwrite: true);
        }
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the stopping server: the temporary folder is cleared by the system.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
