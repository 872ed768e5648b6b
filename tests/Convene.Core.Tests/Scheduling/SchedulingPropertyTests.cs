using Convene.Core.Scheduling;
using NodaTime;

namespace Convene.Core.Tests.Scheduling;

/// <summary>
/// Property-based tests: on random diaries (seeded, so a failure names its seed) the algorithms agree with the
/// minute-by-minute oracle, across DST changes in Europe/Oslo and America/New_York, with back-to-back rows, lead and
/// lag time, all-day rows, free, declined and cancelled rows.
/// </summary>
public sealed class SchedulingPropertyTests
{
    private const int Runs = 60;
    private static readonly Duration Quarter = Duration.FromMinutes(15);

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= Runs; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void WorkingHoursExpansion_IsExactlyTheWallClockDefinition(int seed)
    {
        var gen = new DiaryGenerator(seed);
        var zone = gen.Zone();
        var hours = gen.Hours(zone);
        var window = gen.Window(6);
        var oracle = new MinuteDiary(0, window, [], hours);

        Assert.Equal(oracle.Runs(m => oracle.Working[m]), hours.Expand(window));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Schedule_BusyAndTentative_MatchTheOracle(int seed)
    {
        var gen = new DiaryGenerator(seed);
        var zone = gen.Zone();
        var window = gen.Window(4);
        var rows = gen.Rows(1, window, zone, 40);
        var hours = gen.Hours(zone);
        var schedule = EntitySchedule.Build(1, rows, hours, window);
        var oracle = new MinuteDiary(1, window, rows, hours);

        Assert.Equal(oracle.Runs(m => oracle.Busy[m]), schedule.Busy);
        Assert.Equal(oracle.Runs(m => oracle.Tentative[m] && !oracle.Busy[m]), schedule.Tentative);
        Assert.Equal(oracle.Runs(m => oracle.IsFree(m, true)), schedule.Free(window, true));
        Assert.Equal(oracle.Runs(m => oracle.IsFree(m, false)), schedule.Free(window, false));
        for (var i = 0; i < 50; i++)
        {
            var start = window.Start + Duration.FromMinutes(5 * gen.Random.Next(0, (int)(window.Length.TotalMinutes / 5) - 40));
            var slot = new TimeRange(start, start + Duration.FromMinutes(5 * gen.Random.Next(1, 40)));
            Assert.Equal(oracle.StatusFor(slot, true), schedule.StatusFor(slot, true));
            Assert.Equal(oracle.StatusFor(slot, false), schedule.StatusFor(slot, false));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FirstAvailable_IsTheGreedyEarliestOracleSlots(int seed)
    {
        var gen = new DiaryGenerator(seed);
        var window = gen.Window(7);
        var diaries = Enumerable.Range(1, gen.Random.Next(1, 5)).Select(id =>
        {
            var zone = gen.Zone();
            var rows = gen.Rows(id, window, zone, gen.Random.Next(0, 50));
            var hours = gen.Hours(zone);
            return (Schedule: EntitySchedule.Build(id, rows, hours, window), Oracle: new MinuteDiary(id, window, rows, hours));
        }).ToList();
        var duration = Duration.FromMinutes(15 * gen.Random.Next(1, 9));
        var respect = gen.Random.Next(4) != 0;
        var count = gen.Random.Next(1, 12);

        var expected = new List<TimeRange>();
        for (var s = SlotSearch.AlignUp(window.Start, Quarter); s + duration <= window.End && expected.Count < count;)
        {
            var slot = new TimeRange(s, s + duration);
            if (diaries.TrueForAll(d => d.Oracle.IsFree(slot, respect)))
            {
                expected.Add(slot);
                s = SlotSearch.AlignUp(slot.End, Quarter);
            }
            else
            {
                s += Quarter;
            }
        }

        var actual = SlotSearch.FirstAvailable(diaries.ConvertAll(d => d.Schedule), window, duration, Quarter, count, respect);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FirstAvailable_WithTheMeetingsOwnTravelTime_KeepsTheTravelFreeToo(int seed)
    {
        var gen = new DiaryGenerator(seed);
        var window = gen.Window(5);
        var lead = Duration.FromMinutes(5 * gen.Random.Next(0, 19));
        var lag = Duration.FromMinutes(5 * gen.Random.Next(0, 19));
        var wide = new TimeRange(window.Start - lead, window.End + lag);
        var diaries = Enumerable.Range(1, gen.Random.Next(1, 4)).Select(id =>
        {
            var zone = gen.Zone();
            var rows = gen.Rows(id, wide, zone, gen.Random.Next(0, 40));
            var hours = gen.Hours(zone);
            return (Schedule: EntitySchedule.Build(id, rows, hours, wide).WithTravel(lead, lag, window), Oracle: new MinuteDiary(id, wide, rows, hours));
        }).ToList();
        var duration = Duration.FromMinutes(15 * gen.Random.Next(1, 9));
        var respect = gen.Random.Next(4) != 0;

        // The meeting inside working hours (when asked) and free; its travel before and after free of busy time.
        bool Fits(MinuteDiary oracle, TimeRange slot) =>
            oracle.IsFree(slot, respect)
            && (lead == Duration.Zero || oracle.IsFree(new TimeRange(slot.Start - lead, slot.Start), false))
            && (lag == Duration.Zero || oracle.IsFree(new TimeRange(slot.End, slot.End + lag), false));

        var expected = new List<TimeRange>();
        for (var s = SlotSearch.AlignUp(window.Start, Quarter); s + duration <= window.End && expected.Count < 3;)
        {
            var slot = new TimeRange(s, s + duration);
            if (diaries.TrueForAll(d => Fits(d.Oracle, slot)))
            {
                expected.Add(slot);
                s = SlotSearch.AlignUp(slot.End, Quarter);
            }
            else
            {
                s += Quarter;
            }
        }

        Assert.Equal(expected, SlotSearch.FirstAvailable(diaries.ConvertAll(d => d.Schedule), window, duration, Quarter, 3, respect));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FindTime_SuggestsOnlyValidSlots_ScoredAndExplainedAsTheOracleSays(int seed)
    {
        var gen = new DiaryGenerator(seed);
        var window = gen.Window(5);
        (EntitySchedule Schedule, MinuteDiary Oracle) Make(int id, int rows)
        {
            var zone = gen.Zone();
            var r = gen.Rows(id, window, zone, rows);
            var hours = gen.Hours(zone);
            return (EntitySchedule.Build(id, r, hours, window), new MinuteDiary(id, window, r, hours));
        }

        var required = Enumerable.Range(1, gen.Random.Next(1, 4)).Select(id => Make(id, gen.Random.Next(0, 40))).ToList();
        var optional = Enumerable.Range(10, gen.Random.Next(0, 5)).Select(id => Make(id, gen.Random.Next(0, 40))).ToList();
        var rooms = gen.Random.Next(2) == 0 ? null : Enumerable.Range(20, gen.Random.Next(1, 4)).Select(id => Make(id, gen.Random.Next(0, 60))).ToList();
        var duration = Duration.FromMinutes(30 * gen.Random.Next(1, 5));
        var share = gen.Random.Next(3) == 0 ? 0.5 : 0.0;
        var respect = gen.Random.Next(4) != 0;
        var query = new FindTimeQuery(
            required.ConvertAll(r => r.Schedule), optional.ConvertAll(o => o.Schedule), [], rooms?.ConvertAll(r => r.Schedule),
            window, duration, Duration.FromMinutes(30), respect, null, share, 8);

        var result = FindTime.Search(query);

        bool Valid(TimeRange slot) =>
            required.TrueForAll(r => r.Oracle.IsFree(slot, respect))
            && (rooms is null || rooms.Exists(r => r.Oracle.IsFree(slot, respect)))
            && (optional.Count == 0 || optional.Count(o => o.Oracle.IsFree(slot, respect)) / (double)optional.Count >= share);
        var anyValid = false;
        for (var s = SlotSearch.AlignUp(window.Start, Duration.FromMinutes(30)); s + duration <= window.End && !anyValid; s += Duration.FromMinutes(30))
        {
            anyValid = Valid(new TimeRange(s, s + duration));
        }

        Assert.Equal(anyValid, result.Suggestions.Count > 0);
        Assert.Equal(anyValid, result.Reason == EmptyReason.None);
        foreach (var s in result.Suggestions)
        {
            Assert.True(Valid(s.Slot));
            Assert.All(s.Required, a => Assert.Equal(SlotStatus.Free, a.Status));
            Assert.Equal(optional.ConvertAll(o => o.Oracle.StatusFor(s.Slot, respect)), s.Optional.Select(a => a.Status));
            if (rooms is not null)
            {
                var freeRooms = rooms.Where(r => r.Oracle.IsFree(s.Slot, respect)).Select(r => r.Oracle.AssociateId).ToList();
                Assert.Equal(freeRooms, new[] { s.Room!.Value }.Concat(s.OtherRooms));
            }
        }

        Assert.True(result.Suggestions.Zip(result.Suggestions.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.DoesNotContain(true, result.Suggestions.SelectMany((a, i) => result.Suggestions.Skip(i + 1).Select(b => a.Slot.Overlaps(b.Slot))));
        if (!anyValid)
        {
            Assert.All(result.NearMisses, n => Assert.False(Valid(n.Slot)));
        }

        if (optional.Count == 0 && rooms is null)
        {
            // Without optional attendees every slot scores 1: the suggestions are exactly "first available".
            Assert.Equal(
                SlotSearch.FirstAvailable(required.ConvertAll(r => r.Schedule), window, duration, Duration.FromMinutes(30), 8, respect),
                result.Suggestions.Select(s => s.Slot));
        }
    }
}
