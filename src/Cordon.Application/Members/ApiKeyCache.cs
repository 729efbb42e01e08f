using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Cordon.Core.Members;

namespace Cordon.Application.Members;

/// <summary>
/// Recently verified keys and the callers they stand for (actor and viewer), so that the screening hot path does not query the store for every request. Entries live
/// for <see cref="Lifetime"/>; a revocation on this instance evicts at once, one on another instance takes effect here
/// within the lifetime. Entries are keyed by SHA-256 of the presented key, never the key itself.
/// </summary>
public sealed class ApiKeyCache(TimeProvider clock, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Until)> entries = new(StringComparer.Ordinal);
    private long generation;

    public TimeSpan Lifetime { get; } = lifetime;

    public Caller? Find(string presented)
    {
        if (Lifetime <= TimeSpan.Zero || !entries.TryGetValue(Fingerprint(presented), out var entry))
        {
            return null;
        }
        return entry.Until > clock.GetUtcNow() ? entry.Caller : null;
    }

    /// <summary>Moves on at every <see cref="Clear"/>: a caller read before it is not remembered after it.</summary>
    public long Generation => Interlocked.Read(ref generation);

    /// <param name="readAt">The <see cref="Generation"/> before the caller was read from the store.</param>
    public void Remember(string presented, Caller caller, long readAt)
    {
        if (Lifetime > TimeSpan.Zero && readAt == Generation)
        {
            entries[Fingerprint(presented)] = (caller, clock.GetUtcNow() + Lifetime);
        }
    }

    /// <summary>Forgets every cached use of a key (by its id) at once.</summary>
    public void Evict(Guid keyId)
    {
        var id = keyId.ToString("D");
        foreach (var (fingerprint, entry) in entries)
        {
            if (entry.Caller.Actor.ActorId == id)
            {
                entries.TryRemove(fingerprint, out _);
            }
        }
    }

    /// <summary>
    /// Forgets every entry: what a caller may see changed (community membership, a peer's rules), and cached callers
    /// carry their viewer.
    /// </summary>
    public void Clear()
    {
        Interlocked.Increment(ref generation);
        entries.Clear();
    }

    private static string Fingerprint(string presented) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
