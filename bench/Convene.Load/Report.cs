using System.Globalization;
using System.Text;

namespace Convene.Load;

/// <summary>The results file: one "label, key, value" line per figure, appended by each measuring command.</summary>
internal static class Results
{
    private static string? File => Environment.GetEnvironmentVariable("CONVENE_LOAD_RESULTS");

    public static void Append(string label, string key, string value)
    {
        if (File is { } path)
        {
            System.IO.File.AppendAllText(path, $"{label}\t{key}\t{value}\n");
        }
    }

    public static void Add(string label, string key, Series s, double seconds)
    {
        static string V(double d) => d.ToString("R", CultureInfo.InvariantCulture);
        Append(label, key + ".count", V(s.Count));
        Append(label, key + ".rate", V(seconds > 0 ? s.Count / seconds : 0));
        Append(label, key + ".p50", V(s.Percentile(50)));
        Append(label, key + ".p99", V(s.Percentile(99)));
        Append(label, key + ".max", V(s.Max));
        Append(label, key + ".ok", V(s.Ok));
        Append(label, key + ".expected", V(s.Expected));
        Append(label, key + ".errors", V(s.Errors));
    }
}

/// <summary>Renders the results as the Markdown tables of docs/benchmarks.md, with the ratios against issue 8's targets.</summary>
internal static class Report
{
    public static string Render(string path)
    {
        var values = new Dictionary<(string Label, string Key), double>();
        var notes = new Dictionary<(string Label, string Key), string>();
        foreach (var line in System.IO.File.ReadAllLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length != 3)
            {
                continue;
            }

            if (double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                values[(parts[0], parts[1])] = d;
            }
            else
            {
                notes[(parts[0], parts[1])] = parts[2];
            }
        }

        double? Get(string label, string key) => values.TryGetValue((label, key), out var v) ? v : null;
        static string N(double? v, string format = "F0") => v is { } d ? d.ToString(format, CultureInfo.InvariantCulture) : "—";
        static string Ms(double? v) => v is { } d ? Series.F(d) : "—";
        var labels = values.Keys.Select(k => k.Label).Distinct().Where(l => l is "sqlite" or "postgres").OrderByDescending(l => l).ToList();
        var sb = new StringBuilder();

