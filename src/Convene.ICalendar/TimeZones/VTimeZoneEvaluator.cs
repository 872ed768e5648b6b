using NodaTime;
using NodaTime.TimeZones;

namespace Convene.ICalendar;

/// <summary>
/// Turns a VTIMEZONE into a NodaTime zone by expanding every observance onset (RFC 5545 §3.6.5) into a sorted
/// transition list. Only simple, bounded rules are supported so hostile input cannot make this expensive.
/// </summary>
internal static class VTimeZoneEvaluator
{
    internal const int LastYear = 2200;
    private const int MaxTransitions = 50_000;
    private const int MaxWork = 2_000_000;

    /// <summary>
    /// The work (rule years and RDATE values expanded) all VTIMEZONEs of one calendar may cost together. One zone
    /// from 1601 (Outlook) is ~1,200, one from year 1 ~4,400; hundreds of those in one upload cost seconds of CPU per parse.
    /// </summary>
    internal const int MaxWorkPerCalendar = 100_000;

    public static bool TryCreate(VTimeZone definition, out DateTimeZone? zone, out string? error)
    {
        var budget = MaxWork;
        return TryCreate(definition, ref budget, out zone, out error);
    }

    /// <summary>Evaluates <paramref name="definition"/>, spending from <paramref name="budget"/> (shared by a calendar's zones).</summary>
    public static bool TryCreate(VTimeZone definition, ref int budget, out DateTimeZone? zone, out string? error)
    {
        zone = null;
        error = null;
        if (definition.Observances.Count == 0)
        {
            error = "VTIMEZONE " + definition.TzId + " has no STANDARD or DAYLIGHT observance.";
            return false;
        }

        var transitions = new List<Transition>();
        var work = 0;
        var limit = Math.Min(MaxWork, budget);
        foreach (var observance in definition.Observances)
        {
            var expanded = TryExpand(observance, transitions, ref work, limit, out error);
            if (!expanded)
            {
                budget -= work;
                error = "VTIMEZONE " + Text.ContentLineReader.Truncate(definition.TzId) + ": " + error;
                return false;
            }

            if (transitions.Count > MaxTransitions || work > limit)
            {
                budget -= work;
                error = "VTIMEZONE " + Text.ContentLineReader.Truncate(definition.TzId) + " is too large to evaluate"
                    + (limit < MaxWork ? " (the calendar's time zones together exceed " + Text.ContentLineReader.Invariant(MaxWorkPerCalendar) + " rule expansions)." : ".");
                return false;
            }
        }

        budget -= work;

        transitions.Sort((a, b) => a.Onset.CompareTo(b.Onset));

        // Same onset twice (overlapping observances): keep the later-listed one.
        var unique = new List<Transition>(transitions.Count);
        foreach (var t in transitions)
        {
            if (unique.Count > 0 && unique[^1].Onset == t.Onset)
            {
                unique[^1] = t;
            }
            else
            {
                unique.Add(t);
            }
        }

        zone = new TransitionZone(definition.TzId, [.. unique]);
        return true;
    }

    private static bool TryExpand(TimeZoneObservance observance, List<Transition> output, ref int work, int limit, out string? error)
    {
        error = null;
        var start = observance.Start;
        if (start.Year is < 1 or > 9000)
        {
            error = "DTSTART year out of range.";
            return false;
        }

        void Add(LocalDateTime local) =>
            output.Add(new Transition(new OffsetDateTime(local, observance.OffsetFrom).ToInstant(), observance));

        Add(start);
        if (observance.RecurrenceRule is not null)
        {
            if (!YearlyRule.TryParse(observance.RecurrenceRule, out var rule, out error))
            {
                return false;
            }

            var count = 1;
            for (var year = start.Year; year <= LastYear; year += rule.Interval)
            {
                work++;
                if (rule.Count is { } max && count >= max)
                {
                    break;
                }

                var occurrence = rule.OccurrenceIn(year, start);
                if (occurrence is not { } local || local <= start)
                {
                    continue;
                }

                var onset = new OffsetDateTime(local, observance.OffsetFrom).ToInstant();
                if ((rule.UntilInstant is { } untilInstant && onset > untilInstant)
                    || (rule.UntilLocal is { } untilLocal && local > untilLocal))
                {
                    break;
                }

                output.Add(new Transition(onset, observance));
                count++;
                if (output.Count > MaxTransitions || work > limit)
                {
                    return true;
                }
            }
        }

        foreach (var rdate in observance.RecurrenceDates)
        {
            if (rdate.GetParameterValue("VALUE") is { } type && !type.Equals("DATE-TIME", StringComparison.OrdinalIgnoreCase))
            {
                error = "RDATE with VALUE=" + Text.ContentLineReader.Truncate(type) + " is not supported.";
                return false;
            }

            foreach (var part in rdate.Value.Split(','))
            {
                work++;
                if (!ValueParse.TryParseDateTimeText(part, out var local, out var isDate, out var isUtc) || isDate)
                {
                    error = "RDATE value '" + Text.ContentLineReader.Truncate(part) + "' is not a DATE-TIME.";
                    return false;
                }

                output.Add(new Transition(
                    isUtc ? local.InUtc().ToInstant() : new OffsetDateTime(local, observance.OffsetFrom).ToInstant(),
                    observance));
                if (output.Count > MaxTransitions || work > limit)
                {
                    return true;
                }
            }
        }

        return true;
    }

