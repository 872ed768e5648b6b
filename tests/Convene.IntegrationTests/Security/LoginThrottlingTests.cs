using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Convene.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Convene.IntegrationTests.Security;

/// <summary>
/// Sign-in throttling per user name and per client address, and that no password or token reaches the logs. One
/// test in order, on a server of its own: exhausting the address's budget would lock the other tests out.
/// </summary>
public abstract class LoginThrottlingTests(ConveneApp app) : ApiTestBase(app)
{
    private const int PerUser = 10; // LoginThrottlingOptions' defaults
    private const int PerAddress = 100;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_IsThrottledPerUserNameThenPerAddress_AndNeverLogsPasswordsOrTokens()
    {
        var logs = new CapturingLoggerProvider();
        App.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        var secrets = new List<string>();

        // A user of its own with a password found nowhere else, signing in, using and revoking its token.
        var password = $"pw-{Guid.NewGuid():N}";
        var userName = $"t{Guid.NewGuid():N}"[..12];
        using (var admin = await App.ClientForAsync("admin"))
        {
            (await admin.PostJsonAsync("/api/v1/associates", new { name = "Throttled Tester", kind = "Employee", userName, password })).EnsureSuccessStatusCode();
        }

        var token = await App.LoginAsync(userName, password);
        var wrong = $"wrong-{Guid.NewGuid():N}";
        var forged = $"forged-{Guid.NewGuid():N}";
        secrets.AddRange([password, token, wrong, forged]);
        using (var client = App.ClientWithToken(token))
        {
            (await client.GetAsync(new Uri("/api/v1/auth/me", UriKind.Relative), _ct)).EnsureSuccessStatusCode();
            var feed = await (await client.GetAsync(new Uri("/api/v1/me/calendar-feed", UriKind.Relative), _ct)).JsonAsync(HttpStatusCode.OK);
            var feedUrl = new Uri(feed.GetProperty("url").GetString()!);
            secrets.Add(feedUrl.AbsolutePath.Split('/')[^1].Replace(".ics", "", StringComparison.Ordinal));
            using var anonymous = App.CreateClient();
            (await anonymous.GetAsync(new Uri(feedUrl.AbsolutePath, UriKind.Relative), _ct)).EnsureSuccessStatusCode();
            (await client.PostJsonAsync("/api/v1/auth/revoke")).EnsureSuccessStatusCode();
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/v1/auth/me", UriKind.Relative), _ct)).StatusCode);
        }

        using (var client = App.ClientWithToken(forged))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/v1/auth/me", UriKind.Relative), _ct)).StatusCode);
        }

        // Per user name: wrong passwords until refused. Every attempt counts, so then the right one is refused too.
        // A window may end during the loop (no clock is mocked here), so up to two windows' worth are allowed.
        var (refused, allowed) = await GuessUntilThrottledAsync(_ => userName, wrong, 2 * PerUser + 1);
        Assert.InRange(allowed, PerUser - 1, 2 * PerUser); // its one sign-in above counted too
        await AssertThrottledAsync(refused);
        await AssertThrottledAsync(await SignInAsync(userName.ToUpperInvariant(), password)); // user names ignore case
        // Another user from the same address is not affected.
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("ingrid", "demo")).StatusCode);

        // Per address: a different user name each time (password spraying) until refused; then everybody is.
        var sprayed = await GuessUntilThrottledAsync(i => $"nobody{i}", wrong, 2 * PerAddress + 1);
        Assert.InRange(sprayed.Allowed, 1, 2 * PerAddress);
        await AssertThrottledAsync(sprayed.Refused);
        await AssertThrottledAsync(await SignInAsync("kari", "demo"));

        Assert.Contains(logs.Messages, m => m.Contains("Sign-in throttled", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs.Messages, m => m.Contains(secret, StringComparison.Ordinal));
        }
    }

    private async Task<(HttpResponseMessage Refused, int Allowed)> GuessUntilThrottledAsync(Func<int, string> userName, string password, int attempts)
    {
        for (var i = 0; i < attempts; i++)
        {
            var response = await SignInAsync(userName(i), password);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return (response, i);
            }

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Fail($"no 429 after {attempts} attempts");
        throw new InvalidOperationException();
    }

    private async Task<HttpResponseMessage> SignInAsync(string userName, string password)
    {
        using var client = App.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password }, _ct);
    }

    private static async Task AssertThrottledAsync(HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.TooManyRequests, "auth.throttled");
        Assert.Equal(JsonValueKind.String, problem.GetProperty("detail").ValueKind);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }
}

public sealed class LoginThrottlingTests_Sqlite(ThrottledConveneApp app) : LoginThrottlingTests(app), IClassFixture<ThrottledConveneApp>;

public sealed class LoginThrottlingTests_Postgres(ThrottledPostgresConveneApp app) : LoginThrottlingTests(app), IClassFixture<ThrottledPostgresConveneApp>;

/// <summary>The server with the default sign-in limits.</summary>
public sealed class ThrottledConveneApp : ConveneApp
{
    protected override bool ThrottlesSignIns => true;
}

/// <summary>The server on PostgreSQL with the default sign-in limits.</summary>
public sealed class ThrottledPostgresConveneApp : PostgresConveneApp
{
    protected override bool ThrottlesSignIns => true;
}

/// <summary>Every log message of the server, with its state and exception, as text.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _messages);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            messages.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
