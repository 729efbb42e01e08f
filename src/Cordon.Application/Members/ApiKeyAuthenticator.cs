using Cordon.Application.Data;
using Cordon.Core.Members;
using Cordon.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Members;

/// <summary>What a presented key is: the caller it stands for, or nothing; or, after too many bad keys from the
/// client's address, how long the address must wait before any key of it is looked at again.</summary>
public sealed record KeyCheck(Caller? Caller, TimeSpan? RetryAfter = null);

/// <summary>
/// Turns a presented API key into the caller it stands for (actor and viewer), or nothing. Bad keys are counted per
/// client address (<see cref="GuessThrottle"/>): past the free ones, the address waits before any key is tried again.
/// </summary>
public sealed class ApiKeyAuthenticator(CordonDb db, CallerDirectory callers, TimeProvider clock, GuessThrottle throttle, AuthMetrics metrics,
    ApiKeyCache? cache = null)
{
    /// <summary>Last-used times are written at most this often per key, to keep writes off the hot path.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<KeyCheck> AuthenticateAsync(string presented, System.Net.IPAddress? client, CancellationToken cancellationToken = default)
    {
        // A key verified in the last seconds is answered first: a valid key is never refused for its neighbours' guesses,
        // and the hot path takes no throttle lock.
        if (cache?.Find(presented) is { } cached)
        {
            return new KeyCheck(cached);
        }
        var address = $"api-key:{GuessThrottle.Client(client)}";
        if (throttle.Attempt(address, throttle.Free.KeysPerAddress) is { } wait)
        {
            metrics.Refused("api_key", "throttled");
            return new KeyCheck(null, wait);
        }
        if (await FindAsync(presented, cancellationToken) is { } caller)
        {
            throttle.Succeeded(address);
            return new KeyCheck(caller);
        }
        metrics.Refused("api_key", "wrong");
        return new KeyCheck(null);
    }

    private async Task<Caller?> FindAsync(string presented, CancellationToken cancellationToken)
    {
        if (!ApiKeySecret.HasPlausibleShape(presented))
        {
            return null;
        }
        var readAt = cache?.Generation ?? 0;
        var prefix = ApiKeySecret.LookupPrefix(presented);
        var candidates = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Prefix == prefix && k.RevokedAt == null)
            .ToListAsync(cancellationToken);
        var key = candidates.FirstOrDefault(k => ApiKeySecret.Matches(presented, k.Salt, k.Hash));
        if (key is null)
        {
            return null;
        }
        var isNodeOperator = await db.Organisations.Where(o => o.Id == key.OrganisationId)
            .Select(o => o.IsNodeOperator).SingleAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUsedResolution)
        {
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, now), cancellationToken);
        }
        var caller = await callers.ForAsync(new Actor(key.OrganisationId, ActorKind.ApiKey, key.Id.ToString("D"), key.RoleFlags, isNodeOperator),
            cancellationToken);
        cache?.Remember(presented, caller, readAt);
        return caller;
    }
}