    private readonly record struct Transition(Instant Onset, TimeZoneObservance Observance);

    private sealed class TransitionZone : DateTimeZone
    {
        private readonly Transition[] _transitions;

        public TransitionZone(string id, Transition[] transitions)
            : base(id, false, LowestOffset(transitions), HighestOffset(transitions))
        {
            _transitions = transitions;
        }

        public override ZoneInterval GetZoneInterval(Instant instant)
        {
            int lo = 0, hi = _transitions.Length - 1, found = -1;
            while (lo <= hi)
            {
                var mid = lo + ((hi - lo) / 2);
                if (_transitions[mid].Onset <= instant)
                {
                    found = mid;
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            if (found < 0)
            {
                var first = _transitions[0].Observance;
                return new ZoneInterval(first.Name ?? Id, null, _transitions[0].Onset, first.OffsetFrom, Offset.Zero);
            }

            var current = _transitions[found];
            Instant? end = found + 1 < _transitions.Length ? _transitions[found + 1].Onset : null;
            var o = current.Observance;
            var savings = o.Kind == ObservanceKind.Daylight && o.OffsetTo > o.OffsetFrom ? o.OffsetTo - o.OffsetFrom : Offset.Zero;
            return new ZoneInterval(o.Name ?? Id, current.Onset, end, o.OffsetTo, savings);
        }

        private static Offset LowestOffset(Transition[] t) =>
            t.Select(x => x.Observance.OffsetFrom).Concat(t.Select(x => x.Observance.OffsetTo)).Min();

        private static Offset HighestOffset(Transition[] t) =>
            t.Select(x => x.Observance.OffsetFrom).Concat(t.Select(x => x.Observance.OffsetTo)).Max();
    }

    /// <summary>The subset of RRULE (RFC 5545 §3.3.10) that real VTIMEZONEs use.</summary>
    private sealed class YearlyRule
    {
        public int Interval { get; private set; } = 1;

        public int? Count { get; private set; }

        public Instant? UntilInstant { get; private set; }

        public LocalDateTime? UntilLocal { get; private set; }

        public int? Month { get; private set; }

        public IsoDayOfWeek? Weekday { get; private set; }

        public int? Ordinal { get; private set; }

        public List<int> MonthDays { get; } = [];

        public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out YearlyRule? rule, out string? error)
        {
            rule = new YearlyRule();
            error = null;
            var freq = false;
            foreach (var rawPart in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = rawPart.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    error = "RRULE part '" + Text.ContentLineReader.Truncate(rawPart) + "' is malformed.";
                    return false;
                }

                var key = rawPart[..eq].ToUpperInvariant();
                var value = rawPart[(eq + 1)..];
                var ok = key switch
                {
                    "FREQ" => freq = value.Equals("YEARLY", StringComparison.OrdinalIgnoreCase),
                    "INTERVAL" => ValueParse.TryParseInteger(value, out var interval) && interval is >= 1 and <= 1000 && rule.SetInterval(interval),
                    "COUNT" => ValueParse.TryParseInteger(value, out var count) && count >= 1 && rule.SetCount(count),
                    "UNTIL" => rule.SetUntil(value),
                    "BYMONTH" => ValueParse.TryParseInteger(value, out var month) && month is >= 1 and <= 12 && rule.SetMonth(month),
                    "BYDAY" => rule.SetByDay(value),
                    "BYMONTHDAY" => rule.SetMonthDays(value),
                    "WKST" => true,
                    _ => false,
                };
                if (!ok)
                {
                    error = "RRULE '" + Text.ContentLineReader.Truncate(text) + "' is beyond the supported yearly subset.";
                    return false;
                }
            }

            if (!freq || (rule.Weekday is not null && rule.Ordinal is null && rule.MonthDays.Count == 0))
            {
                error = "RRULE '" + Text.ContentLineReader.Truncate(text) + "' is beyond the supported yearly subset.";
                return false;
            }

            return true;
        }

