using System.Data.Common;
using System.Globalization;
using System.Text;
using Convene.Core.Appointments;
using Convene.Core.Directory;
using Convene.Core.Ports;
using Convene.Core.Scheduling;
using Convene.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace Convene.Persistence.Stores;

internal sealed class SchedulingStore(ConveneDbContext db) : ISchedulingStore
{
    private static readonly AppointmentType[] TimedTypes =
        [AppointmentType.InDiary, AppointmentType.InChecklist, AppointmentType.BookingForDiary, AppointmentType.BookingForChecklist];

    public async Task<IReadOnlyList<SchedulingSubject>> FindSubjectsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return await LoadAsync(db.Associates.Where(a => ids.Contains(a.Id)), cancellationToken);
    }

    public async Task<IReadOnlyList<SchedulingSubject>> FindRoomsAsync(int minCapacity, CancellationToken cancellationToken) =>
        (await LoadAsync(db.Associates.Where(a => a.Kind == AssociateKind.Resource && a.IsLocation && a.IsActive && a.Capacity >= minCapacity), cancellationToken))
            .OrderBy(r => r.Capacity).ThenBy(r => r.Id).ToList();

    public async Task<IReadOnlyList<BusyRow>> GetBusyRowsAsync(IReadOnlyCollection<int> associateIds, TimeRange window, int? excludeMotherId, CancellationToken cancellationToken)
    {
        if (associateIds.Count == 0)
        {
            return [];
        }

        // Travel time widens a row by at most MaxBuffer on each side: fetch that much more, and let Core clip exactly.
        // This is the hottest query of scheduling (find a time reads 20,000+ rows), so it is read with a plain data
        // reader instead of EF's materialiser; the parameters are bound as EF binds them (UTC DateTime), so the
        // comparison is the same on both providers' time columns. The filter is BusyRules.Classify's in SQL.
        var connection = await OpenAsync(cancellationToken);
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var ids = new StringBuilder();
            var i = 0;
            foreach (var id in associateIds)
            {
                ids.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"@a{i}");
                AddParameter(command, $"@a{i}", id);
                i++;
            }

            AddParameter(command, "@from", (window.Start - BusyRules.MaxBuffer).ToDateTimeUtc());
            AddParameter(command, "@to", (window.End + BusyRules.MaxBuffer).ToDateTimeUtc());
            AddParameter(command, "@exclude", excludeMotherId ?? -1);
            command.CommandText = $"""
                SELECT associate_id, mother_id, do_by, end_date, lead_time, lag_time, type, status FROM appointment
                WHERE associate_id IN ({ids}) AND do_by < @to AND @from < end_date AND free_busy = 0
                  AND status NOT IN ({BlockingExcludedStatuses}) AND type IN ({TimedTypeCodes})
                  AND mother_id <> @exclude AND appointment_id <> @exclude
                """;
            var rows = new List<BusyRow>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new BusyRow(
                    reader.GetInt32(0),
                    reader.GetInt32(1),
                    Instant.FromDateTimeUtc(DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc)),
                    Instant.FromDateTimeUtc(DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc)),
                    Duration.FromMinutes(reader.GetInt32(4)),
                    Duration.FromMinutes(reader.GetInt32(5)),
                    (AppointmentType)reader.GetInt32(6),
                    (AppointmentStatus)reader.GetInt32(7),
                    false));
            }

            return rows;
        }
    }

    /// <summary>
    /// Opens the context's connection for the rest of the request: a scheduling call runs two or three queries, and
    /// taking the connection from the pool once (instead of per query) saves the pool round trip and, on PostgreSQL,
    /// the session reset that comes with each reuse. The context closes it when the request's scope ends.
    /// </summary>
    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            _opened = true;
        }

        return db.Database.GetDbConnection();
    }

    private bool _opened;

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // Codes, not user input: the SQL text holds constants only (every value from a caller is a parameter).
    private static readonly string TimedTypeCodes = string.Join(',', TimedTypes.Select(t => ((int)t).ToString(CultureInfo.InvariantCulture)));

    private static readonly string BlockingExcludedStatuses = string.Join(',', new[]
    {
        AppointmentStatus.BookingDeclined, AppointmentStatus.BookingDeleted, AppointmentStatus.AssignmentDeclined,
    }.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)));

    public async Task ReplaceWorkingHoursAsync(int associateId, WorkingHoursMode mode, IReadOnlyList<WorkingPeriod> periods, CancellationToken cancellationToken)
    {
        await db.Set<WorkingPeriodRow>().Where(p => p.AssociateId == associateId).ExecuteDeleteAsync(cancellationToken);
        await db.Associates.Where(a => a.Id == associateId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => EF.Property<int>(a, SchedulingColumns.WorkingHoursMode), (int)mode), cancellationToken);
        db.Set<WorkingPeriodRow>().AddRange(periods.Select(p => new WorkingPeriodRow
        {
            AssociateId = associateId,
            DayOfWeek = (int)p.Day,
            StartMinute = p.Start.Hour * 60 + p.Start.Minute,
            EndMinute = p.EndsAtMidnight ? 1440 : p.End.Hour * 60 + p.End.Minute,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<SchedulingSubject>> LoadAsync(IQueryable<Associate> associates, CancellationToken ct)
    {
        // Only the columns scheduling needs (never the password hash or the rest of the row): this runs on every
        // free/busy, first-available and find-a-time request.
        var found = await associates.AsNoTracking()
            .Select(a => new { a.Id, a.Name, a.Kind, a.IsActive, a.IsLocation, a.TimeZone, a.Capacity, a.Tags, Mode = EF.Property<int>(a, SchedulingColumns.WorkingHoursMode) })
            .ToListAsync(ct);
        var custom = found.Where(f => f.Mode == (int)WorkingHoursMode.Custom).Select(f => f.Id).ToList();
        var periods = custom.Count == 0
            ? []
            : await db.Set<WorkingPeriodRow>().AsNoTracking().Where(p => custom.Contains(p.AssociateId)).ToListAsync(ct);
        var byAssociate = periods.ToLookup(p => p.AssociateId);
        return found.ConvertAll(f => new SchedulingSubject(
            f.Id,
            f.Name,
            f.Kind,
            f.IsActive,
            f.IsLocation,
            f.TimeZone,
            (WorkingHoursMode)f.Mode,
            byAssociate[f.Id].Select(ToPeriod).ToList(),
            f.Capacity,
            f.Tags));
    }

    private static WorkingPeriod ToPeriod(WorkingPeriodRow p) => new(
        (IsoDayOfWeek)p.DayOfWeek,
        LocalTime.FromMinutesSinceMidnight(p.StartMinute),
        p.EndMinute >= 1440 ? LocalTime.Midnight : LocalTime.FromMinutesSinceMidnight(p.EndMinute));
}
