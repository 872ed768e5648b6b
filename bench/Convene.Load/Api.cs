using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NodaTime;

namespace Convene.Load;

/// <summary>The HTTP side: one pooled client for all virtual users, each with its own bearer token.</summary>
internal sealed class Api : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private int _errorsShown;

    public Api(Uri baseUrl, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(connections, 1),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Signs the clients in one after another, before the clock starts (each sign-in is a PBKDF2 hash).</summary>
    public async Task<List<(int AssociateId, string Token)>> SignInAsync(int clients)
    {
        var tokens = new List<(int, string)>();
        for (var c = 0; c < clients; c++)
        {
            var associate = Seed.ClientAssociate(c);
            using var response = await _http.PostAsJsonAsync("api/v1/auth/token", new { userName = $"u{associate}", password = Seed.Password });
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"sign-in of u{associate}: {(int)response.StatusCode} {body}");
            }

            using var doc = JsonDocument.Parse(body);
            tokens.Add((associate, doc.RootElement.GetProperty("token").GetString()!));
        }

        return tokens;
    }

    public async Task<(Outcome Outcome, double Ms, string Body)> SendAsync(HttpMethod method, string path, string token, string? json, bool readBody)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = Json;
        }

        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var body = readBody || !response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : "";
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var status = (int)response.StatusCode;
            var outcome = status is >= 200 and < 300 ? Outcome.Ok
                : status is 409 or 412 ? Outcome.Expected
                : Outcome.Error;
            if (outcome == Outcome.Error && Interlocked.Increment(ref _errorsShown) <= 10)
            {
                await Console.Error.WriteLineAsync($"error: {method} {path} -> {status} {body[..Math.Min(body.Length, 300)]}");
            }

            return (outcome, ms, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            if (Interlocked.Increment(ref _errorsShown) <= 10)
            {
                await Console.Error.WriteLineAsync($"error: {method} {path} -> {e.GetType().Name} {e.Message}");
            }

            return (Outcome.Error, Stopwatch.GetElapsedTime(start).TotalMilliseconds, "");
        }
    }

    public static string Iso(Instant instant) => instant.ToDateTimeUtc().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The Monday 00:00 UTC of a random week of the seeded two years.</summary>
    public static Instant RandomWeek(Random random) =>
        Instant.FromUtc(2027, 1, 4, 0, 0) + Duration.FromDays(7 * random.Next(103));

    public static string DiaryPath(Instant week) =>
        $"api/v1/diary?from={Iso(week)}&to={Iso(week + Duration.FromDays(7))}&includePending=true";

    public static string CreateBody(Random random, int ownerId, List<LocalDate> days, int invitees)
    {
        var (start, end) = Seed.Slot(random, days);
        var participants = Seed.Colleagues(random, ownerId, invitees).Select(id => $"{{\"associateId\":{id}}}")
            .Append($"{{\"associateId\":{Seed.RoomId(random.Next(1, Seed.Rooms + 1))}}}");
        return $"{{\"title\":\"Load {random.Next()}\",\"description\":\"Created by the load benchmark\",\"start\":\"{Iso(start)}\",\"end\":\"{Iso(end)}\",\"participants\":[{string.Join(',', participants)}]}}";
    }
}