        public LocalDateTime? OccurrenceIn(int year, LocalDateTime start)
        {
            var month = Month ?? start.Month;
            var daysInMonth = CalendarSystem.Iso.GetDaysInMonth(year, month);
            int? day = null;
            if (Weekday is { } weekday)
            {
                if (Ordinal is { } n)
                {
                    if (n > 0)
                    {
                        var first = new LocalDate(year, month, 1);
                        var offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
                        day = 1 + offset + ((n - 1) * 7);
                    }
                    else
                    {
                        var last = new LocalDate(year, month, daysInMonth);
                        var offset = ((int)last.DayOfWeek - (int)weekday + 7) % 7;
                        day = daysInMonth - offset - ((-n - 1) * 7);
                    }

                    if (MonthDays.Count > 0 && !MonthDays.Contains(day.Value))
                    {
                        day = null;
                    }
                }
                else
                {
                    foreach (var candidate in MonthDays.Select(d => d < 0 ? daysInMonth + d + 1 : d).Order())
                    {
                        if (candidate >= 1 && candidate <= daysInMonth && new LocalDate(year, month, candidate).DayOfWeek == weekday)
                        {
                            day = candidate;
                            break;
                        }
                    }
                }
            }
            else if (MonthDays.Count == 1)
            {
                day = MonthDays[0] < 0 ? daysInMonth + MonthDays[0] + 1 : MonthDays[0];
            }
            else if (MonthDays.Count == 0)
            {
                day = start.Day;
            }

            if (day is not { } d || d < 1 || d > daysInMonth)
            {
                return null;
            }

            return new LocalDate(year, month, d) + start.TimeOfDay;
        }

        private bool SetInterval(int value)
        {
            Interval = value;
            return true;
        }

        private bool SetCount(int value)
        {
            Count = value;
            return true;
        }

        private bool SetMonth(int value)
        {
            Month = value;
            return true;
        }

        private bool SetUntil(string value)
        {
            if (!ValueParse.TryParseDateTimeText(value, out var local, out var isDate, out var isUtc))
            {
                return false;
            }

            if (isDate)
            {
                UntilLocal = local.Date.PlusDays(1).AtMidnight().PlusSeconds(-1);
            }
            else if (isUtc)
            {
                UntilInstant = local.InUtc().ToInstant();
            }
            else
            {
                UntilLocal = local;
            }

            return true;
        }

        private bool SetByDay(string value)
        {
            var s = value.Trim();
            if (s.Contains(',', StringComparison.Ordinal) || s.Length < 2)
            {
                return false;
            }

            var weekday = s[^2..].ToUpperInvariant() switch
            {
                "MO" => IsoDayOfWeek.Monday,
                "TU" => IsoDayOfWeek.Tuesday,
                "WE" => IsoDayOfWeek.Wednesday,
                "TH" => IsoDayOfWeek.Thursday,
                "FR" => IsoDayOfWeek.Friday,
                "SA" => IsoDayOfWeek.Saturday,
                "SU" => IsoDayOfWeek.Sunday,
                _ => IsoDayOfWeek.None,
            };
            if (weekday == IsoDayOfWeek.None)
            {
                return false;
            }

            Weekday = weekday;
            var ordinal = s[..^2];
            if (ordinal.Length > 0)
            {
                if (!ValueParse.TryParseInteger(ordinal, out var n) || n == 0 || n is < -5 or > 5)
                {
                    return false;
                }

                Ordinal = n;
            }

            return true;
        }

        private bool SetMonthDays(string value)
        {
            foreach (var part in value.Split(','))
            {
                if (!ValueParse.TryParseInteger(part, out var d) || d == 0 || d is < -31 or > 31 || MonthDays.Count >= 31)
                {
                    return false;
                }

                MonthDays.Add(d);
            }

            return true;
        }
    }
}
