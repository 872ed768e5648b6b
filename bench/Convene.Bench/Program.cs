using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Convene.Bench;
using Convene.Core.Common;
using Convene.Core.GroupViews;
using Convene.Core.Scheduling;
using Convene.Persistence;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

// Usage (see docs/benchmarks.md):
//   generate <Sqlite|Postgres> <connection string>
//   run      <Sqlite|Postgres> <connection string> [iterations]
//   series   <Sqlite|Postgres> <connection string> [iterations]   (issue 7: a 500-date series)
//   xandikos <Sqlite|Postgres> <connection string> <calendar collection URL> [iterations]
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: generate|run|xandikos <Sqlite|Postgres> <connection string> [...]");
    return 2;
}

var provider = ServiceCollectionExtensions.ParseProvider(args[1]);
var connectionString = args[2];
switch (args[0])
{
    case "generate":
        await Generator.GenerateAsync(provider, connectionString);
        return 0;
    case "run":
        await Runner.RunAsync(provider, connectionString, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 50);
        return 0;
    case "series":
        await SeriesBench.RunAsync(provider, connectionString, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5);
        return 0;
    case "xandikos":
        await Runner.XandikosAsync(provider, connectionString, args[3], args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 20);
        return 0;
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}

internal static class Runner
{
    // Monday 4 March 2030 00:00 in Oslo (UTC+1).
    private static readonly Instant Week = Instant.FromUtc(2030, 3, 3, 23, 0);
    private static readonly Instant Morning = Instant.FromUtc(2030, 3, 4, 7, 0);
    private static readonly Viewer Viewer = new(1, false);

    public static async Task RunAsync(DatabaseProvider provider, string connectionString, int iterations)
    {
        await using var services = Services(provider, connectionString);
        var groupViewId = await EnsureGroupViewAsync(services);
        var first = Enumerable.Range(1, 20).Concat([1001, 1002, 1003]).ToList();
        var fifty = Enumerable.Range(1, 45).Concat(Enumerable.Range(1001, 5)).ToList();
        var search = new FindTimeRequest(
            Enumerable.Range(1, 5).ToList(), Enumerable.Range(6, 192).ToList(), [1001, 1002, 1003], [], null,
            Morning, Morning + Duration.FromDays(90), Duration.FromHours(1), null, true, null, null, 0, 10, false);
        var searchIds = Enumerable.Range(1, 197).Concat([1001, 1002, 1003]).ToList();

        Console.WriteLine($"provider {provider}, {iterations} iterations after 5 warm-up runs; times in ms");
        Console.WriteLine("| Operation | p50 | p99 | bare SQL p50 | bare SQL p99 | rows |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");

        await ReportAsync(provider, connectionString, iterations, "Group view, 50 members × 1 week",
            services, async (s, ct) => Check(await s.GetRequiredService<GroupViewService>().GetDiaryAsync(Viewer, groupViewId, Week, Week + Duration.FromDays(7), false, ct)),
            DiarySql(provider, fifty, Week, Week + Duration.FromDays(7)));
        await ReportAsync(provider, connectionString, iterations, "First available, 20 associates + 3 rooms, 30 days",
            services, async (s, ct) => Check(await s.GetRequiredService<SchedulingService>().FirstAvailableAsync(first, Morning, Morning + Duration.FromDays(30), Duration.FromHours(1), null, 5, ct)),
            BusySql(provider, first, Morning, Morning + Duration.FromDays(30)));
        await ReportAsync(provider, connectionString, iterations, "Find a time, 200 entities × 90 days",
            services, async (s, ct) => Check(await s.GetRequiredService<SchedulingService>().SearchAsync(Viewer, search, ct)),
            BusySql(provider, searchIds, Morning, Morning + Duration.FromDays(90)));
        // The data access alone (the store's query and materialisation, no algorithm): where the gap to the floor is.
        await ReportAsync(provider, connectionString, iterations, "  of which: busy rows via the store, 200 × 90 days",
            services, async (s, ct) => (await s.GetRequiredService<Convene.Core.Ports.ISchedulingStore>().GetBusyRowsAsync(searchIds, new TimeRange(Morning, Morning + Duration.FromDays(90)), null, ct)).Count,
            BusySql(provider, searchIds, Morning, Morning + Duration.FromDays(90)));
        await ReportAsync(provider, connectionString, iterations, "  of which: busy rows via the store, 23 × 30 days",
            services, async (s, ct) => (await s.GetRequiredService<Convene.Core.Ports.ISchedulingStore>().GetBusyRowsAsync(first, new TimeRange(Morning, Morning + Duration.FromDays(30)), null, ct)).Count,
            BusySql(provider, first, Morning, Morning + Duration.FromDays(30)));
        await ReportAsync(provider, connectionString, iterations, "Free/busy, 1 associate × 1 week",
            services, async (s, ct) => Check(await s.GetRequiredService<SchedulingService>().GetFreeBusyAsync([1], Week, Week + Duration.FromDays(7), ct)),
            BusySql(provider, [1], Week, Week + Duration.FromDays(7)));
    }

