using System.Globalization;
using Convene.Load;
using Convene.Persistence;

// The load benchmark of issue 8 (docs/benchmarks.md "Load (issue 8)"); bench/load/run.sh drives it. Every measuring
// command appends tab-separated results to the file named by CONVENE_LOAD_RESULTS; `report` turns them into Markdown.
//   generate      <Sqlite|Postgres> <connection string> [meetings]
//   mix           <server URL> <label> <clients> <warm-up s> <duration s>
//   creates       <server URL> <label> <clients> <duration s>
//   api-read      <server URL> <label> <iterations>
//   floor-create  <Sqlite|Postgres> <connection string> <label> <clients> <duration s>
//   floor-read    <Sqlite|Postgres> <connection string> <label> <iterations>
//   radicale-load <storage folder> <meetings>
//   radicale-warm <Radicale URL>
//   radicale-put  <Radicale URL> <label> <clients> <duration s>
//   radicale-read <Radicale URL> <label> <iterations>
//   record        <label> <key> <value>                       (e.g. peak memory or pgbench's figure from the script)
//   report        <results file>
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: see bench/Convene.Load/Program.cs");
    return 2;
}

static int I(string s) => int.Parse(s, CultureInfo.InvariantCulture);
static TimeSpan S(string s) => TimeSpan.FromSeconds(I(s));

switch (args[0])
{
    case "generate":
        await Seed.GenerateAsync(ServiceCollectionExtensions.ParseProvider(args[1]), args[2], args.Length > 3 ? I(args[3]) : 100_000);
        return 0;
    case "mix":
        {
            var recorder = await Mix.RunAsync(new Uri(args[1]), I(args[3]), S(args[4]), S(args[5]), createsOnly: false);
            var seconds = I(args[5]);
            Console.WriteLine(recorder.Table($"{args[2]}, {args[3]} clients, {seconds} s", seconds));
            foreach (var (name, series) in recorder.Classes)
            {
                Results.Add(args[2], "mix " + name, series, seconds);
            }

            Results.Add(args[2], "mix all", recorder.Total(), seconds);
            return 0;
        }

    case "creates":
        {
            var recorder = await Mix.RunAsync(new Uri(args[1]), I(args[3]), TimeSpan.FromSeconds(2), S(args[4]), createsOnly: true);
            var total = recorder.Total();
            Results.Add(args[2], $"creates c={args[3]}", total, I(args[4]));
            Console.WriteLine($"{args[2]} API creates, {args[3]} clients: {total.Count / (double)I(args[4]):F0}/s, p50 {Series.F(total.Percentile(50))} ms, p99 {Series.F(total.Percentile(99))} ms, errors {total.Errors}");
            return 0;
        }

    case "api-read":
        {
            var series = await Mix.DiaryLatencyAsync(new Uri(args[1]), I(args[3]));
            Results.Add(args[2], "read api", series, 0);
            Console.WriteLine($"{args[2]} API diary week, one client: p50 {Series.F(series.Percentile(50))} ms, p99 {Series.F(series.Percentile(99))} ms");
            return 0;
        }

    case "floor-create":
        {
            var series = await Floor.CreatesAsync(ServiceCollectionExtensions.ParseProvider(args[1]), args[2], I(args[4]), S(args[5]));
            Results.Add(args[3], $"floor-create c={args[4]}", series, I(args[5]));
            Console.WriteLine($"{args[3]} bare-SQL creates, {args[4]} connections: {series.Count / (double)I(args[5]):F0}/s, p50 {Series.F(series.Percentile(50))} ms, errors {series.Errors}");
            return 0;
        }

    case "floor-read":
        {
            var series = await Floor.DiaryAsync(ServiceCollectionExtensions.ParseProvider(args[1]), args[2], I(args[4]));
            Results.Add(args[3], "read floor", series, 0);
            Console.WriteLine($"{args[3]} bare-SQL diary week: p50 {Series.F(series.Percentile(50))} ms, p99 {Series.F(series.Percentile(99))} ms");
            return 0;
        }

    case "radicale-load":
        Console.WriteLine($"radicale: wrote {Radicale.Load(args[1], I(args[2])):N0} event files");
        return 0;
    case "radicale-warm":
        await Radicale.WarmAsync(new Uri(args[1]));
        Results.Append("radicale", "warm.dropped", Radicale.Dropped.ToString(CultureInfo.InvariantCulture));
        return 0;
    case "radicale-put":
        {
            var series = await Radicale.PutAsync(new Uri(args[1]), I(args[3]), S(args[4]));
            Results.Add(args[2], $"radicale-put c={args[3]}", series, I(args[4]));
            Results.Append(args[2], $"radicale-put.dropped.{args[3]}", Radicale.Dropped.ToString(CultureInfo.InvariantCulture));
            Console.WriteLine($"Radicale PUT, {args[3]} clients: {series.Count / (double)I(args[4]):F0}/s, p50 {Series.F(series.Percentile(50))} ms, errors {series.Errors}, dropped connections retried {Radicale.Dropped}");
            return 0;
        }

    case "radicale-read":
        {
            var series = await Radicale.WeekLatencyAsync(new Uri(args[1]), I(args[3]));
            Results.Add(args[2], "radicale-read", series, 0);
            Results.Append(args[2], "radicale-read.dropped", Radicale.Dropped.ToString(CultureInfo.InvariantCulture));
            Console.WriteLine($"Radicale calendar-query week: p50 {Series.F(series.Percentile(50))} ms, p99 {Series.F(series.Percentile(99))} ms, errors {series.Errors}, dropped connections retried {Radicale.Dropped}");
            return 0;
        }

    case "record":
        Results.Append(args[1], args[2], args[3]);
        return 0;
    case "report":
        Console.WriteLine(Report.Render(args[1]));
        return 0;
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}
