using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Convene.Crash;

/// <summary>The server under test as the crash run sees it: start it, kill it with SIGKILL, check the database while it is down.</summary>
public interface ICrashTarget
{
    /// <summary>Starts the server on the existing database and returns its base address once /health/ready answers 200.</summary>
    Task<Uri> StartAsync(CancellationToken ct);

    /// <summary>Kills the server process with SIGKILL (no graceful shutdown, no flush) and waits until it is gone.</summary>
    Task KillAsync();

    /// <summary>Runs <c>convene db check</c> on the database; null when every invariant holds, else the report.</summary>
    Task<string?> CheckAsync(CancellationToken ct);
}

/// <summary>What a crash run found; <see cref="Failures"/> is empty when every acknowledged write survived every kill.</summary>
public sealed record CrashReport(
    int Kills,
    int AcknowledgedWrites,
    int MeetingsChecked,
    int ChecksOfMeetings,
    int UnacknowledgedWrites,
    int UnacknowledgedWritesThatCommitted,
    int Refused,
    int ServerErrors,
    int InvariantViolations,
    IReadOnlyList<string> Failures)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"kills {Kills}, acknowledged writes {AcknowledgedWrites}, meetings checked {MeetingsChecked} ({ChecksOfMeetings} reads), " +
        $"unacknowledged writes {UnacknowledgedWrites} (committed anyway: {UnacknowledgedWritesThatCommitted}), refused (4xx) {Refused}, " +
        $"5xx {ServerErrors}, db check violations {InvariantViolations}, lost or wrong: {Failures.Count}");
}

/// <summary>
/// Crash durability (issue 8, item 3): a write-heavy load of several clients (create, seen, accept, decline, move,
/// cancel) against the real server, killed with SIGKILL at a random moment, then restarted, again and again. Every
/// write answered 2xx is recorded with the meeting state its answer showed; after each restart the meetings written
/// since the last restart are read back and must show exactly that state, and at the end all of them are. A write
/// that got no answer (cut by the kill) may or may not have committed: the next read accepts either the previous
/// acknowledged state or the write's effect, and takes what it finds as the new baseline. Between kill and restart
/// <c>convene db check</c> runs on the database as the crash left it.
/// Each meeting is written by one client only, one request at a time, so "the last acknowledged state" is well defined.
/// </summary>
public sealed class CrashLoad(ICrashTarget target, int kills, int clients, int seed, TextWriter log)
{
    private static readonly string[] Users = ["frode", "ingrid", "kari"];
    private readonly Dictionary<string, string> _tokens = [];
    private readonly Dictionary<string, int> _ids = [];
    private readonly List<string> _failures = [];
    private int _acknowledged;
    private int _unacknowledged;
    private int _committedAnyway;
    private int _refused;
    private int _serverErrors;
    private int _violations;
    private int _reads;

    /// <summary>How long the load runs after the first acknowledged write of a start until the kill: a random moment in this range (ms).</summary>
    public (int Min, int Max) RunMilliseconds { get; init; } = (200, 4000);

    public string Password { get; init; } = "demo";

    public async Task<CrashReport> RunAsync(CancellationToken ct)
    {
        var random = new Random(seed);
        var ledgers = Enumerable.Range(0, clients).Select(_ => new List<Meeting>()).ToList();
        for (var kill = 0; kill <= kills; kill++)
        {
            var address = await target.StartAsync(ct);
            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
            if (kill == 0)
            {
                await SignInAsync(http, ct);
            }

            // What the last epoch wrote (and what its kill cut off) must be there exactly as acknowledged.
            var all = ledgers.SelectMany(l => l).ToList();
            await VerifyAsync(http, kill == 0 ? [] : all.Where(m => m.Dirty).ToList(), ct);
            if (kill == kills)
            {
                await VerifyAsync(http, all, ct);
                await target.KillAsync();
                break;
            }

            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, clients)
                .Select(w => Task.Run(() => WorkAsync(http, w, ledgers[w], new Random(random.Next()), stop.Token), CancellationToken.None))
                .ToList();
            // The kill comes at a random moment once the load is running (the first writes after a start are slow: JIT).
            var before = Volatile.Read(ref _acknowledged);
            for (var waited = 0; Volatile.Read(ref _acknowledged) == before && waited < 600; waited++)
            {
                await Task.Delay(50, ct);
            }

            await Task.Delay(random.Next(RunMilliseconds.Min, RunMilliseconds.Max), ct);
            await target.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kill {kill + 1}/{kills}: {_acknowledged} acknowledged writes so far, {_unacknowledged} cut off"));

            if (await target.CheckAsync(ct) is { } report)
            {
                _violations++;
                _failures.Add($"db check after kill {kill + 1}: {report}");
            }
        }