    /// <summary>Loads associate 1's meetings into a Xandikos calendar and times its free-busy-query for one week against ours.</summary>
    public static async Task XandikosAsync(DatabaseProvider provider, string connectionString, string collectionUrl, int iterations)
    {
        using var http = new HttpClient();
        await using (var connection = Generator.Open(provider, connectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT appointment_id, do_by, end_date, status, free_busy FROM appointment WHERE associate_id = 1 AND status NOT IN (9, 10)";
            await using var reader = await command.ExecuteReaderAsync();
            var uploaded = 0;
            while (await reader.ReadAsync())
            {
                var id = reader.GetInt32(0);
                var start = ReadInstant(reader, 1);
                var end = ReadInstant(reader, 2);
                var tentative = reader.GetInt32(3) is >= 5 and <= 8;
                var free = reader.GetInt32(4) == 1;
                var ics = new StringBuilder()
                    .Append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Convene//bench//EN\r\nBEGIN:VEVENT\r\n")
                    .Append(CultureInfo.InvariantCulture, $"UID:bench-{id}@convene\r\nDTSTAMP:20290101T000000Z\r\nDTSTART:{Ics(start)}\r\nDTEND:{Ics(end)}\r\nSUMMARY:Meeting {id}\r\n")
                    .Append(free ? "TRANSP:TRANSPARENT\r\n" : "").Append(tentative ? "STATUS:TENTATIVE\r\n" : "")
                    .Append("END:VEVENT\r\nEND:VCALENDAR\r\n").ToString();
                using var content = new StringContent(ics, Encoding.UTF8);
                content.Headers.ContentType = new MediaTypeHeaderValue("text/calendar");
                (await http.PutAsync($"{collectionUrl.TrimEnd('/')}/bench-{id}.ics", content)).EnsureSuccessStatusCode();
                uploaded++;
            }

            Console.WriteLine($"uploaded {uploaded} events of associate 1 to {collectionUrl}");
        }

        var body = $"""
            <?xml version="1.0" encoding="utf-8" ?>
            <C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav"><C:time-range start="{Ics(Week)}" end="{Ics(Week + Duration.FromDays(7))}"/></C:free-busy-query>
            """;
        var theirs = new List<double>();
        string? sample = null;
        for (var i = 0; i < iterations + 2; i++)
        {
            using var request = new HttpRequestMessage(new HttpMethod("REPORT"), collectionUrl) { Content = new StringContent(body, Encoding.UTF8, "application/xml") };
            request.Headers.Add("Depth", "1");
            var sw = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            sample = await response.Content.ReadAsStringAsync();
            response.EnsureSuccessStatusCode();
            if (i >= 2)
            {
                theirs.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        await using var services = Services(provider, connectionString);
        var ours = await TimeAsync(services, iterations * 10, async (s, ct) => Check(await s.GetRequiredService<SchedulingService>().GetFreeBusyAsync([1], Week, Week + Duration.FromDays(7), ct)));
        Console.WriteLine($"Xandikos free-busy-query, 1 week: p50 {P(theirs, 50):F2} ms, p99 {P(theirs, 99):F2} ms ({theirs.Count} runs, HTTP round trip)");
        Console.WriteLine($"Convene free/busy, same associate and week: p50 {P(ours, 50):F3} ms, p99 {P(ours, 99):F3} ms (in-process service call)");
        Console.WriteLine($"ratio (p50): {P(theirs, 50) / P(ours, 50):F0}×");
        Console.WriteLine($"Xandikos answer: {sample?.Split('\n').Count(l => l.StartsWith("FREEBUSY", StringComparison.Ordinal))} FREEBUSY lines");
    }

    private static ServiceProvider Services(DatabaseProvider provider, string connectionString)
    {
        var services = new ServiceCollection();
        services.AddConvene(provider, connectionString);
        return services.BuildServiceProvider();
    }

    private static async Task<int> EnsureGroupViewAsync(ServiceProvider root)
    {
        await using var scope = root.CreateAsyncScope();
        var views = scope.ServiceProvider.GetRequiredService<GroupViewService>();
        var existing = (await views.ListAsync(Viewer, CancellationToken.None)).FirstOrDefault(v => v.Name == "Bench 50");
        if (existing is not null)
        {
            return existing.Id;
        }

        var created = await views.CreateAsync(Viewer, "Bench 50", Enumerable.Range(1, 45).Concat(Enumerable.Range(1001, 5)).ToList(), CancellationToken.None);
        return created.Value.Id;
    }

    private static async Task ReportAsync(
        DatabaseProvider provider, string connectionString, int iterations, string name, ServiceProvider services, Func<IServiceProvider, CancellationToken, Task<int>> operation, string sql)
    {
        var server = await TimeAsync(services, iterations, operation);
        var floor = new List<double>();
        var rows = 0;
        await using (var connection = Generator.Open(provider, connectionString))
        {
            await connection.OpenAsync();
            for (var i = 0; i < iterations + 5; i++)
            {
                var sw = Stopwatch.StartNew();
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await using var reader = await command.ExecuteReaderAsync();
                rows = 0;
                var values = new object[reader.FieldCount];
                while (await reader.ReadAsync())
                {
                    reader.GetValues(values);
                    rows++;
                }

                if (i >= 5)
                {
                    floor.Add(sw.Elapsed.TotalMilliseconds);
                }
            }
        }

        Console.WriteLine($"| {name} | {P(server, 50):F2} | {P(server, 99):F2} | {P(floor, 50):F2} | {P(floor, 99):F2} | {rows} |");
        if (Environment.GetEnvironmentVariable("BENCH_MIN") == "1")
        {
            // On a busy machine the fastest run is the least disturbed one: a rough guide while tuning, not a result.
            Console.WriteLine($"|   (fastest run: {server.Min():F2} vs floor {floor.Min():F2}) | | | | | |");
        }
    }

    /// <summary>Each run in its own DI scope (a fresh DbContext, as one HTTP request gets).</summary>
    private static async Task<List<double>> TimeAsync(ServiceProvider root, int iterations, Func<IServiceProvider, CancellationToken, Task<int>> operation)
    {
        var times = new List<double>();
        for (var i = 0; i < iterations + 5; i++)
        {
            await using var scope = root.CreateAsyncScope();
            var sw = Stopwatch.StartNew();
            await operation(scope.ServiceProvider, CancellationToken.None);
            if (i >= 5)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        return times;
    }

    private static int Check<T>(Result<T> result) => result.IsSuccess ? 1 : throw new InvalidOperationException(result.Error!.Message);

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string Time(DatabaseProvider provider, Instant instant) =>
        provider == DatabaseProvider.Sqlite ? $"'{Generator.SqliteTime(instant)}'" : $"'{instant.ToDateTimeUtc():yyyy-MM-dd HH:mm:ss}+00'";

    // The floor: the same rows, fetched by hand-written SQL on the same indexes, with nothing done to them.
    // Overlap as the server tests it (OverlapSql): on PostgreSQL rows of at most a day from a bounded range and longer
    // ones by the partial index; on SQLite the plain test.
    private static string Overlap(DatabaseProvider provider, List<int> ids, Instant from, Instant to)
    {
        var diaries = $"a.associate_id IN ({string.Join(',', ids)})";
        if (provider == DatabaseProvider.Sqlite)
        {
            return $"{diaries} AND a.do_by < {Time(provider, to)} AND {Time(provider, from)} < a.end_date";
        }

        var near = Time(provider, from - Duration.FromDays(1) - Duration.FromMinutes(1));
        return $"(({diaries} AND {near} < a.do_by AND a.do_by < {Time(provider, to)}) OR ({diaries} AND a.end_date - a.do_by > interval '1 day' AND a.do_by < {Time(provider, to)})) AND {Time(provider, from)} < a.end_date";
    }

    private static string DiarySql(DatabaseProvider provider, List<int> ids, Instant from, Instant to) =>
        $"SELECT a.appointment_id, a.mother_id, a.associate_id, a.title, a.location, a.do_by, a.end_date, a.type, a.status, a.private, a.free_busy, m.associate_id " +
        $"FROM appointment a LEFT JOIN appointment m ON m.appointment_id = a.mother_id WHERE {Overlap(provider, ids, from, to)}";

    private static string BusySql(DatabaseProvider provider, List<int> ids, Instant from, Instant to) =>
        $"SELECT a.associate_id, a.mother_id, a.do_by, a.end_date, a.lead_time, a.lag_time, a.type, a.status FROM appointment a WHERE {Overlap(provider, ids, from - BusyRules.MaxBuffer, to + BusyRules.MaxBuffer)} " +
        "AND a.free_busy = 0 AND a.status NOT IN (9, 10, 13) AND a.type IN (1, 2, 6, 7)";

    private static Instant ReadInstant(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        DateTime dt => Instant.FromDateTimeUtc(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        string s => Instant.FromDateTimeUtc(DateTime.SpecifyKind(DateTime.Parse(s, CultureInfo.InvariantCulture), DateTimeKind.Utc)),
        var other => throw new InvalidOperationException($"unexpected time value {other}"),
    };

    private static string Ics(Instant instant) => instant.ToDateTimeUtc().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
