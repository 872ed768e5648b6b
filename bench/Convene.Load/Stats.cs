using System.Globalization;

namespace Convene.Load;

/// <summary>How a request ended: the mix's expected refusals (409, 412) are not errors; anything else not 2xx is.</summary>
internal enum Outcome
{
    Ok,
    Expected,
    Error,
}

/// <summary>Latencies of one operation class, in milliseconds, kept whole (a 60 s run is a few hundred thousand doubles).</summary>
internal sealed class Series
{
    private readonly List<double> _values = [];

    public int Ok { get; private set; }

    public int Expected { get; private set; }

    public int Errors { get; private set; }

    public int Count => _values.Count;

    public void Add(double milliseconds, Outcome outcome)
    {
        _values.Add(milliseconds);
        switch (outcome)
        {
            case Outcome.Ok:
                Ok++;
                break;
            case Outcome.Expected:
                Expected++;
                break;
            case Outcome.Error:
                Errors++;
                break;
        }
    }

    public void AddRange(Series other)
    {
        _values.AddRange(other._values);
        Ok += other.Ok;
        Expected += other.Expected;
        Errors += other.Errors;
    }

    /// <summary>The nearest-rank percentile (the smallest value with at least p % of the values at or below it).</summary>
    public double Percentile(double p) => Percentile(_values, p);

    public double Max => _values.Count == 0 ? 0 : _values.Max();

    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The workers' series, once they have all finished, as one.</summary>
    public static async Task<Series> MergeAsync(IEnumerable<Task<Series>> workers)
    {
        var all = new Series();
        foreach (var s in await Task.WhenAll(workers))
        {
            all.AddRange(s);
        }

        return all;
    }

    public static string F(double value) => value.ToString(value >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture);
}

/// <summary>Series per operation class, merged from every client after the run.</summary>
internal sealed class Recorder
{
    public SortedDictionary<string, Series> Classes { get; } = new(StringComparer.Ordinal);

    public Series this[string name] => Classes.TryGetValue(name, out var s) ? s : Classes[name] = new Series();

    public void Merge(Recorder other)
    {
        foreach (var (name, series) in other.Classes)
        {
            this[name].AddRange(series);
        }
    }

    public Series Total()
    {
        var all = new Series();
        foreach (var s in Classes.Values)
        {
            all.AddRange(s);
        }

        return all;
    }

    /// <summary>A Markdown table: one row per class and the total, with throughput over <paramref name="seconds"/>.</summary>
    public string Table(string label, double seconds)
    {
        var lines = new List<string>
        {
            $"| {label} | requests | req/s | p50 ms | p99 ms | max ms | 2xx | 409/412 | errors |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var (name, s) in Classes)
        {
            lines.Add(Row(name, s, seconds));
        }

        lines.Add(Row("**all**", Total(), seconds));
        return string.Join('\n', lines);
    }

    private static string Row(string name, Series s, double seconds) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {s.Count} | {s.Count / seconds:F0} | {Series.F(s.Percentile(50))} | {Series.F(s.Percentile(99))} | {Series.F(s.Max)} | {s.Ok} | {s.Expected} | {s.Errors} |");
}
