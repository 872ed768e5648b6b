using Convene.Core.Appointments;
using Convene.Core.Scheduling;
using NodaTime;

namespace Convene.Core.Tests.Scheduling;

/// <summary>
/// A brute-force model of a diary: one flag per minute, from the rules' definitions alone (a row blocks the minutes of
/// [start − lead, end + lag) unless free, declined or cancelled; working time is wall-clock time in the zone).
/// </summary>
internal sealed class MinuteDiary
{
    public MinuteDiary(int associateId, TimeRange window, IReadOnlyList<BusyRow> rows, WorkingHours hours)
    {
        AssociateId = associateId;
        Window = window;
        var minutes = (int)window.Length.TotalMinutes;
        Busy = new bool[minutes];
        Tentative = new bool[minutes];
        Working = new bool[minutes];
        for (var m = 0; m < minutes; m++)
        {
            Working[m] = hours.IsWorking(At(m));
        }

        foreach (var row in rows.Where(r => r.AssociateId == associateId))
        {
            var kind = BusyRules.Classify(row.Type, row.Status, row.Free);
            if (kind is null)
            {
                continue;
            }

            for (var m = 0; m < minutes; m++)
            {
                var at = At(m);
                if (row.Start - row.LeadTime <= at && at < row.End + row.LagTime)
                {
                    (kind == BusyKind.Busy ? Busy : Tentative)[m] = true;
                }
            }
        }
    }

    public int AssociateId { get; }

    public TimeRange Window { get; }

    public bool[] Busy { get; }

    public bool[] Tentative { get; }

    public bool[] Working { get; }

    public Instant At(int minute) => Window.Start + Duration.FromMinutes(minute);

    public int MinuteOf(Instant instant) => (int)(instant - Window.Start).TotalMinutes;

    public bool IsFree(int minute, bool respectWorkingHours) => !Busy[minute] && !Tentative[minute] && (!respectWorkingHours || Working[minute]);

    public bool IsFree(TimeRange slot, bool respectWorkingHours)
    {
        for (var m = MinuteOf(slot.Start); m < MinuteOf(slot.End); m++)
        {
            if (!IsFree(m, respectWorkingHours))
            {
                return false;
            }
        }

        return true;
    }

    public SlotStatus StatusFor(TimeRange slot, bool respectWorkingHours)
    {
        var minutes = Enumerable.Range(MinuteOf(slot.Start), MinuteOf(slot.End) - MinuteOf(slot.Start)).ToList();
        return minutes.Exists(m => Busy[m]) ? SlotStatus.Busy
            : minutes.Exists(m => Tentative[m] && !Busy[m]) ? SlotStatus.Tentative
            : respectWorkingHours && !minutes.TrueForAll(m => Working[m]) ? SlotStatus.OutsideWorkingHours
            : SlotStatus.Free;
    }

    /// <summary>The runs of minutes where <paramref name="flag"/> holds, as ranges.</summary>
    public IReadOnlyList<TimeRange> Runs(Func<int, bool> flag)
    {
        var result = new List<TimeRange>();
        int? start = null;
        for (var m = 0; m <= Busy.Length; m++)
        {
            var on = m < Busy.Length && flag(m);
            if (on && start is null)
            {
                start = m;
            }
            else if (!on && start is { } s)
            {
                result.Add(new TimeRange(At(s), At(m)));
                start = null;
            }
        }

        return result;
    }
}

/// <summary>Random diaries around DST changes, seeded so every failure is reproducible.</summary>
internal sealed class DiaryGenerator(int seed)
{
    private static readonly string[] Zones = ["Europe/Oslo", "America/New_York"];

    // Spring-forward and fall-back weeks in both zones (2030: Oslo 31 Mar / 27 Oct, New York 10 Mar / 3 Nov).
    private static readonly Instant[] WindowStarts =
    [
        Instant.FromUtc(2030, 3, 28, 0, 0), Instant.FromUtc(2030, 10, 24, 0, 0),
        Instant.FromUtc(2030, 3, 7, 0, 0), Instant.FromUtc(2030, 10, 31, 0, 0),
    ];

