using System.CommandLine;
using Cordon.Application.Demo;
using Cordon.Core.Text;

namespace Cordon.Cli.Commands;

/// <summary><c>cordon demo</c>: seeds the demo network and prints its keys and console users.</summary>
public static class DemoCommand
{
    public static Command Build(CliIo io)
    {
        var config = new Option<FileInfo?>("--eth-phishing-detect")
        {
            Description = "eth-phishing-detect's src/config.json (default: fetched with 'npm pack eth-phishing-detect' when npm is available)",
        };
        var noNpm = new Option<bool>("--no-npm") { Description = "Do not try npm to fetch the eth-phishing-detect list" };
        var command = new Command("demo", "Seed a demo network: five members in four countries, keys, users and thousands of indicators")
        {
            config, noNpm,
        };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.OperatorAsync(cancellationToken);
            var configFile = parse.GetValue(config)?.FullName;
            if (configFile is null && !parse.GetValue(noNpm))
            {
                (configFile, var problem) = await EthPhishingDetectPackage.FetchConfigAsync(cancellationToken);
                if (problem is not null)
                {
                    await context.Error.WriteLineAsync($"note: {problem}; seeding without the eth-phishing-detect domains.");
                }
            }
            await using var ethConfig = configFile is null ? null : File.OpenRead(configFile);
            var result = await scope.Get<DemoNetwork>().SeedAsync(actor, ethConfig, cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, new
                {
                    result.Members,
                    result.NodeAdminEmail,
                    result.UserPassword,
                    result.Indicators,
                    result.EthPhishingDomains,
                    KnownBad = result.KnownBad.Select(k => new { Type = CordonJson.Name(k.Type), k.Value }),
                });
                return CordonCli.Ok;
            }
            Output.Table(context.Output, ["organisation", "sector", "country", "API key (shown once)", "console users"],
                result.Members.Select(m => new[] { m.Name, CordonJson.Name(m.Sector), m.Country, m.Key, $"{m.UserEmail}, {m.AdminEmail}" }));
            await context.Output.WriteLineAsync($"Node administrator: {result.NodeAdminEmail}");
            await context.Output.WriteLineAsync($"Console users' password: {result.UserPassword}");
            await context.Output.WriteLineAsync($"{result.Indicators} synthetic indicators; {result.EthPhishingDomains} eth-phishing-detect domains.");
            await context.Output.WriteLineAsync("Known-bad values to try: " + string.Join(", ", result.KnownBad.Select(k => k.Value)));
            return CordonCli.Ok;
        });
        return command;
    }
}
