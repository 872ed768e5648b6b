using NodaTime;

namespace Convene.IntegrationTests.Infrastructure;

/// <summary>A clock the tests move by hand (NodaTime.Testing is not available here).</summary>
public sealed class FakeClock(Instant now) : IClock
{
    private long _ticks = now.ToUnixTimeTicks();

    public Instant GetCurrentInstant() => Instant.FromUnixTimeTicks(Interlocked.Read(ref _ticks));

    public void Advance(Duration duration) => Interlocked.Add(ref _ticks, duration.BclCompatibleTicks);
}
