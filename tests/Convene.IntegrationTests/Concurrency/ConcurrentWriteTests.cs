using System.Net;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Concurrency;

/// <summary>
/// Writes that race for the same unique row: on PostgreSQL two transactions can both find no row and both insert
/// one (a unique violation, 23505), or deadlock (40P01) or fail to serialise (40001). Each is retried in a fresh
/// transaction (docs/adr/0018), so every request gets its normal answer — never a 500.
/// </summary>
public abstract class ConcurrentWriteTests(ConveneApp app) : ApiTestBase(app)
{
    private const int Parallel = 16;

    [Fact]
    public async Task ConcurrentFeedRotations_AreAllAnswered_AndExactlyOneAddressWorks()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await NewUserAsync("Rota Rotator", "rotator");

        // No feed yet: every request first finds none, then all insert one.
        var answers = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i => i % 2 == 0
            ? client.PostAsync("/api/v1/me/calendar-feed/rotate", null, ct)
            : client.GetAsync("/api/v1/me/calendar-feed", ct)));
        var urls = new List<string>();
        foreach (var answer in answers)
        {
            urls.Add((await answer.JsonAsync(HttpStatusCode.OK)).GetProperty("url").GetString()!);
        }

        var current = (await (await client.GetAsync("/api/v1/me/calendar-feed", ct)).JsonAsync(HttpStatusCode.OK)).GetProperty("url").GetString()!;
        Assert.Contains(current, urls);
        using var anonymous = new HttpClient { BaseAddress = App.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(current).PathAndQuery, ct)).StatusCode);
        foreach (var stale in urls.Distinct().Where(u => u != current))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(stale).PathAndQuery, ct)).StatusCode);
        }
    }

    private async Task<HttpClient> NewUserAsync(string name, string userName)
    {
        using var admin = await App.ClientForAsync("admin");
        (await admin.PostJsonAsync("/api/v1/associates", new { name, kind = "Employee", userName, password = "concurrent-pass" })).EnsureSuccessStatusCode();
        return App.ClientWithToken(await App.LoginAsync(userName, "concurrent-pass"));
    }
}

public sealed class ConcurrentWriteTests_Sqlite(ConveneApp app) : ConcurrentWriteTests(app), IClassFixture<ConveneApp>;

public sealed class ConcurrentWriteTests_Postgres(PostgresConveneApp app) : ConcurrentWriteTests(app), IClassFixture<PostgresConveneApp>;
