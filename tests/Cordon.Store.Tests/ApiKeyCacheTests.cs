using Cordon.Core.Members;
using Cordon.Store.Members;
using Cordon.Testing;

namespace Cordon.Store.Tests;

public sealed class ApiKeyCacheTests
{
    private static readonly Actor Someone = new(Guid.NewGuid(), ActorKind.ApiKey, Guid.NewGuid().ToString("D"), 1, IsNodeOperator: false);

    [Fact]
    public void RememberedKey_IsFound_UntilItsLifetimeEnds()
    {
        var clock = new FakeClock();
        var cache = new ApiKeyCache(clock, TimeSpan.FromSeconds(10));
        cache.Remember("cdn_some-presented-key-0123456789abcdef", Someone);
        Assert.Equal(Someone, cache.Find("cdn_some-presented-key-0123456789abcdef"));
        Assert.Null(cache.Find("cdn_another-presented-key-0123456789abcd"));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(cache.Find("cdn_some-presented-key-0123456789abcdef"));
    }

    [Fact]
    public void Revocation_EvictsAtOnce()
    {
        var cache = new ApiKeyCache(new FakeClock(), TimeSpan.FromMinutes(1));
        cache.Remember("cdn_some-presented-key-0123456789abcdef", Someone);
        cache.Evict(Guid.Parse(Someone.ActorId));
        Assert.Null(cache.Find("cdn_some-presented-key-0123456789abcdef"));
    }

    [Fact]
    public void ZeroLifetime_DisablesTheCache()
    {
        var cache = new ApiKeyCache(new FakeClock(), TimeSpan.Zero);
        cache.Remember("cdn_some-presented-key-0123456789abcdef", Someone);
        Assert.Null(cache.Find("cdn_some-presented-key-0123456789abcdef"));
    }
}
