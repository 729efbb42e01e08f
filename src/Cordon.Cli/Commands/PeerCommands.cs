using System.CommandLine;
using Cordon.Application.Federation;
using Cordon.Application.Members;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Cordon.Core.Text;

namespace Cordon.Cli.Commands;

/// <summary><c>cordon peer add|list|sync</c>: federation peers, against the store directly.</summary>
public static class PeerCommands
{
    public static Command Build(CliIo io) => new("peer", "Federation peers (TAXII 2.1)") { Add(io), List(io), Sync(io), AcceptAudit(io) };

    private static Command AcceptAudit(CliIo io)
    {
        var peerName = new Argument<string>("peer") { Description = "The peer's name or id" };
        var command = new Command("accept-audit", "Clear a peer's audit alarm and witness its log afresh from the next sync") { peerName };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var peer = await scope.Get<PeerDirectory>().AcceptAuditAsync(await scope.OperatorAsync(cancellationToken), parse.GetValue(peerName)!,
                cancellationToken);
            await context.Output.WriteLineAsync($"{peer.Name}: audit alarm cleared; its log is witnessed afresh from the next sync.");
            return CordonCli.Ok;
        });
        return command;
    }

    private static Command Add(CliIo io)
    {
        var name = new Option<string>("--name") { Description = "The peer node's name (its Cordon:Node:Name)", Required = true };
        var url = new Option<string?>("--url") { Description = "The peer's TAXII API root, e.g. https://peer.example/taxii2/cordon/ (not needed for inbound)" };
        var collection = new Option<string?>("--collection") { Description = "The collection id at the peer: its federation collection (not needed for inbound)" };
        var direction = new Option<PeerDirection>("--direction")
        {
            Description = "pull, push, both (default) or inbound (the peer calls this node; this node never calls it)",
            DefaultValueFactory = _ => PeerDirection.Both,
            CustomParser = result => EnumOption.Parse<PeerDirection>(result.Tokens.Single().Value, result),
        };
        var username = new Option<string?>("--username") { Description = "HTTP Basic user name at the peer (on Cordon: this node's organisation id there); bearer when left out" };
        var secretStdin = new Option<bool>("--secret-stdin") { Description = "Read the secret (an API key at the peer) from the first line of standard input (not needed for inbound)" };
        var tlps = new Option<Tlp[]>("--tlp")
        {
            Description = "TLPs that may leave for the peer: clear, green, amber (default clear and green); repeat for several",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result => result.Tokens.Select(t => EnumOption.Parse<Tlp>(t.Value, result)).ToArray(),
        };
        var types = new Option<IdentifierType[]>("--type")
        {
            Description = "Identifier types that may leave (default all); repeat for several",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result => result.Tokens.Select(t => EnumOption.Parse<IdentifierType>(t.Value, result)).ToArray(),
        };
        var categories = new Option<Category[]>("--category")
        {
            Description = "Categories that may leave (default all); repeat for several",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result => result.Tokens.Select(t => EnumOption.Parse<Category>(t.Value, result)).ToArray(),
        };
        var command = new Command("add", "Add a peer; prints the credentials the peer calls this node with")
        {
            name, url, collection, direction, username, secretStdin, tlps, types, categories,
        };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            var secret = parse.GetValue(secretStdin) ? (await context.Input.ReadLineAsync(cancellationToken))?.TrimEnd('\r') : null;
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.OperatorAsync(cancellationToken);
            var peer = await scope.Get<PeerDirectory>().AddAsync(actor, new PeerSpec(parse.GetValue(name), parse.GetValue(url),
                parse.GetValue(collection), parse.GetValue(direction), parse.GetValue(username), secret, parse.GetValue(tlps), parse.GetValue(types),
                parse.GetValue(categories)), cancellationToken);
            var key = await scope.Get<MemberDirectory>().CreateKeyAsync(actor, peer.OrganisationId, $"federation: {peer.Name}",
                [Role.Analyst], cancellationToken: cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, new { peer.Id, peer.Name, inboundUsername = peer.OrganisationId, inboundKey = key.Secret });
            }
            else
            {
                await context.Output.WriteLineAsync($"Peer {peer.Name} added ({peer.Id}).");
                await context.Output.WriteLineAsync($"Give the peer these credentials to call this node (shown only once):");
                await context.Output.WriteLineAsync($"  user name (organisation id): {peer.OrganisationId:D}");
                await context.Output.WriteLineAsync($"  key: {key.Secret}");
                await context.Output.WriteLineAsync($"  federation collection: {TaxiiCollections.FederationId:D}");
            }
            return CordonCli.Ok;
        });
        return command;
    }

    private static Command List(CliIo io)
    {
        var command = new Command("list", "Peers, their rules and how far each sync has got");
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var peers = await scope.Get<PeerDirectory>().ListAsync(cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, peers.Select(p => new
                {
                    p.Id,
                    p.Name,
                    p.ApiRoot,
                    p.CollectionId,
                    direction = CordonJson.Name(p.Direction),
                    p.Pulled,
                    p.Pushed,
                    p.PullCursor,
                    p.PushCursor,
                    p.LastRunAt,
                    p.LastSuccessAt,
                    p.LastError,
                    p.RetryAfter,
                }));
                return CordonCli.Ok;
            }
            if (peers.Count == 0)
            {
                await context.Output.WriteLineAsync("No peers.");
            }
            foreach (var p in peers)
            {
                await context.Output.WriteLineAsync($"{p.Name}  {CordonJson.Name(p.Direction)}  {p.ApiRoot}  pulled {p.Pulled}, pushed {p.Pushed}"
                                                    + $"  last run {p.LastRunAt?.ToString("u") ?? "never"}{(p.LastError is null ? "" : $"  error: {p.LastError}")}");
            }
            return CordonCli.Ok;
        });
        return command;
    }

    private static Command Sync(CliIo io)
    {
        var peerName = new Argument<string>("peer") { Description = "The peer's name or id" };
        var command = new Command("sync", "Sync with a peer now (pull and/or push as configured)") { peerName };
        command.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var peer = await scope.Get<PeerDirectory>().FindAsync(parse.GetValue(peerName)!, cancellationToken);
            var report = await scope.Get<PeerSync>().SyncAsync(peer.Id, cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, report);
            }
            else
            {
                await context.Output.WriteLineAsync($"{report.Peer}: pulled {report.PulledObjects} objects ({report.PulledFailures} refused), "
                                                    + $"pushed {report.PushedIndicators} indicators ({report.PushFailures} refused), {report.Pages} pages.");
                if (report.Error is not null)
                {
                    await context.Error.WriteLineAsync($"error: {report.Error}");
                }
            }
            return report.Error is null ? CordonCli.Ok : CordonCli.Failure;
        });
        return command;
    }
}
