using Convene.Core.Common;
using Convene.Core.Identity;
using NodaTime;

namespace Convene.Core.Tests.Identity;

public sealed class AuthTokenCacheTests
{
    private static readonly Instant Now = Instant.FromUtc(2030, 1, 1, 9, 0);
    private static readonly Instant TokenExpiry = Now + Duration.FromDays(30);
    private static readonly Viewer Frode = new(7, IsAdministrator: false);

    [Fact]
    public void TryGet_WithinTheLifetime_ReturnsTheViewer()
    {
        var cache = new AuthTokenCache();
        cache.Add("hash", Frode, TokenExpiry, Now, cache.Generation);

        Assert.True(cache.TryGet("hash", Now + AuthTokenCache.Lifetime - Duration.FromMilliseconds(1), out var viewer));
        Assert.Equal(Frode, viewer);
    }

    [Fact]
    public void TryGet_OnceTheLifetimeHasPassed_Misses()
    {
        var cache = new AuthTokenCache();
        cache.Add("hash", Frode, TokenExpiry, Now, cache.Generation);

        Assert.False(cache.TryGet("hash", Now + AuthTokenCache.Lifetime, out _));
    }

    [Fact]
    public void TryGet_AtTheTokensExpiry_Misses_EvenWithinTheLifetime()
    {
        var cache = new AuthTokenCache();
        var expiry = Now + Duration.FromSeconds(1);
        cache.Add("hash", Frode, expiry, Now, cache.Generation);

        Assert.True(cache.TryGet("hash", expiry - Duration.FromMilliseconds(1), out _));
        Assert.False(cache.TryGet("hash", expiry, out _));
    }

    [Fact]
    public void TryGet_AfterInvalidate_Misses()
    {
        var cache = new AuthTokenCache();
        cache.Add("hash", Frode, TokenExpiry, Now, cache.Generation);

        cache.Invalidate();

        Assert.False(cache.TryGet("hash", Now, out _));
    }

    [Fact]
    public void Add_OfAReadThatStartedBeforeAnInvalidation_IsNeverUsed()
    {
        var cache = new AuthTokenCache();
        var generation = cache.Generation; // the read starts
        cache.Invalidate();                 // a revocation commits meanwhile
        cache.Add("hash", Frode, TokenExpiry, Now, generation);

        Assert.False(cache.TryGet("hash", Now, out _));
    }

    [Fact]
    public void TryGet_OfAnotherToken_Misses()
    {
        var cache = new AuthTokenCache();
        cache.Add("hash", Frode, TokenExpiry, Now, cache.Generation);

        Assert.False(cache.TryGet("other", Now, out _));
    }
}