    private static readonly AppointmentStatus[] Statuses =
    [
        AppointmentStatus.NotStarted, AppointmentStatus.NotStarted, AppointmentStatus.NotStarted, AppointmentStatus.Booking,
        AppointmentStatus.BookingMoved, AppointmentStatus.BookingSeen, AppointmentStatus.BookingMovedSeen, AppointmentStatus.BookingDeclined,
        AppointmentStatus.BookingDeleted, AppointmentStatus.Completed,
    ];

    public Random Random { get; } = new(seed);

    public TimeRange Window(int days)
    {
        var start = WindowStarts[Random.Next(WindowStarts.Length)] + Duration.FromHours(Random.Next(0, 24));
        return new TimeRange(start, start + Duration.FromDays(days));
    }

    public string Zone() => Zones[Random.Next(Zones.Length)];

    public List<BusyRow> Rows(int associateId, TimeRange window, string zone, int count)
    {
        var rows = new List<BusyRow>();
        var tz = DateTimeZoneProviders.Tzdb[zone];
        for (var i = 0; i < count; i++)
        {
            Instant start, end;
            var shape = Random.Next(10);
            if (shape == 0)
            {
                // An all-day row: local midnight to local midnight, one to three days, in the diary's zone.
                var date = (window.Start + Duration.FromDays(Random.Next(-1, (int)window.Length.TotalDays))).InZone(tz).Date;
                start = tz.AtStartOfDay(date).ToInstant();
                end = tz.AtStartOfDay(date.PlusDays(Random.Next(1, 4))).ToInstant();
            }
            else if (shape == 1 && rows.Count > 0)
            {
                // Back to back with the previous row.
                start = rows[^1].End;
                end = start + Duration.FromMinutes(5 * Random.Next(1, 24));
            }
            else
            {
                start = window.Start + Duration.FromMinutes(5 * Random.Next(-100, (int)(window.Length.TotalMinutes / 5)));
                end = start + Duration.FromMinutes(5 * Random.Next(1, 60));
            }

            var buffered = Random.Next(4) == 0;
            rows.Add(new BusyRow(
                associateId,
                i + 1,
                start,
                end,
                buffered ? Duration.FromMinutes(5 * Random.Next(0, 12)) : Duration.Zero,
                buffered ? Duration.FromMinutes(5 * Random.Next(0, 12)) : Duration.Zero,
                Random.Next(8) == 0 ? AppointmentType.BookingForDiary : AppointmentType.InDiary,
                Statuses[Random.Next(Statuses.Length)],
                Random.Next(10) == 0));
        }

        return rows;
    }

    public WorkingHours Hours(string zone)
    {
        var shape = Random.Next(6);
        if (shape == 0)
        {
            return WorkingHours.Always(zone);
        }

        if (shape == 1)
        {
            return WorkingHours.Default(zone);
        }

        // Random periods, some inside the small hours where the clocks change, some ending at midnight.
        var periods = new List<WorkingPeriod>();
        foreach (var day in Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None))
        {
            var minute = 0;
            while (Random.Next(3) != 0)
            {
                var start = minute + (30 * Random.Next(0, 12));
                var end = start + (30 * Random.Next(1, 16));
                if (start >= 1440)
                {
                    break;
                }

                end = Math.Min(end, 1440);
                periods.Add(new WorkingPeriod(day, LocalTime.FromMinutesSinceMidnight(start), end == 1440 ? LocalTime.Midnight : LocalTime.FromMinutesSinceMidnight(end)));
                minute = end;
                if (minute >= 1440)
                {
                    break;
                }
            }
        }

        return WorkingHours.Create(zone, periods).Value;
    }
}
