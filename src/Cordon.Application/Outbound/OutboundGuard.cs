using System.Net;
using System.Net.Sockets;
using Cordon.Core.Errors;
using Cordon.Core.Security;
using Microsoft.Extensions.Configuration;

namespace Cordon.Application.Outbound;

/// <summary>An outbound call refused because every address of its host is internal and not allowed.</summary>
public sealed class OutboundRefusedException(string message) : IOException(message);

/// <summary>
/// Keeps the node's outbound calls (feeds, peers, webhooks) off internal addresses: every connection is made here, to
/// an address checked after DNS resolution — so a name that resolves to loopback, a rebinding name or a redirect to an
/// internal host is refused at the moment it would connect. Networks listed in <c>Cordon:Outbound:AllowedNetworks</c>
/// (CIDR, e.g. an internal peer's "10.20.0.0/16", or "127.0.0.1" in a lab) are allowed for the operator's own calls
/// (feeds, peers); webhooks, which any member's administrator points, have their own list,
/// <c>Cordon:Webhooks:AllowedNetworks</c>, empty unless the operator fills it. The node's own addresses are refused too.
/// </summary>
public sealed class OutboundGuard(IReadOnlyList<IPNetwork> allowed)
{
    public const string AllowedNetworksSetting = "Cordon:Outbound:AllowedNetworks";
    public const string WebhookNetworksSetting = "Cordon:Webhooks:AllowedNetworks";

    /// <summary>The guard of the operator's calls (feeds, peers).</summary>
    public static OutboundGuard FromConfiguration(IConfiguration configuration) => FromSetting(configuration, AllowedNetworksSetting);

    /// <summary>The guard of calls that members point (webhooks).</summary>
    public static OutboundGuard ForWebhooks(IConfiguration configuration) => FromSetting(configuration, WebhookNetworksSetting);

    private static OutboundGuard FromSetting(IConfiguration configuration, string setting)
    {
        var section = configuration.GetSection(setting);
        var entries = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var networks = entries.Select(entry => InternalAddresses.ParseNetwork(entry)
                                               ?? throw new InvalidOperationException(
                                                   $"{setting}: '{entry}' is not a network such as 10.20.0.0/16 or an address."))
            .ToList();
        return new OutboundGuard(networks);
    }

    /// <summary>Why the node may not connect to the address (its kind, never the address), or null when it may.</summary>
    public string? Refusal(IPAddress address)
    {
        var kind = InternalAddresses.KindOf(address) ?? (OwnAddresses.Value.Contains(InternalAddresses.Embedded(address)) ? "this machine's" : null);
        if (kind is null)
        {
            return null;
        }
        var judged = InternalAddresses.Embedded(address);
        return allowed.Any(n => n.BaseAddress.AddressFamily == judged.AddressFamily && n.Contains(judged)
                                || n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address))
            ? null
            : $"a {kind} address";
    }

    /// <summary>The addresses of this machine's interfaces: reaching the node by its own public address is reaching inside.</summary>
    private static readonly Lazy<HashSet<IPAddress>> OwnAddresses = new(() =>
    {
        try
        {
            return System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => InternalAddresses.Embedded(a.Address)).ToHashSet();
        }
        catch (System.Net.NetworkInformation.NetworkInformationException)
        {
            return [];
        }
    });

    /// <summary>
    /// Checks a URL a member gives (a feed, a peer, a webhook) when it is saved: an internal literal, or a name that
    /// resolves to an internal address, is refused. The check at connect time still applies to every call.
    /// </summary>
    public async Task CheckAsync(Uri uri, string field, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            addresses = await ResolveAsync(uri.IdnHost, timeout.Token);
        }
        catch (Exception failure) when (failure is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return; // a name that does not resolve now may later; every connection is checked then
        }
        if (addresses.Any(address => Refusal(address) is not null))
        {
            throw new InvalidInputException(field, $"{uri.Host} must not lead to this machine or an internal network; "
                                                   + "the node's operator may allow a network explicitly (docs/operations.md, outbound calls).");
        }
    }

    /// <summary>A host's addresses: an address literal as it is, a name (a trailing dot allowed) through DNS.</summary>
    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host.TrimEnd('.'), cancellationToken);

    /// <summary>The connect step of every outbound handler: resolve, drop internal addresses, connect to the first that answers.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = await ResolveAsync(endpoint.Host, cancellationToken);
        var refusals = new List<string>();
        Exception? lastFailure = null;
        foreach (var address in addresses)
        {
            if (Refusal(address) is { } refusal)
            {
                refusals.Add(refusal);
                continue;
            }
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException failure)
            {
                socket.Dispose();
                lastFailure = failure;
            }
        }
        throw lastFailure ?? new OutboundRefusedException(refusals.Count == 0
            ? $"{endpoint.Host} has no address."
            : $"the node does not call internal addresses: {endpoint.Host} leads to {string.Join(", ", refusals.Distinct())} "
              + "(the node's operator may allow a network explicitly).");
    }
}
