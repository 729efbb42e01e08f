using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cordon.Testing;

/// <summary>
/// The real server as its own process on 127.0.0.1 (the Cordon.Server.dll built beside the tests), configured by
/// environment variables, its output kept in a log file. It can be killed as a crash would kill it and started again
/// on the same port and store.
/// </summary>
public sealed class ServerProcess(string name, string folder, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string>? arguments = null)
    : IAsyncDisposable
{
    private readonly Lock logLock = new();
    private Process? process;

    public string Name { get; } = name;

    public Uri Url { get; } = new($"http://127.0.0.1:{FreePort()}");

    public string LogPath => Path.Combine(folder, $"{Name}.log");

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Starts the server and waits until <c>/health/ready</c> answers and <paramref name="ready"/> (if given) holds.</summary>
    public async Task StartAsync(Func<Task<bool>>? ready = null, TimeSpan? timeout = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is running already");
        }
        var serverDll = Path.Combine(AppContext.BaseDirectory, "Cordon.Server.dll");
        var start = new ProcessStartInfo("dotnet", [serverDll, "--urls", Url.ToString(), .. arguments ?? []])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start");
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var health = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}; see {LogPath}");
            }
            try
            {
                if ((await health.GetAsync("/health/ready")).IsSuccessStatusCode && (ready is null || await ready()))
                {
                    return;
                }
            }
            catch (Exception notYet) when (notYet is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (deadline.Elapsed > (timeout ?? TimeSpan.FromMinutes(3)))
            {
                throw new TimeoutException($"{Name} was not ready after {deadline.Elapsed}; see {LogPath}");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>Ends the process at once (SIGKILL), as a crash or a power cut would: nothing gets to finish.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        process = null;
    }

    /// <summary>The log so far (for assertions and failure messages).</summary>
    public string ReadLog()
    {
        lock (logLock)
        {
            return File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";
        }
    }

    public ValueTask DisposeAsync() => new(KillAsync());

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
