using System.Globalization;
using System.Text.Json;
using Convene.Core.Recurrence;
using Convene.Tests.Shared;
using NodaTime;
using NodaTime.Text;

namespace Convene.Core.Tests.Recurrence;

/// <summary>
/// Property test against an independent implementation: python3-dateutil's rrule (Debian; pulled in by
/// python3-icalendar, which .ci/run installs). Random rules from a seeded generator are expanded both ways and the
/// local start times must be identical. Without the module the test fails on CI (CI=true) and is skipped elsewhere.
/// </summary>
public sealed class DateutilOracleTests
{
    // dateutil leaves out a DTSTART that does not match the rule; RFC 5545 §3.8.5.3 (and Convene) count it as the
    // first occurrence, so the oracle adds it and, under COUNT, drops the last one.
    private const string Script = """
        import sys, json
        from datetime import datetime
        from dateutil.rrule import rrulestr
        out = []
        for c in json.load(sys.stdin):
            start = datetime.fromisoformat(c['start'])
            xs = list(rrulestr('RRULE:' + c['rule'], dtstart=start))
            if not xs or xs[0] != start:
                xs = [start] + (xs[:-1] if c['count'] else xs)
            out.append([x.isoformat() for x in xs])
        sys.stdout.write(json.dumps(out))
        """;

    private static readonly string[] Days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    private static readonly string[] Frequencies = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"];
    private static readonly string[] SetPositions = ["1", "-1", "2", "1,-1"];
    private static readonly LocalDateTimePattern Iso = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");
    private static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];

    [Fact]
    public void RandomRules_ExpandToTheSameLocalTimes_AsPythonDateutil()
    {
        PythonOracle.Require("dateutil.rrule", "python3-dateutil");
        var random = new Random(20301231);
        var cases = Enumerable.Range(0, 400).Select(_ => RandomCase(random)).ToList();

        var expected = RunOracle(cases);

        Assert.Equal(cases.Count, expected.Count);
        for (var i = 0; i < cases.Count; i++)
        {
            var (start, rule, _) = cases[i];
            var schedule = new RecurringSchedule(start, Oslo, Duration.FromMinutes(30), RecurrenceSet.Parse(["RRULE:" + rule]).Value);
            var actual = RecurrenceExpander.ExpandAll(schedule);
            Assert.True(actual.IsSuccess, rule + ": " + actual.Error?.Code);
            var ours = actual.Value.Select(o => Iso.Format(o.LocalStart)).ToList();
            Assert.True(expected[i].SequenceEqual(ours), "DTSTART " + Iso.Format(start) + " RRULE:" + rule
                + "\n dateutil: " + string.Join(' ', expected[i].Take(12)) + "\n convene:  " + string.Join(' ', ours.Take(12)));
        }
    }

    private static (LocalDateTime Start, string Rule, bool Count) RandomCase(Random r)
    {
        var start = new LocalDate(2029, 1, 1).PlusDays(r.Next(0, 3 * 365)) + new LocalTime(r.Next(0, 24), r.Next(0, 4) * 15);
        var freq = r.Next(4);
        var parts = new List<string> { "FREQ=" + Frequencies[freq] };
        if (r.Next(3) == 0)
        {
            parts.Add("INTERVAL=" + r.Next(2, 5).ToString(CultureInfo.InvariantCulture));
        }

        var hasMonth = false;
        if (r.Next(4) == 0)
        {
            hasMonth = true;
            parts.Add("BYMONTH=" + string.Join(',', Pick(r, Enumerable.Range(1, 12).ToArray(), r.Next(1, 4)).Order()));
        }

        var hasMonthDay = false;
        if (freq != 1 && r.Next(3) == 0)
        {
            hasMonthDay = true;

            // With BYMONTH a day every month has (1..28, -1..-28), so no rule ends up matching nothing.
            var pool = Enumerable.Range(1, hasMonth ? 28 : 31).Concat(Enumerable.Range(1, 28).Select(d => -d)).ToArray();
            parts.Add("BYMONTHDAY=" + string.Join(',', Pick(r, pool, r.Next(1, 3))));
        }

        var withOrdinal = freq >= 2 && !hasMonthDay && r.Next(2) == 0;
        if (withOrdinal)
        {
            // Ordinals within a month: ±1..±4 always exist. Plain and ordinal weekdays are not mixed: dateutil
            // intersects the two where RFC 5545 unites them.
            var ordinals = new[] { 1, 2, 3, 4, -1, -2 };
            parts.Add("BYDAY=" + string.Join(',', Enumerable.Range(0, r.Next(1, 3))
                .Select(_ => ordinals[r.Next(ordinals.Length)].ToString(CultureInfo.InvariantCulture) + Days[r.Next(7)]).Distinct()));
        }
        else if (r.Next(2) == 0)
        {
            parts.Add("BYDAY=" + string.Join(',', Pick(r, Days, r.Next(1, 4))));
        }

        // BYSETPOS only where every period has several candidates (a weekday set in each month or year): a position
        // that never exists makes both engines scan to their year limit. Not with WEEKLY: dateutil's first weekly
        // period starts at DTSTART instead of the week start (WKST), so BYSETPOS counts differently there.
        var plainDays = parts.Exists(p => p.StartsWith("BYDAY=", StringComparison.Ordinal)) && !withOrdinal;
        if (freq >= 2 && plainDays && !hasMonthDay && r.Next(2) == 0)
        {
            parts.Add("BYSETPOS=" + SetPositions[r.Next(SetPositions.Length)]);
        }

        if (r.Next(4) == 0)
        {
            parts.Add("WKST=" + Days[r.Next(7)]);
        }

        var count = r.Next(2) == 0;
        if (count)
        {
            parts.Add("COUNT=" + r.Next(1, 40).ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            var until = start.PlusDays(r.Next(1, freq == 0 ? 200 : 3 * 365)).PlusHours(r.Next(-12, 12));
            parts.Add("UNTIL=" + until.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture));
        }

        return (start, string.Join(';', parts), count);
    }

    private static T[] Pick<T>(Random r, T[] pool, int n) => pool.OrderBy(_ => r.Next()).Take(n).ToArray();

    private static List<List<string>> RunOracle(List<(LocalDateTime Start, string Rule, bool Count)> cases)
    {
        var input = JsonSerializer.Serialize(cases.Select(c => new { start = Iso.Format(c.Start), rule = c.Rule, count = c.Count }));
        var (exit, stdout, stderr) = PythonOracle.Run(input, "-c", Script);
        Assert.True(exit == 0, "dateutil failed: " + stderr);
        return JsonSerializer.Deserialize<List<List<string>>>(stdout)!;
    }
}
