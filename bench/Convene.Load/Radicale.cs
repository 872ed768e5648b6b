using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using NodaTime;

namespace Convene.Load;

/// <summary>
/// The peer: Radicale (CalDAV, RFC 4791) holding the same meetings as iCalendar events with the same attendees, one
/// calendar per associate. The events are written straight into its file-system storage (one .ics file per event, as
/// Radicale stores them) — PUTting hundreds of thousands of events at Radicale's speed would take hours — and every
/// calendar is read once so that Radicale builds its item cache before anything is timed.
/// </summary>
internal static class Radicale
{
    /// <summary>
    /// Radicale holds the calendars of the first eight clients (building its item cache costs seconds per calendar);
    /// at higher concurrency several clients PUT into the same calendar.
    /// </summary>
    public const int Calendars = 8;

    private const string Props = "{\"C:supported-calendar-component-set\": \"VEVENT\", \"D:displayname\": \"Diary\", \"tag\": \"VCALENDAR\"}";

    /// <summary>Writes the calendars of the first <see cref="Calendars"/> clients (every meeting they own or are invited to).</summary>
    public static int Load(string storageFolder, int meetings)
    {
        var users = Enumerable.Range(0, Calendars).Select(Seed.ClientAssociate).ToHashSet();
        var root = Path.Combine(storageFolder, "collection-root");
        foreach (var user in users)
        {
            var calendar = Path.Combine(root, $"u{user}", "calendar");
            Directory.CreateDirectory(calendar);
            File.WriteAllText(Path.Combine(calendar, ".Radicale.props"), Props);
        }

        var written = 0;
        foreach (var m in Seed.Meetings(meetings))
        {
            var everyone = m.Invitees.Select(i => i.AssociateId).Append(m.OwnerId);
            foreach (var user in everyone.Where(users.Contains))
            {
                File.WriteAllText(Path.Combine(root, $"u{user}", "calendar", $"meeting-{m.Number}.ics"), Event(m));
                written++;
            }
        }

        return written;
    }

    public static string Event(SeedMeeting m)
    {
        var b = new StringBuilder()
            .Append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Convene//load benchmark//EN\r\nBEGIN:VEVENT\r\n")
            .Append(CultureInfo.InvariantCulture, $"UID:meeting-{m.Number}@bench.example\r\nDTSTAMP:20261101T000000Z\r\n")
            .Append(CultureInfo.InvariantCulture, $"DTSTART:{Ics(m.Start)}\r\nDTEND:{Ics(m.End)}\r\nSUMMARY:{m.Title}\r\n")
            .Append(CultureInfo.InvariantCulture, $"LOCATION:Room {m.RoomId - Seed.Employees}\r\nDESCRIPTION:Agenda of meeting {m.Number}\r\n")
            .Append(CultureInfo.InvariantCulture, $"ORGANIZER;CN=Employee {m.OwnerId}:mailto:u{m.OwnerId}@bench.example\r\n");
        foreach (var (id, status) in m.Invitees)
        {
            var partstat = status == 1 ? "ACCEPTED" : "NEEDS-ACTION";
            b.Append(CultureInfo.InvariantCulture, $"ATTENDEE;CN=Employee {id};PARTSTAT={partstat};RSVP=TRUE:mailto:u{id}@bench.example\r\n");
        }

        b.Append(CultureInfo.InvariantCulture, $"ATTENDEE;CUTYPE=ROOM;CN=Room {m.RoomId - Seed.Employees};PARTSTAT=ACCEPTED:mailto:room{m.RoomId - Seed.Employees}@bench.example\r\n");
        return b.Append("END:VEVENT\r\nEND:VCALENDAR\r\n").ToString();
    }