        sb.AppendLine("### Mixed load").AppendLine()
            .AppendLine("| Database | Operation | requests | req/s | p50 ms | p99 ms | max ms | 2xx | 409/412 | errors |")
            .AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var label in labels)
        {
            var classes = values.Keys.Where(k => k.Label == label && k.Key.StartsWith("mix ", StringComparison.Ordinal) && k.Key.EndsWith(".count", StringComparison.Ordinal))
                .Select(k => k.Key[4..^6]).OrderBy(k => k == "all" ? "~" : k, StringComparer.Ordinal);
            foreach (var c in classes)
            {
                var k = "mix " + c;
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {(c == "all" ? "**all**" : c)} | {N(Get(label, k + ".count"))} | {N(Get(label, k + ".rate"))} | {Ms(Get(label, k + ".p50"))} | {Ms(Get(label, k + ".p99"))} | {Ms(Get(label, k + ".max"))} | {N(Get(label, k + ".ok"))} | {N(Get(label, k + ".expected"))} | {N(Get(label, k + ".errors"))} |");
            }
        }

        sb.AppendLine().AppendLine("### Creates alone, the bare-SQL floor, pgbench and Radicale").AppendLine()
            .AppendLine("| Database | concurrency | API creates/s | API p50 / p99 ms | API errors | bare-SQL creates/s | Radicale PUTs/s |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        int Level(string key) => int.Parse(key[(key.IndexOf("c=", StringComparison.Ordinal) + 2)..key.LastIndexOf('.')], CultureInfo.InvariantCulture);
        var levels = values.Keys.Where(k => k.Key.Contains("c=", StringComparison.Ordinal) && k.Key.EndsWith(".rate", StringComparison.Ordinal)).Select(k => Level(k.Key)).Distinct().Order().ToList();
        foreach (var label in labels)
        {
            foreach (var c in levels)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {c} | {N(Get(label, $"creates c={c}.rate"))} | {Ms(Get(label, $"creates c={c}.p50"))} / {Ms(Get(label, $"creates c={c}.p99"))} | {N(Get(label, $"creates c={c}.errors"))} | {N(Get(label, $"floor-create c={c}.rate"))} | {N(Get("radicale", $"radicale-put c={c}.rate"))} |");
            }
        }

        double? Best(string label, string prefix) => values.Where(kv => kv.Key.Label == label && kv.Key.Key.StartsWith(prefix, StringComparison.Ordinal) && kv.Key.Key.EndsWith(".rate", StringComparison.Ordinal))
            .Select(kv => (double?)kv.Value).Max();
        var pgbench = Get("postgres", "pgbench.tps");
        if (pgbench is not null)
        {
            sb.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"pgbench, the same transaction (bench/load/create.pgbench), {N(Get("postgres", "pgbench.clients"))} clients, fsync on: **{N(pgbench)} transactions/s**.");
        }

        sb.AppendLine().AppendLine("### Diary week read (one client, one request at a time)").AppendLine()
            .AppendLine("| Database | API p50 ms | API p99 ms | API p50 ms (wrk) | API p99 ms (wrk) | bare SQL p50 ms | bare SQL p99 ms | API / floor (p50; wrk) | Radicale REPORT p50 ms | Radicale / API (p50) |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var radicaleRead = Get("radicale", "radicale-read.p50");
        foreach (var label in labels)
        {
            var api = Get(label, "read api.p50");
            var floor = Get(label, "read floor.p50");
            var wrk = Get(label, "read api-wrk.p50");
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {Ms(api)} | {Ms(Get(label, "read api.p99"))} | {Ms(wrk)} | {Ms(Get(label, "read api-wrk.p99"))} | {Ms(floor)} | {Ms(Get(label, "read floor.p99"))} | {N(api / floor, "F1")}×; {N(wrk / floor, "F1")}× | {Ms(radicaleRead)} | {N(radicaleRead / api, "F0")}× |");
        }

        sb.AppendLine().AppendLine("### Against issue 8's targets").AppendLine()
            .AppendLine("| Target | Database | measured | met? |").AppendLine("|---|---|---|---|");
        foreach (var label in labels)
        {
            var rate = Get(label, "mix all.rate");
            var p99 = Get(label, "mix all.p99");
            var errors = Get(label, "mix all.errors");
            sb.AppendLine(CultureInfo.InvariantCulture, $"| ≥ 2,000 mixed req/s, p99 < 50 ms, zero errors | {label} | {N(rate)} req/s, p99 {Ms(p99)} ms, {N(errors)} errors | {Met(rate >= 2000 && p99 < 50 && errors == 0)} |");
            var creates = Best(label, "creates c=");
            var floor = Best(label, "floor-create c=");
            sb.AppendLine(CultureInfo.InvariantCulture, $"| ≥ 1,000 creates/s and ≥ ⅓ of the bare-SQL floor | {label} | best {N(creates)}/s; floor best {N(floor)}/s = {N(creates / floor * 100)} % | {Met(creates >= 1000 && creates >= floor / 3)} |");
            if (label == "postgres" && pgbench is not null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"| ≥ ½ of pgbench (same transaction, fsync on) | {label} | {N(creates)}/s vs {N(pgbench)}/s = {N(creates / pgbench * 100)} % | {Met(creates >= pgbench / 2)} |");
            }

            var memory = Get(label, "server.peak_mb");
            sb.AppendLine(CultureInfo.InvariantCulture, $"| server peak memory < 300 MB (VmHWM) | {label} | {N(memory)} MB | {Met(memory < 300)} |");
            var put = Best("radicale", "radicale-put c=");
            var sameLevel = levels.Select(c => (c, ours: Get(label, $"creates c={c}.rate"), theirs: Get("radicale", $"radicale-put c={c}.rate")))
                .Where(x => x.ours is not null && x.theirs is not null).ToList();
            foreach (var (c, ours, theirs) in sameLevel)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"| write throughput ≥ 30× Radicale's ({c} clients) | {label} | {N(ours)} vs {N(theirs)}/s = {N(ours / theirs)}× | {Met(ours / theirs >= 30)} |");
            }

            _ = put;
            var api = Get(label, "read api.p50");
            sb.AppendLine(CultureInfo.InvariantCulture, $"| diary-week latency ≤ 1/10 of Radicale's REPORT | {label} | {Ms(api)} vs {Ms(radicaleRead)} ms = 1/{N(radicaleRead / api)} | {Met(radicaleRead / api >= 10)} |");
            var readFloor = Get(label, "read floor.p50");
            // Judged by wrk's figure, the server's latency as a client with no cost of its own sees it; the .NET driver's
            // (which adds its HttpClient's ~0.2 ms per request) is shown beside it.
            var readWrk = Get(label, "read api-wrk.p50");
            sb.AppendLine(CultureInfo.InvariantCulture, $"| API read within 3× of the bare-SQL floor | {label} | wrk {Ms(readWrk)} vs {Ms(readFloor)} ms = {N(readWrk / readFloor, "F1")}× (.NET driver {Ms(api)} ms = {N(api / readFloor, "F1")}×) | {Met(readWrk / readFloor <= 3)} |");
        }

        foreach (var ((label, key), text) in notes)
        {
            sb.AppendLine().Append(CultureInfo.InvariantCulture, $"{label} {key}: {text}");
        }

        return sb.ToString();
    }

    private static string Met(bool? met) => met switch
    {
        true => "yes",
        false => "**no**",
        null => "not measured",
    };
}
