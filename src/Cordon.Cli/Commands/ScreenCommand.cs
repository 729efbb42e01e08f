using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Cordon.Cli.Client;
using Cordon.Core.Identifiers;
using Cordon.Core.Screening;
using Cordon.Core.Text;

namespace Cordon.Cli.Commands;

/// <summary>
/// <c>cordon screen VALUE|FILE</c>: checks against a running node's API (<c>--server</c>, <c>--key</c>, or the
/// environment variables CORDON_SERVER and CORDON_KEY). A file is screened in one streamed batch.
/// </summary>
public static class ScreenCommand
{
    public static Command Build(CliIo io)
    {
        var target = new Argument<string>("value-or-file") { Description = "An identifier, or a .csv (header type,value) / .jsonl file" };
        var type = new Option<IdentifierType?>("--type")
        {
            Description = "Identifier type of the value (or of file rows without one)",
            CustomParser = result => EnumOption.Parse<IdentifierType>(result.Tokens.Single().Value, result),
        };
        var server = new Option<string?>("--server") { Description = "Node URL (default: CORDON_SERVER, else http://127.0.0.1:5080)" };
        var key = new Option<string?>("--key") { Description = "API key (default: CORDON_KEY)" };
        var privately = new Option<bool>("--private") { Description = "Send only a 5-hex-digit SHA-256 prefix; compare locally" };
        var country = new Option<string?>("--country") { Description = "Your country, for national phone numbers in --private mode" };
        var output = new Option<FileInfo?>("--out") { Description = "Where a file's verdicts go (default: FILE.verdicts.csv or .jsonl)" };
        var command = new Command("screen", "Screen one identifier or a file against a node") { target, type, server, key, privately, country, output };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            var apiKey = parse.GetValue(key) ?? Environment.GetEnvironmentVariable("CORDON_KEY");
            if (string.IsNullOrWhiteSpace(apiKey))
            {
                await context.Error.WriteLineAsync("error: give the API key with --key or CORDON_KEY.");
                return CordonCli.Usage;
            }
            using var http = new HttpClient
            {
                BaseAddress = new Uri(parse.GetValue(server) ?? Environment.GetEnvironmentVariable("CORDON_SERVER") ?? "http://127.0.0.1:5080"),
                Timeout = Timeout.InfiniteTimeSpan,
            };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            var client = new ScreeningClient(http);
            var value = parse.GetValue(target)!;
            if (File.Exists(value))
            {
                return await ScreenFileAsync(context, client, new FileInfo(value), parse.GetValue(type), parse.GetValue(output), cancellationToken);
            }
            var identifierType = parse.GetValue(type);
            if (identifierType is null)
            {
                await context.Error.WriteLineAsync("error: give the identifier's --type (phone, bank_account, url, …).");
                return CordonCli.Usage;
            }
            var verdict = parse.GetValue(privately)
                ? await client.ScreenPrivatelyAsync(identifierType.Value, value,
                    context.Normalisation().For(parse.GetValue(country)?.ToUpperInvariant()), cancellationToken)
                : await client.ScreenAsync(identifierType.Value, value, cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, verdict);
            }
            else
            {
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{CordonJson.Name(verdict.Verdict)} (score {verdict.Score}) {verdict.Value} {string.Join(", ", verdict.Categories)}"));
            }
            return CordonCli.Ok;
        });
        return command;
    }

    private static async Task<int> ScreenFileAsync(CliContext context, ScreeningClient client, FileInfo file, IdentifierType? type,
        FileInfo? output, CancellationToken cancellationToken)
    {
        var jsonl = file.Extension is ".jsonl" or ".ndjson";
        var destination = output?.FullName ?? Path.ChangeExtension(file.FullName, jsonl ? ".verdicts.jsonl" : ".verdicts.csv");
        var started = Stopwatch.StartNew();
        await using (var input = file.OpenRead())
        await using (var verdicts = File.Create(destination))
        {
            await client.ScreenBatchAsync(input, jsonl ? "application/x-ndjson" : "text/csv", verdicts, type, cancellationToken);
        }
        var counts = Summarise(destination, jsonl);
        var elapsed = started.Elapsed.TotalSeconds;
        var lines = counts.Values.Sum();
        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Screened {lines:N0} lines in {elapsed:F1} s ({lines / Math.Max(elapsed, 0.001):N0}/s): " +
            $"{counts.GetValueOrDefault("known_bad"):N0} known_bad, {counts.GetValueOrDefault("suspicious"):N0} suspicious, " +
            $"{counts.GetValueOrDefault("clear"):N0} clear, {counts.GetValueOrDefault("error"):N0} errors. Verdicts in {destination}"));
        return CordonCli.Ok;
    }

    private static Dictionary<string, long> Summarise(string verdicts, bool jsonl)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(verdicts).Skip(jsonl ? 0 : 1))
        {
            var verdict = jsonl
                ? line.Contains("\"error\"", StringComparison.Ordinal) ? "error" : Verdicts.FirstOrDefault(v => line.Contains($"\"verdict\":\"{v}\"", StringComparison.Ordinal)) ?? "error"
                : line.Split(',') is { Length: > 3 } fields && fields[3].Length > 0 ? fields[3] : "error";
            counts[verdict] = counts.GetValueOrDefault(verdict) + 1;
        }
        return counts;
    }

    private static readonly string[] Verdicts = [.. Enum.GetValues<Verdict>().Select(CordonJson.Name)];
}
