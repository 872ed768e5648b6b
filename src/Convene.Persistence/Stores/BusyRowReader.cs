using Convene.Core.Appointments;
using Convene.Core.Scheduling;
using NodaTime;

namespace Convene.Persistence.Stores;

/// <summary>
/// The rows that may block time in some diaries — the one query behind free/busy, first available, find a time and a
/// meeting's conflict flag, so they never disagree about what blocks (BusyRules.Classify's filter, in SQL).
/// </summary>
/// <remarks>
/// The hottest query of scheduling (find a time reads 20,000+ rows), so it is read with a plain data reader instead of
/// EF's materialiser; the parameters are bound as EF binds them (UTC DateTime), so the comparison is the same on both
/// providers' time columns. Travel time widens a row by at most BusyRules.MaxBuffer on each side: the range is
/// widened by that much, and callers test each row's own <see cref="BusyRow.Blocked"/> span exactly.
/// </remarks>
internal static class BusyRowReader
{
    // Codes, not user input: the SQL text holds constants and parameter names only (every value is a parameter).
    private static readonly string TimedTypeCodes = AdoQuery.Codes(
        AppointmentType.InDiary, AppointmentType.InChecklist, AppointmentType.BookingForDiary, AppointmentType.BookingForChecklist);

    private static readonly string NonBlockingStatuses = AdoQuery.Codes(
        AppointmentStatus.BookingDeclined, AppointmentStatus.BookingDeleted, AppointmentStatus.AssignmentDeclined);

    /// <summary>The busy-row query for the diaries <paramref name="diaries"/> (<c>IN (…)</c>) with <c>@exclude</c> and OverlapSql's window.</summary>
    internal static string Sql(bool postgres, string diaries) => OverlapSql.Select(
        postgres,
        "a.associate_id, a.mother_id, a.do_by, a.end_date, a.lead_time, a.lag_time, a.type, a.status",
        "a",
        diaries,
        $"a.free_busy = 0 AND a.status NOT IN ({NonBlockingStatuses}) AND a.type IN ({TimedTypeCodes}) AND a.mother_id <> @exclude AND a.appointment_id <> @exclude");

    /// <summary>Busy rows of <paramref name="diaryIds"/> near <paramref name="window"/>, except meeting <paramref name="excludeMotherId"/> (0: none).</summary>
    public static async Task<List<BusyRow>> ReadAsync(
        ConveneDbContext db, IReadOnlyCollection<int> diaryIds, TimeRange window, int excludeMotherId, CancellationToken cancellationToken)
    {
        if (diaryIds.Count == 0)
        {
            return [];
        }

        var parameters = new List<(string, object)> { ("@exclude", excludeMotherId == 0 ? -1 : excludeMotherId) };
        OverlapSql.AddWindow(parameters, near: true, window.Start - BusyRules.MaxBuffer, window.End + BusyRules.MaxBuffer);
        var ids = AdoQuery.AddList(parameters, "a", diaryIds);
        return await AdoQuery.ListAsync(
            db,
            Sql(db.IsPostgres, $"IN ({ids})"),
            parameters,
            reader => new BusyRow(
                reader.GetInt32(0),
                reader.GetInt32(1),
                reader.GetInstant(2),
                reader.GetInstant(3),
                Duration.FromMinutes(reader.GetInt32(4)),
                Duration.FromMinutes(reader.GetInt32(5)),
                (AppointmentType)reader.GetInt32(6),
                (AppointmentStatus)reader.GetInt32(7),
                false),
            cancellationToken);
    }
}
