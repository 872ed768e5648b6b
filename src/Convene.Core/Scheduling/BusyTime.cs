using Convene.Core.Appointments;
using NodaTime;

namespace Convene.Core.Scheduling;

/// <summary>How a diary row blocks time (RFC 5545 §3.2.9 FBTYPE: BUSY and BUSY-TENTATIVE).</summary>
public enum BusyKind
{
    Busy,
    Tentative,
}

/// <summary>One diary row as the scheduling algorithms need it: times, travel buffers and the codes that decide blocking.</summary>
/// <remarks>No title, place or participants: nothing private can leak out of what is computed from these.</remarks>
public sealed record BusyRow(
    int AssociateId,
    int MotherId,
    Instant Start,
    Instant End,
    Duration LeadTime,
    Duration LagTime,
    AppointmentType Type,
    AppointmentStatus Status,
    bool Free)
{
    /// <summary>The time the row keeps its diary from other meetings: the meeting widened by travel before and after.</summary>
    public TimeRange Blocked => new(Start - LeadTime, End + LagTime);
}

/// <summary>Which rows block time, and how (PRODUCT.md §3; superoffice-domain.md §7).</summary>
public static class BusyRules
{
    /// <summary>The longest lead or lag time a row may have; the busy queries widen their range by it.</summary>
    public static readonly Duration MaxBuffer = Duration.FromHours(24);

    /// <summary>Busy, tentative (an unanswered invitation or assignment), or null when the row does not block.</summary>
    public static BusyKind? Classify(AppointmentType type, AppointmentStatus status, bool free)
    {
        if (free)
        {
            return null;
        }

        var timed = type switch
        {
            AppointmentType.InDiary or AppointmentType.InChecklist or AppointmentType.BookingForDiary or AppointmentType.BookingForChecklist => true,
            AppointmentType.Unknown or AppointmentType.Note or AppointmentType.Document or AppointmentType.SavedReport
                or AppointmentType.MergeDraft or AppointmentType.MergeFinal => false,
        };
        if (!timed)
        {
            return null;
        }

        return status switch
        {
            AppointmentStatus.BookingDeclined or AppointmentStatus.BookingDeleted or AppointmentStatus.AssignmentDeclined => null,
            AppointmentStatus.Booking or AppointmentStatus.BookingMoved or AppointmentStatus.BookingSeen or AppointmentStatus.BookingMovedSeen
                or AppointmentStatus.Assignment or AppointmentStatus.AssignmentSeen => BusyKind.Tentative,
            AppointmentStatus.Unknown or AppointmentStatus.NotStarted or AppointmentStatus.Started or AppointmentStatus.Completed
                or AppointmentStatus.Hidden => BusyKind.Busy,
        };
    }
}

/// <summary>One diary's merged busy and tentative time and its working time inside a window.</summary>
/// <remarks>
/// <para>Tentative: Tentative time where the diary is not also busy (busy wins, as in RFC 5545 free/busy).</para>
/// </remarks>
public sealed record EntitySchedule(int AssociateId, IReadOnlyList<TimeRange> Busy, IReadOnlyList<TimeRange> Tentative, IReadOnlyList<TimeRange> Working)
{
    /// <summary>Busy or tentative: what a slot must avoid.</summary>
    public IReadOnlyList<TimeRange> Blocked { get; } = TimeRanges.Merge(Busy.Concat(Tentative));

    /// <summary>Builds the schedule of <paramref name="associateId"/> from its rows (other diaries' rows are ignored).</summary>
    public static EntitySchedule Build(int associateId, IEnumerable<BusyRow> rows, WorkingHours hours, TimeRange window)
    {
        var busy = new List<TimeRange>();
        var tentative = new List<TimeRange>();
        foreach (var row in rows)
        {
            if (row.AssociateId != associateId)
            {
                continue;
            }

            switch (BusyRules.Classify(row.Type, row.Status, row.Free))
            {
                case BusyKind.Busy:
                    busy.Add(row.Blocked);
                    break;
                case BusyKind.Tentative:
                    tentative.Add(row.Blocked);
                    break;
                case null:
                    break;
            }
        }

        var mergedBusy = TimeRanges.Clip(TimeRanges.Merge(busy), window);
        var mergedTentative = TimeRanges.Subtract(TimeRanges.Clip(TimeRanges.Merge(tentative), window), mergedBusy);
        return new EntitySchedule(associateId, mergedBusy, mergedTentative, hours.Expand(window));
    }

    /// <summary>
    /// The schedule as a meeting with travel time of its own sees it: each busy span [b1, b2) grows to
    /// [b1 - <paramref name="lagTime"/>, b2 + <paramref name="leadTime"/>), clipped to <paramref name="window"/>.
    /// </summary>
    public EntitySchedule WithTravel(Duration leadTime, Duration lagTime, TimeRange window)
    {
        IReadOnlyList<TimeRange> Widen(IReadOnlyList<TimeRange> spans) =>
            TimeRanges.Clip(TimeRanges.Merge(spans.Select(s => new TimeRange(s.Start - lagTime, s.End + leadTime))), window);

        var busy = Widen(Busy);
        return new EntitySchedule(AssociateId, busy, TimeRanges.Subtract(Widen(Tentative), busy), TimeRanges.Clip(Working, window));
    }

    /// <summary>Free, inside working hours (when asked), and neither busy nor tentative.</summary>
    public IReadOnlyList<TimeRange> Free(TimeRange window, bool respectWorkingHours) =>
        TimeRanges.Subtract(respectWorkingHours ? Working : [window], Blocked);

    /// <summary>Why the diary cannot take <paramref name="slot"/>, or <see cref="SlotStatus.Free"/>.</summary>
    public SlotStatus StatusFor(TimeRange slot, bool respectWorkingHours) =>
        TimeRanges.AnyOverlap(Busy, slot) ? SlotStatus.Busy
        : TimeRanges.AnyOverlap(Tentative, slot) ? SlotStatus.Tentative
        : respectWorkingHours && !TimeRanges.Covers(Working, slot) ? SlotStatus.OutsideWorkingHours
        : SlotStatus.Free;
}

/// <summary>An attendee's or resource's answer for one candidate slot.</summary>
public enum SlotStatus
{
    Free,
    Tentative,
    Busy,
    OutsideWorkingHours,

    /// <summary>Availability cannot be known (an external person, a deactivated associate).</summary>
    Unknown,
}