        var meetings = ledgers.Sum(l => l.Count);
        return new CrashReport(kills, _acknowledged, meetings, _reads, _unacknowledged, _committedAnyway, _refused, _serverErrors, _violations, _failures);
    }

    private async Task SignInAsync(HttpClient http, CancellationToken ct)
    {
        foreach (var user in Users)
        {
            var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = Password }, ct);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            _tokens[user] = body.GetProperty("token").GetString()!;
            _ids[user] = body.GetProperty("associateId").GetInt32();
        }

        using var request = Request(HttpMethod.Get, "/api/v1/associates", "frode", null);
        using var list = await http.SendAsync(request, ct);
        list.EnsureSuccessStatusCode();
        var room = (await list.Content.ReadFromJsonAsync<JsonElement>(ct)).EnumerateArray().First(a => a.GetProperty("name").GetString() == "Room Fjord");
        _ids["Room Fjord"] = room.GetProperty("id").GetInt32();
    }

    private async Task WorkAsync(HttpClient http, int worker, List<Meeting> ledger, Random random, CancellationToken stop)
    {
        var owner = Users[worker % Users.Length];
        var invitees = Users.Where(u => u != owner).ToArray();
        while (!stop.IsCancellationRequested)
        {
            var live = ledger.Where(m => !m.Expected!.Cancelled && m.Pending is null).ToList();
            var roll = random.Next(100);
            if (live.Count < 3 || roll < 20)
            {
                var start = new DateTimeOffset(2031, 1, 1, 8, 0, 0, TimeSpan.Zero).AddDays(random.Next(365)).AddHours(random.Next(9));
                var body = new
                {
                    title = $"Crash {worker}-{ledger.Count}",
                    start = start.ToString("O", CultureInfo.InvariantCulture),
                    end = start.AddHours(1).ToString("O", CultureInfo.InvariantCulture),
                    participants = invitees.Select(u => new { associateId = _ids[u] }).Append(new { associateId = _ids["Room Fjord"] }).ToArray(),
                    sendEmail = false,
                };
                var meeting = new Meeting(owner);
                if (!await SendAsync(http, meeting, HttpMethod.Post, "/api/v1/appointments", owner, body, _ => true))
                {
                    return;
                }

                if (meeting.Expected is not null)
                {
                    ledger.Add(meeting);
                }

                continue;
            }

            var m = live[random.Next(live.Count)];
            var invitee = invitees[random.Next(invitees.Length)];
            var id = _ids[invitee];
            var ok = roll switch
            {
                < 40 => await SendAsync(http, m, HttpMethod.Post, $"/api/v1/appointments/{m.Id}/accept", invitee, null, s => s.Status(id) == 1),
                < 55 => await SendAsync(http, m, HttpMethod.Post, $"/api/v1/appointments/{m.Id}/decline", invitee, new { reason = "crash test" }, s => s.Status(id) == 9),
                < 65 => await SendAsync(http, m, HttpMethod.Post, $"/api/v1/appointments/{m.Id}/seen", invitee, null, s => s.Status(id) is 7 or 8),
                < 92 => await MoveAsync(http, m, random),
                _ => await SendAsync(http, m, HttpMethod.Post, $"/api/v1/appointments/{m.Id}/cancel", m.Owner, null, s => s.Cancelled),
            };
            if (!ok)
            {
                return;
            }
        }
    }

    private Task<bool> MoveAsync(HttpClient http, Meeting m, Random random)
    {
        var start = new DateTimeOffset(m.Expected!.Start, TimeSpan.Zero).AddMinutes(30 * random.Next(-48, 49));
        if (start == m.Expected.Start)
        {
            start = start.AddMinutes(30);
        }

        var end = start.AddHours(1);
        var body = new { start = start.ToString("O", CultureInfo.InvariantCulture), end = end.ToString("O", CultureInfo.InvariantCulture) };
        return SendAsync(http, m, HttpMethod.Patch, $"/api/v1/appointments/{m.Id}", m.Owner, body, s => s.Start == start.UtcDateTime);
    }

    /// <summary>Sends one write; false when the server is gone (the worker stops until the restart).</summary>
    private async Task<bool> SendAsync(HttpClient http, Meeting meeting, HttpMethod method, string path, string user, object? body, Func<State, bool> effect)
    {
        using var request = Request(method, path, user, body);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await http.SendAsync(request, CancellationToken.None);
            text = await response.Content.ReadAsStringAsync(CancellationToken.None);
        }
        catch (HttpRequestException)
        {
            // No (complete) answer: the kill cut it. It may or may not have committed.
            Interlocked.Increment(ref _unacknowledged);
            if (meeting.Expected is not null)
            {
                meeting.Pending = effect;
                meeting.Dirty = true;
            }

            return false;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                Interlocked.Increment(ref _serverErrors);
                lock (_failures)
                {
                    _failures.Add($"{method} {path} as {user}: {status} {text}");
                }
            }
            else if (status >= 400)
            {
                Interlocked.Increment(ref _refused);
            }
            else
            {
                Interlocked.Increment(ref _acknowledged);
                var state = State.From(JsonDocument.Parse(text).RootElement);
                meeting.Id = state.Id;
                meeting.Expected = state;
                meeting.Dirty = true;
            }

            return true;
        }
    }

    private async Task VerifyAsync(HttpClient http, List<Meeting> meetings, CancellationToken ct)
    {
        foreach (var m in meetings)
        {
            using var request = Request(HttpMethod.Get, $"/api/v1/appointments/{m.Id}", m.Owner, null);
            using var response = await http.SendAsync(request, ct);
            _reads++;
            var text = await response.Content.ReadAsStringAsync(ct);
            // A cancel removes the master row (the invitees keep cancelled rows, status 10): the owner's read is a 404.
            var actual = response.StatusCode == HttpStatusCode.NotFound ? m.Expected! with { Cancelled = true }
                : response.StatusCode == HttpStatusCode.OK ? State.From(JsonDocument.Parse(text).RootElement)
                : null;
            if (actual is null || (response.StatusCode == HttpStatusCode.NotFound && !m.Expected!.Cancelled && m.Pending is null))
            {
                _failures.Add($"meeting {m.Id}: GET answered {(int)response.StatusCode} {text}; acknowledged {m.Expected}");
                m.Pending = null;
                m.Dirty = false;
                continue;
            }

            if (m.Expected!.Cancelled && response.StatusCode == HttpStatusCode.NotFound)
            {
                actual = m.Expected; // the acknowledged cancel holds
            }

            if (actual != m.Expected)
            {
                if (m.Pending is { } effect && actual.Revision >= m.Expected!.Revision && effect(actual))
                {
                    _committedAnyway++;
                    m.Expected = actual; // the cut-off write committed: that is the new baseline
                }
                else
                {
                    _failures.Add($"meeting {m.Id}: acknowledged {m.Expected}, found {actual}{(m.Pending is null ? "" : " (a later write was cut off)")}");
                    m.Expected = actual; // report each loss once
                }
            }

            m.Pending = null;
            m.Dirty = false;
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string user, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[user]);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        return request;
    }

    private sealed class Meeting(string owner)
    {
        public string Owner { get; } = owner;

        public int Id { get; set; }

        public State? Expected { get; set; }

        /// <summary>The effect of a write that got no answer, until the next read settles it.</summary>
        public Func<State, bool>? Pending { get; set; }

        /// <summary>Written (or attempted) since the last read-back.</summary>
        public bool Dirty { get; set; }
    }

    /// <summary>What an answer says about the meeting: everything a write changes (not the conflict flags, which other meetings change).</summary>
    private sealed record State(int Id, int Revision, DateTime Start, DateTime End, bool Cancelled, int RejectCounter, string Participants)
    {
        public static State From(JsonElement json) => new(
            json.GetProperty("id").GetInt32(),
            json.GetProperty("revision").GetInt32(),
            json.GetProperty("start").GetDateTime().ToUniversalTime(),
            json.GetProperty("end").GetDateTime().ToUniversalTime(),
            json.GetProperty("cancelled").GetBoolean(),
            json.GetProperty("rejectCounter").GetInt32(),
            string.Join(' ', json.GetProperty("participants").EnumerateArray()
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.GetProperty("rowId").GetInt32()}/{(p.TryGetProperty("associateId", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetInt32() : 0)}:{p.GetProperty("statusCode").GetInt32()}{(p.GetProperty("active").GetBoolean() ? "" : "-")}"))
                .Order(StringComparer.Ordinal)));

        public int Status(int associateId) =>
            Participants.Split(' ').Select(p => p.Split('/', ':')).Where(p => p[1] == associateId.ToString(CultureInfo.InvariantCulture))
                .Select(p => int.Parse(p[2].TrimEnd('-'), CultureInfo.InvariantCulture)).FirstOrDefault();
    }
}
