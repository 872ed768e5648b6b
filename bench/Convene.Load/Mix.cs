using System.Diagnostics;
using System.Text.Json;
using NodaTime;

namespace Convene.Load;

/// <summary>
/// The mixed load of issue 8: every virtual user signs in as a different employee and loops without think time —
/// 70 % reads (40 % a week of its diary, 15 % its invitations, 15 % one meeting it has seen), 20 % answers (seen,
/// accept, decline with a reason, a third each, on invitations it actually has), 10 % writes (6 % create a meeting
/// with 2–7 colleagues and a room, 4 % move a meeting it owns). A repeated answer is an idempotent 200; a 409 or
/// 412 is an expected refusal; any other non-2xx, a timeout or a refused connection is an error.
/// </summary>
internal static class Mix
{
    public static async Task<Recorder> RunAsync(Uri baseUrl, int clients, TimeSpan warmUp, TimeSpan duration, bool createsOnly)
    {
        using var api = new Api(baseUrl, clients);
        var tokens = await api.SignInAsync(clients);
        var days = Seed.WorkDays();
        var clock = Stopwatch.StartNew();
        var measureFrom = warmUp;
        var until = warmUp + duration;
        var tasks = tokens.Select((t, i) => Task.Run(() => ClientAsync(api, t.AssociateId, t.Token, new Random(1000 + i), days, clock, measureFrom, until, createsOnly))).ToList();
        var recorder = new Recorder();
        foreach (var r in await Task.WhenAll(tasks))
        {
            recorder.Merge(r);
        }

        return recorder;
    }

    private sealed class State(int me)
    {
        public int Me { get; } = me;

        public List<int> Answerable { get; } = [];

        public List<int> Owned { get; } = [];

        public List<int> Known { get; } = [];

        public void Learn(string diaryOrInvitations)
        {
            using var doc = JsonDocument.Parse(diaryOrInvitations);
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                if (!e.TryGetProperty("appointmentId", out var idElement) || idElement.ValueKind != JsonValueKind.Number)
                {
                    continue;
                }

                var id = idElement.GetInt32();
                var owner = e.TryGetProperty("ownerId", out var o) && o.ValueKind == JsonValueKind.Number ? o.GetInt32() : 0;
                Add(owner == Me ? Owned : Answerable, id);
                Add(Known, id);
            }
        }

