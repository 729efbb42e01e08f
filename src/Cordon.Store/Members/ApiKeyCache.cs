using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Cordon.Core.Members;

namespace Cordon.Store.Members;

/// <summary>
/// Recently verified keys, so that the screening hot path does not query the store for every request. Entries live
/// for <see cref="Lifetime"/>; a revocation on this instance evicts at once, one on another instance takes effect here
/// within the lifetime. Entries are keyed by SHA-256 of the presented key, never the key itself.
/// </summary>
public sealed class ApiKeyCache(TimeProvider clock, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, (Actor Actor, DateTimeOffset Until)> entries = new(StringComparer.Ordinal);

    public TimeSpan Lifetime { get; } = lifetime;

    public Actor? Find(string presented)
    {
        if (Lifetime <= TimeSpan.Zero || !entries.TryGetValue(Fingerprint(presented), out var entry))
        {
            return null;
        }
        return entry.Until > clock.GetUtcNow() ? entry.Actor : null;
    }

    public void Remember(string presented, Actor actor)
    {
        if (Lifetime > TimeSpan.Zero)
        {
            entries[Fingerprint(presented)] = (actor, clock.GetUtcNow() + Lifetime);
        }
    }

    /// <summary>Forgets every cached use of a key (by its id) at once.</summary>
    public void Evict(Guid keyId)
    {
        var id = keyId.ToString("D");
        foreach (var (fingerprint, entry) in entries)
        {
            if (entry.Actor.ActorId == id)
            {
                entries.TryRemove(fingerprint, out _);
            }
        }
    }

    private static string Fingerprint(string presented) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
