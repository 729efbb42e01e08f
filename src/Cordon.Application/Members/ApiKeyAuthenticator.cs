using Cordon.Application.Data;
using Cordon.Core.Members;
using Cordon.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Members;

/// <summary>Turns a presented API key into the caller it stands for (actor and viewer), or nothing.</summary>
public sealed class ApiKeyAuthenticator(CordonDb db, CallerDirectory callers, TimeProvider clock, ApiKeyCache? cache = null)
{
    /// <summary>Last-used times are written at most this often per key, to keep writes off the hot path.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<Caller?> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (!ApiKeySecret.HasPlausibleShape(presented))
        {
            return null;
        }
        if (cache?.Find(presented) is { } cached)
        {
            return cached;
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