        public static void Add(List<int> list, int id)
        {
            if (list.Count >= 500)
            {
                list.RemoveAt(0);
            }

            if (!list.Contains(id))
            {
                list.Add(id);
            }
        }
    }

    private static async Task<Recorder> ClientAsync(
        Api api, int me, string token, Random random, List<LocalDate> days, Stopwatch clock, TimeSpan measureFrom, TimeSpan until, bool createsOnly)
    {
        var recorder = new Recorder();
        var state = new State(me);
        if (!createsOnly)
        {
            // What the user has, learnt the way a client would: its invitations and a few weeks of its diary.
            state.Learn((await api.SendAsync(HttpMethod.Get, "api/v1/invitations", token, null, true)).Body);
            for (var i = 0; i < 3; i++)
            {
                state.Learn((await api.SendAsync(HttpMethod.Get, Api.DiaryPath(Api.RandomWeek(random)), token, null, true)).Body);
            }
        }

        // CONVENE_LOAD_ONLY=diary|invitations|appointment|answer|create|move: one kind of request only (profiling).
        int? only = Environment.GetEnvironmentVariable("CONVENE_LOAD_ONLY") switch
        {
            "diary" => 0,
            "invitations" => 40,
            "appointment" => 55,
            "answer" => 70,
            "create" => 90,
            "move" => 96,
            _ => null,
        };
        while (clock.Elapsed < until)
        {
            var started = clock.Elapsed;
            var roll = createsOnly ? 90 : only ?? random.Next(100);
            var (name, outcome, ms) = roll switch
            {
                < 40 => await DiaryAsync(),
                < 55 => await InvitationsAsync(),
                < 70 => await GetAsync(),
                < 90 => await AnswerAsync(),
                < 96 => await CreateAsync(),
                _ => await MoveAsync(),
            };
            if (started >= measureFrom && clock.Elapsed < until)
            {
                recorder[name].Add(ms, outcome);
            }
        }

        return recorder;

        async Task<(string, Outcome, double)> DiaryAsync()
        {
            var (outcome, ms, body) = await api.SendAsync(HttpMethod.Get, Api.DiaryPath(Api.RandomWeek(random)), token, null, true);
            if (outcome == Outcome.Ok)
            {
                state.Learn(body);
            }

            return ("read: diary week", outcome, ms);
        }

        async Task<(string, Outcome, double)> InvitationsAsync()
        {
            var learn = state.Answerable.Count < 20;
            var (outcome, ms, body) = await api.SendAsync(HttpMethod.Get, "api/v1/invitations", token, null, learn);
            if (learn && outcome == Outcome.Ok)
            {
                state.Learn(body);
            }

            return ("read: invitations", outcome, ms);
        }

        async Task<(string, Outcome, double)> GetAsync()
        {
            if (state.Known.Count == 0)
            {
                return await DiaryAsync();
            }

            var (outcome, ms, _) = await api.SendAsync(HttpMethod.Get, $"api/v1/appointments/{state.Known[random.Next(state.Known.Count)]}", token, null, false);
            return ("read: appointment", outcome, ms);
        }

        async Task<(string, Outcome, double)> AnswerAsync()
        {
            if (state.Answerable.Count == 0)
            {
                return await DiaryAsync();
            }

            var id = state.Answerable[random.Next(state.Answerable.Count)];
            var (action, body) = random.Next(3) switch
            {
                0 => ("seen", null),
                1 => ("accept", null),
                _ => ("decline", "{\"reason\":\"Busy with a customer\"}"),
            };
            var (outcome, ms, _) = await api.SendAsync(HttpMethod.Post, $"api/v1/appointments/{id}/{action}", token, body, false);
            return ("answer: seen/accept/decline", outcome, ms);
        }

        async Task<(string, Outcome, double)> CreateAsync()
        {
            var (outcome, ms, body) = await api.SendAsync(HttpMethod.Post, "api/v1/appointments", token, Api.CreateBody(random, me, days, random.Next(2, 8)), true);
            if (outcome == Outcome.Ok)
            {
                using var doc = JsonDocument.Parse(body);
                var id = doc.RootElement.GetProperty("id").GetInt32();
                State.Add(state.Owned, id);
                State.Add(state.Known, id);
            }

            return ("write: create", outcome, ms);
        }

        async Task<(string, Outcome, double)> MoveAsync()
        {
            if (state.Owned.Count == 0)
            {
                return await CreateAsync();
            }

            var (start, end) = Seed.Slot(random, days);
            var json = $"{{\"start\":\"{Api.Iso(start)}\",\"end\":\"{Api.Iso(end)}\"}}";
            var (outcome, ms, _) = await api.SendAsync(HttpMethod.Patch, $"api/v1/appointments/{state.Owned[random.Next(state.Owned.Count)]}", token, json, false);
            return ("write: move", outcome, ms);
        }
    }

    /// <summary>One client, one request at a time: the latency of a week of one diary without queueing.</summary>
    public static async Task<Series> DiaryLatencyAsync(Uri baseUrl, int iterations)
    {
        using var api = new Api(baseUrl, 1);
        var (me, token) = (await api.SignInAsync(1))[0];
        _ = me;
        var random = new Random(7);
        var series = new Series();
        for (var i = 0; i < iterations + 20; i++)
        {
            var (outcome, ms, _) = await api.SendAsync(HttpMethod.Get, Api.DiaryPath(Api.RandomWeek(random)), token, null, true);
            if (i >= 20)
            {
                series.Add(ms, outcome);
            }
        }

        return series;
    }
}
