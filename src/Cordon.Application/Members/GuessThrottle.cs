using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Cordon.Application.Members;

/// <summary>
/// Slows guessing of passwords and API keys without locking anyone out: each key (a client address, an account from an
/// address) has some failures free, then must wait a delay that doubles with each further failure, up to
/// <see cref="MaxDelay"/>; a quiet hour forgets it. An attacker can slow only the addresses it guesses from — never
/// the account's owner signing in from elsewhere. IPv6 clients are counted by their /64, which one host usually holds
/// whole. In memory, per instance: behind several instances the limits add up, which still bounds guessing.
/// </summary>
public sealed class GuessThrottle(TimeProvider clock, GuessThrottle.Limits limits)
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Forget = TimeSpan.FromHours(1);
    private const int MaxEntries = 200_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Failures free before delays begin: per address for passwords and for keys, per account and address.</summary>
    public sealed record Limits(int PasswordsPerAddress, int PasswordsPerAccount, int KeysPerAddress)
    {
        public static Limits FromConfiguration(IConfiguration configuration) => new(
            configuration.GetValue("Cordon:Auth:FreePasswordFailuresPerAddress", 10),
            configuration.GetValue("Cordon:Auth:FreePasswordFailuresPerAccount", 5),
            configuration.GetValue("Cordon:Auth:FreeKeyFailuresPerAddress", 20));
    }

    public Limits Free => limits;

    /// <summary>How long the key must still wait, or null when it may try now.</summary>
    public TimeSpan? Wait(string key)
    {
        if (!entries.TryGetValue(key, out var entry))
        {
            return null;
        }
        var now = clock.GetUtcNow();
        lock (entry)
        {
            return entry.BlockedUntil > now ? entry.BlockedUntil - now : null;
        }
    }

    public void Failed(string key, int free)
    {
        var now = clock.GetUtcNow();
        if (entries.Count >= MaxEntries)
        {
            Prune(now);
        }
        var entry = entries.GetOrAdd(key, _ => new Entry());
        lock (entry)
        {
            if (now - entry.LastFailure > Forget)
            {
                entry.Failures = 0;
            }
            entry.Failures++;
            entry.LastFailure = now;
            var over = entry.Failures - free;
            if (over > 0)
            {
                var delay = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(over - 1, 20)));
                entry.BlockedUntil = now + (delay < MaxDelay ? delay : MaxDelay);
            }
        }
    }

    public void Succeeded(string key) => entries.TryRemove(key, out _);

    /// <summary>The client as counted: an IPv4 address, or an IPv6 address's /64.</summary>
    public static string Client(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in entries)
        {
            if (now - entry.LastFailure > Forget && entry.BlockedUntil <= now)
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    private sealed class Entry
    {
        public int Failures;
        public DateTimeOffset LastFailure;
        public DateTimeOffset BlockedUntil;
    }
}
