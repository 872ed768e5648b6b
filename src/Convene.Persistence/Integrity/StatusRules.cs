using Convene.Core.Appointments;

namespace Convene.Persistence.Integrity;

/// <summary>Which rows may carry a status, and with which types: the one table <c>db check</c> reads.</summary>
/// <param name="Status">The seeds' status code.</param>
/// <param name="Types">The types a row with this status may have (PRODUCT.md §3 "type follows status").</param>
/// <param name="OnMaster">Whether a master row (mother_id = appointment_id) may have it.</param>
/// <param name="NeedsMaster">Whether a child row with it needs its master; a cancelled row outlives its meeting.</param>
public sealed record StatusRule(AppointmentStatus Status, IReadOnlyList<AppointmentType> Types, bool OnMaster, bool NeedsMaster);

/// <summary>
/// The statuses Convene writes and the types each allows. A status missing here is not a valid code for a meeting
/// row. Adding a status (assignments 11–13, issue 9) is one line here; the checks are generated from the table.
/// </summary>
public static class StatusRules
{
    private static readonly AppointmentType[] Entry = [AppointmentType.InDiary, AppointmentType.InChecklist];
    private static readonly AppointmentType[] Booking = [AppointmentType.BookingForDiary, AppointmentType.BookingForChecklist];

    public static IReadOnlyList<StatusRule> All { get; } =
    [
        // A master row, or an accepted child (associate, resource, external person): in the diary (1) or a task (2).
        new(AppointmentStatus.NotStarted, Entry, OnMaster: true, NeedsMaster: true),
        new(AppointmentStatus.Started, Entry, OnMaster: true, NeedsMaster: true),
        new(AppointmentStatus.Completed, Entry, OnMaster: true, NeedsMaster: true),
        new(AppointmentStatus.Hidden, Entry, OnMaster: true, NeedsMaster: true),

        // Waiting for an answer, or declined: kept out of the diary (6, or 7 for a task invitation).
        new(AppointmentStatus.Booking, Booking, OnMaster: false, NeedsMaster: true),
        new(AppointmentStatus.BookingMoved, Booking, OnMaster: false, NeedsMaster: true),
        new(AppointmentStatus.BookingSeen, Booking, OnMaster: false, NeedsMaster: true),
        new(AppointmentStatus.BookingMovedSeen, Booking, OnMaster: false, NeedsMaster: true),
        new(AppointmentStatus.BookingDeclined, Booking, OnMaster: false, NeedsMaster: true),

        // Cancelled: keeps its last type, and stays after the owner cancels and the master row is deleted
        // (PRODUCT.md §3, docs/adr/0004).
        new(AppointmentStatus.BookingDeleted, [.. Entry, .. Booking], OnMaster: false, NeedsMaster: false),

        // Assignments (issue 9, docs/adr/0011): only the master row is assigned (11, seen 12; 13 is passed through
        // in the same transaction back to 1), and it keeps its diary type.
        new(AppointmentStatus.Assignment, Entry, OnMaster: true, NeedsMaster: true),
        new(AppointmentStatus.AssignmentSeen, Entry, OnMaster: true, NeedsMaster: true),
        new(AppointmentStatus.AssignmentDeclined, Entry, OnMaster: true, NeedsMaster: true),
    ];

    /// <summary>Every type some rule allows: the valid type codes.</summary>
    public static IReadOnlyList<AppointmentType> ValidTypes { get; } = [.. All.SelectMany(r => r.Types).Distinct().Order()];
}