    private static string Ics(Instant instant) => instant.ToDateTimeUtc().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static HttpClient Client(Uri baseUrl, int connections) => new(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(connections, 1), UseCookies = false })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(120),
    };

    private static HttpRequestMessage Request(HttpMethod method, string path, int user)
    {
        var request = new HttpRequestMessage(method, path);

        // Radicale's WSGI server may close a kept-alive connection just as it is reused ("response ended
        // prematurely"): one connection per request, which on loopback costs far less than a millisecond.
        request.Headers.ConnectionClose = true;
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"u{user}:x")));
        return request;
    }

    private static HttpRequestMessage Report(int user, Instant week)
    {
        var request = Request(new HttpMethod("REPORT"), $"u{user}/calendar/", user);
        request.Headers.Add("Depth", "1");
        request.Content = new StringContent(
            "<?xml version=\"1.0\" encoding=\"utf-8\" ?><C:calendar-query xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
            + "<D:prop><D:getetag/><C:calendar-data/></D:prop><C:filter><C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\">"
            + $"<C:time-range start=\"{Ics(week)}\" end=\"{Ics(week + Duration.FromDays(7))}\"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>",
            Encoding.UTF8,
            "application/xml");
        return request;
    }

    /// <summary>How often one request is tried when Radicale drops the connection without an answer.</summary>
    private const int Attempts = 5;

    private static int _dropped;

    /// <summary>Connections Radicale dropped without an answer, each retried on a new connection (reported, not fatal).</summary>
    public static int Dropped => Volatile.Read(ref _dropped);

    /// <summary>
    /// A request and its whole answer. Radicale's WSGI server sometimes drops a connection without answering (seen
    /// during the warm-up's first reads of a calendar): the request is made again on a new connection, up to
    /// <see cref="Attempts"/> times, and the drop is counted in <see cref="Dropped"/>; the latency includes the retry,
    /// because the client waited for it. Only a request dropped every time counts as an error.
    /// </summary>
    private static async Task<Outcome> SendAsync(HttpClient http, Func<HttpRequestMessage> makeRequest, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = makeRequest();
            try
            {
                using var response = await http.SendAsync(request, ct);
                _ = await response.Content.ReadAsStringAsync(ct);
                return response.IsSuccessStatusCode ? Outcome.Ok : Outcome.Error;
            }
            catch (Exception e) when (IsDroppedConnection(e, ct))
            {
                Interlocked.Increment(ref _dropped);
                await Console.Error.WriteLineAsync($"radicale: {request.Method} {request.RequestUri}: dropped ({e.Message}), attempt {attempt} of {Attempts}");
                if (attempt == Attempts)
                {
                    return Outcome.Error;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct);
            }
        }
    }

    /// <summary>No (complete) answer: a reset, a closed connection, a truncated body, or the client's own timeout.</summary>
    private static bool IsDroppedConnection(Exception e, CancellationToken ct) =>
        e is HttpRequestException or IOException || (e is TaskCanceledException && !ct.IsCancellationRequested);

    /// <summary>Reads every client's calendar once (Radicale builds its per-item cache on first read).</summary>
    public static async Task WarmAsync(Uri baseUrl)
    {
        const int clients = Calendars;
        using var http = Client(baseUrl, 4);
        var sw = Stopwatch.StartNew();
        var failed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (c, ct) =>
        {
            var user = Seed.ClientAssociate(c);
            if (await SendAsync(http, () => Report(user, Instant.FromUtc(2027, 1, 4, 0, 0)), ct) != Outcome.Ok)
            {
                // Not fatal: an unwarmed calendar only makes Radicale's first timed reads slower (they are skipped).
                Interlocked.Increment(ref failed);
                await Console.Error.WriteLineAsync($"radicale: warming the calendar of u{user} failed; going on");
            }
        });
        Console.WriteLine($"radicale: warmed {clients - failed} of {clients} calendars in {sw.Elapsed.TotalSeconds:F1} s, {Dropped} dropped connection(s) retried");
    }

    /// <summary>Calendar-query REPORTs with a week's time-range on associate 1's calendar, one at a time, same weeks as ours.</summary>
    public static async Task<Series> WeekLatencyAsync(Uri baseUrl, int iterations)
    {
        using var http = Client(baseUrl, 1);
        var random = new Random(7);
        var user = Seed.ClientAssociate(0);
        var series = new Series();
        for (var i = 0; i < iterations + 5; i++)
        {
            var week = Api.RandomWeek(random);
            var start = Stopwatch.GetTimestamp();
            var outcome = await SendAsync(http, () => Report(user, week));
            if (i >= 5)
            {
                series.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds, outcome);
            }
        }

        return series;
    }

    /// <summary>New events PUT into the clients' calendars (each client its own), same attendees' shape as our creates.</summary>
    public static async Task<Series> PutAsync(Uri baseUrl, int clients, TimeSpan duration)
    {
        using var http = Client(baseUrl, clients);
        var days = Seed.WorkDays();
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(500 + c);
            var user = Seed.ClientAssociate(c % Calendars);
            var series = new Series();
            var n = 0;
            while (clock.Elapsed < duration)
            {
                var (start, end) = Seed.Slot(random, days);
                var invitees = Seed.Colleagues(random, user, random.Next(2, 8)).Select(id => (id, 5)).ToList();
                var meeting = new SeedMeeting(1_000_000 + (c * 100_000) + (++n), user, invitees, Seed.RoomId(random.Next(1, Seed.Rooms + 1)), start, end);
                HttpRequestMessage Put()
                {
                    // PUT is idempotent (RFC 9110 §9.2.2): sending it again after a dropped connection is safe.
                    var request = Request(HttpMethod.Put, $"u{user}/calendar/{meeting.Title.Replace(' ', '-')}.ics", user);
                    request.Content = new StringContent(Event(meeting), Encoding.UTF8, "text/calendar");
                    return request;
                }

                var t = Stopwatch.GetTimestamp();
                var outcome = await SendAsync(http, Put);
                series.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds, outcome);
            }

            return series;
        })).ToList();
        return await Series.MergeAsync(tasks);
    }
}
