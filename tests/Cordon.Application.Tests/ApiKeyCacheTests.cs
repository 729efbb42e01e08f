using Cordon.Application.Members;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Cordon.Testing;

namespace Cordon.Application.Tests;

public sealed class ApiKeyCacheTests
{
    private static readonly Caller Someone = new(new Actor(Guid.NewGuid(), ActorKind.ApiKey, Guid.NewGuid().ToString("D"), 1, IsNodeOperator: false),
        new Viewer(Guid.NewGuid(), new HashSet<Guid>()));

    [Fact]
    public void RememberedKey_IsFound_UntilItsLifetimeEnds()
    {
        var clock = new FakeClock();
        var cache = new ApiKeyCache(clock, TimeSpan.FromSeconds(10));
        cache.Remember("cdn_some-presented-key-0123456789abcdef", Someone, cache.Generation);
        Assert.Equal(Someone, cache.Find("cdn_some-presented-key-0123456789abcdef"));
        Assert.Null(cache.Find("cdn_another-presented-key-0123456789abcd"));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(cache.Find("cdn_some-presented-key-0123456789abcdef"));
    }

    [Fact]
    public void Revocation_EvictsAtOnce()
    {
        var cache = new ApiKeyCache(new FakeClock(), TimeSpan.FromMinutes(1));
        cache.Remember("cdn_some-presented-key-0123456789abcdef", Someone, cache.Generation);
        cache.Evict(Guid.Parse(Someone.Actor.ActorId));
        Assert.Null(cache.Find("cdn_some-presented-key-0123456789abcdef"));
    }

    [Fact]
    public void Clear_ForgetsEveryCaller_SoThatAChangedViewerIsReadAgain()
    {
        var cache = new ApiKeyCache(new FakeClock(), TimeSpan.FromMinutes(1));
        cache.Remember("cdn_some-presented-key-0123456789abcdef", Someone, cache.Generation);
        var readBefore = cache.Generation;
        cache.Clear();
        Assert.Null(cache.Find("cdn_some-presented-key-0123456789abcdef"));
        // A caller read before the change and remembered after it would be stale: it is not kept.
        cache.Remember("cdn_some-presented-key-0123456789abcdef", Someone, readBefore);
        Assert.Null(cache.Find("cdn_some-presented-key-0123456789abcdef"));
    }

    [Fact]
    public void ZeroLifetime_DisablesTheCache()
    {
        var cache = new ApiKeyCache(new FakeClock(), TimeSpan.Zero);
        cache.Remember("cdn_some-presented-key-0123456789abcdef", Someone, cache.Generation);
        Assert.Null(cache.Find("cdn_some-presented-key-0123456789abcdef"));
    }
}
