using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Cordon.Application.Members;

/// <summary>
/// Slows guessing of passwords and API keys without locking anyone out: each key (a client address, an account from an
/// address) has some failures free, then must wait a delay that doubles with each further failure, up to
/// <see cref="MaxDelay"/>; a quiet hour forgets it. An attempt is counted as a failure when it begins (and given back
/// when it succeeds), so a burst of parallel guesses cannot all pass before the first is counted. An attacker can slow
/// only the addresses it guesses from — never the account's owner signing in from elsewhere. IPv6 clients are counted
/// by their /64, which one host usually holds whole. In memory, per instance, at most <see cref="MaxEntries"/> keys.
/// </summary>
public sealed class GuessThrottle(TimeProvider clock, GuessThrottle.Limits limits)
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Forget = TimeSpan.FromHours(1);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromSeconds(10);
    public const int MaxEntries = 200_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lock pruning = new();
    private DateTimeOffset lastPrune;

    /// <summary>Failures free before delays begin: per address for passwords and for keys, per account and address.</summary>
    public sealed record Limits(int PasswordsPerAddress, int PasswordsPerAccount, int KeysPerAddress)
    {
        public static Limits FromConfiguration(IConfiguration configuration) => new(
            configuration.GetValue("Cordon:Auth:FreePasswordFailuresPerAddress", 10),
            configuration.GetValue("Cordon:Auth:FreePasswordFailuresPerAccount", 5),
            configuration.GetValue("Cordon:Auth:FreeKeyFailuresPerAddress", 20));
    }

    public Limits Free => limits;

    /// <summary>
    /// Begins an attempt: null when the key may try now (the attempt is already counted as a failure; call
    /// <see cref="Succeeded"/> if it was not), or how long it must still wait.
    /// </summary>
    public TimeSpan? Attempt(string key, int free)
    {
        var now = clock.GetUtcNow();
        if (entries.Count >= MaxEntries)
        {
            Prune(now);
        }
        var entry = entries.GetOrAdd(Compact(key), _ => new Entry());
        lock (entry)
        {
            if (entry.BlockedUntil > now)
            {
                return entry.BlockedUntil - now;
            }
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
            return null;
        }
    }

    /// <summary>The attempt succeeded: its failure is given back.</summary>
    public void Succeeded(string key)
    {
        if (!entries.TryGetValue(Compact(key), out var entry))
        {
            return;
        }
        lock (entry)
        {
            entry.Failures = Math.Max(0, entry.Failures - 1);
        }
    }

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

    /// <summary>A fixed-size key: an account name can be 254 characters, and memory is bounded by count.</summary>
    private static string Compact(string key) =>
        key.Length <= 64 ? key : Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 18));

    /// <summary>
    /// At most every few seconds: forget quiet keys; if the table is still full, forget those not now waiting (an
    /// attacker who fills it can only make free failures free again, never release a waiting address).
    /// </summary>
    private void Prune(DateTimeOffset now)
    {
        lock (pruning)
        {
            if (now - lastPrune < PruneEvery)
            {
                return;
            }
            lastPrune = now;
        }
        foreach (var (key, entry) in entries)
        {
            if (now - entry.LastFailure > Forget && entry.BlockedUntil <= now)
            {
                entries.TryRemove(key, out _);
            }
        }
        if (entries.Count < MaxEntries * 3 / 4)
        {
            return;
        }
        foreach (var (key, entry) in entries)
        {
            if (entry.BlockedUntil <= now)
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
