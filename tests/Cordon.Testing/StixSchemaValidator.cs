using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cordon.Testing;

/// <summary>
/// Checks STIX 2.1 JSON against the official OASIS JSON schemas with ajv (tests/stix-validator/validate.mjs), so that
/// tests judge Cordon's STIX output by code that is not Cordon's. Needs node and npm on the PATH; runs
/// <c>npm ci</c> in tests/stix-validator once per process when its node_modules are missing.
/// </summary>
public static class StixSchemaValidator
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
    private static volatile bool installed;

    /// <summary>The folder holding Cordon.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>OASIS's STIX data copied into the repository (tests/fixtures: schemas, examples, validator cases, each with its SOURCE.txt and LICENSE).</summary>
    public static string SharedDirectory => Path.Combine(RepositoryRoot, "tests", "fixtures");

    /// <summary>The official STIX 2.1 JSON schemas: tests/fixtures/stix2-json-schemas/schemas.</summary>
    public static string SchemasDirectory => Path.Combine(SharedDirectory, "stix2-json-schemas", "schemas");

    /// <summary>tests/stix-validator, where validate.mjs and its package.json live.</summary>
    public static string ValidatorDirectory => Path.Combine(RepositoryRoot, "tests", "stix-validator");

    /// <summary>
    /// Validates files (or folders of *.json / *.jsonl) holding STIX bundles, TAXII envelopes, single objects or JSON
    /// lines. Malformed JSON is a failure, not an exception; a missing file or a broken validator throws.
    /// </summary>
    public static async Task<StixValidation> ValidateAsync(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Length == 0)
        {
            throw new ArgumentException("Name at least one file or folder to validate.", nameof(paths));
        }
        if (!Directory.Exists(SchemasDirectory))
        {
            throw new InvalidOperationException($"The STIX 2.1 JSON schemas are not at {SchemasDirectory}.");
        }
        await EnsureInstalledAsync();

        var arguments = new List<string> { Path.Combine(ValidatorDirectory, "validate.mjs"), SchemasDirectory };
        arguments.AddRange(paths.Select(Path.GetFullPath));
        var run = await RunAsync("node", arguments, ValidatorDirectory);
        if (run.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException(
                $"validate.mjs exited with {run.ExitCode}.{Environment.NewLine}{run.Error}{run.Output}".TrimEnd());
        }
        try
        {
            return JsonSerializer.Deserialize<StixValidation>(run.Output, Json)
                   ?? throw new InvalidOperationException("validate.mjs printed null.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException(
                $"validate.mjs printed something that is not its report: {e.Message}{Environment.NewLine}{run.Output}", e);
        }
    }

    /// <summary>Validates STIX objects (each one JSON document, of any layout), written to a temporary .jsonl file.</summary>
    public static async Task<StixValidation> ValidateObjectsAsync(IEnumerable<string> jsonObjects)
    {
        ArgumentNullException.ThrowIfNull(jsonObjects);
        var file = Path.Combine(Path.GetTempPath(), $"cordon-stix-{Guid.NewGuid():N}.jsonl");
        try
        {
            // A raw line break in JSON can only be whitespace between tokens, so each object fits on one line.
            var lines = jsonObjects.Select(json => json.ReplaceLineEndings(" "));
            await File.WriteAllLinesAsync(file, lines, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return await ValidateAsync(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task EnsureInstalledAsync()
    {
        if (installed)
        {
            return;
        }
        await InstallLock.WaitAsync();
        try
        {
            var modules = Path.Combine(ValidatorDirectory, "node_modules");
            if (!Directory.Exists(Path.Combine(modules, "ajv")) || !Directory.Exists(Path.Combine(modules, "ajv-formats")))
            {
                var npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
                var run = await RunAsync(npm, ["ci", "--no-audit", "--no-fund"], ValidatorDirectory);
                if (run.ExitCode != 0)
                {
                    throw new InvalidOperationException(
                        $"npm ci --no-audit --no-fund in {ValidatorDirectory} failed with exit code {run.ExitCode}:"
                        + $"{Environment.NewLine}{run.Output}{run.Error}".TrimEnd());
                }
            }
            installed = true;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string program, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start {program} (is it installed and on the PATH?): {e.Message}", e);
        }
        using var timeout = new CancellationTokenSource(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"{program} {string.Join(' ', start.ArgumentList)} did not finish within {Timeout.TotalMinutes:0} minutes.");
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Cordon.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Cordon.sln.");
    }
}

/// <summary>What validate.mjs found: how many files and STIX objects it read, and what failed.</summary>
public sealed record StixValidation(int Files, int Objects, IReadOnlyList<StixFailure> Failures)
{
    public bool Ok => Failures.Count == 0;

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"STIX validation: {Files} file(s), {Objects} object(s), {Failures.Count} failure(s)");
        foreach (var failure in Failures)
        {
            text.AppendLine().Append("  ").Append(failure);
        }
        return text.ToString();
    }
}

/// <summary>
/// One failure: the file (and line, for JSON lines), the object's id and type when it has them, and the schema and rule
/// errors as "instancePath message".
/// </summary>
public sealed record StixFailure(string File, int? Line, string? Id, string? Type, IReadOnlyList<string> Errors)
{
    public override string ToString()
    {
        var text = new StringBuilder(File);
        if (Line is { } line)
        {
            text.Append(CultureInfo.InvariantCulture, $":{line}");
        }
        text.Append(' ').Append(Id ?? "(no id)");
        if (Type is not null)
        {
            text.Append(" (").Append(Type).Append(')');
        }
        foreach (var error in Errors)
        {
            text.AppendLine().Append("    ").Append(error);
        }
        return text.ToString();
    }
}
