using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Convene.Persistence.Integrity;

/// <summary>One invariant of the stored meetings and the rows that break it (at most <see cref="DatabaseCheck.SampleLimit"/> shown).</summary>
public sealed record InvariantResult(string Code, string Description, int Count, IReadOnlyList<string> Samples)
{
    public bool Holds => Count == 0;
}

/// <summary>What <c>convene db check</c> found.</summary>
public sealed record IntegrityReport(IReadOnlyList<InvariantResult> Invariants)
{
    public bool IsClean => Invariants.All(i => i.Holds);

    public int ViolationCount => Invariants.Sum(i => i.Count);
}

/// <summary>
/// The invariants of the seeds' data model that every writer (the API, the CLI, raw-SQL users) must keep, checked
/// with one plain SQL query each that runs unchanged on SQLite and PostgreSQL. All queries run in one read
/// transaction, so a check of a live database sees one snapshot.
/// </summary>
/// <remarks>
/// The only values spliced into the SQL are the integer codes of <see cref="StatusRules"/> (constants, never input).
/// </remarks>
public static class DatabaseCheck
{
    public const int SampleLimit = 20;

    private const string IsChild = "c.mother_id <> 0 AND c.mother_id <> c.appointment_id";
    private const string MasterOf = "m.appointment_id = c.mother_id AND m.mother_id = m.appointment_id";

    /// <summary>The invariants: code, description, and a query whose rows (one text column) are the violations.</summary>
    public static IReadOnlyList<(string Code, string Description, string Sql)> Invariants { get; } = Build();

    public static async Task<IntegrityReport> RunAsync(ConveneDbContext db, CancellationToken cancellationToken = default)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            // SQLite: a deferred transaction is a read snapshot that does not block writers (WAL); PostgreSQL: one
            // REPEATABLE READ snapshot for all queries.
            await using DbTransaction transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: true)
                : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var results = new List<InvariantResult>();
            foreach (var (code, description, sql) in Invariants)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                var samples = new List<string>();
                var count = 0;
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        if (count++ < SampleLimit)
                        {
                            samples.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? "");
                        }
                    }
                }

                results.Add(new InvariantResult(code, description, count, samples));
            }

            await transaction.RollbackAsync(cancellationToken);
            return new IntegrityReport(results);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static string Codes<T>(IEnumerable<T> values)
        where T : struct, Enum =>
        string.Join(", ", values.Select(v => Convert.ToInt32(v, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)));

    private static List<(string, string, string)> Build()
    {
        var statuses = Codes(StatusRules.All.Select(r => r.Status));
        var types = Codes(StatusRules.ValidTypes);
        var masterStatuses = Codes(StatusRules.All.Where(r => r.OnMaster).Select(r => r.Status));
        var orphanable = StatusRules.All.Where(r => !r.NeedsMaster).Select(r => r.Status).ToList();
        var exempt = orphanable.Count == 0 ? "" : $" AND c.status NOT IN ({Codes(orphanable)})";
        var mismatch = string.Join(" OR ", StatusRules.All.Select(r =>
            string.Create(CultureInfo.InvariantCulture, $"(a.status = {(int)r.Status} AND a.type NOT IN ({Codes(r.Types)}))")));

        return
        [
            ("child.master_missing",
                "every child row's master row exists (a cancelled row, status 10, may outlive it)",
                $"""
                SELECT 'appointment ' || CAST(c.appointment_id AS TEXT) || ': master ' || CAST(c.mother_id AS TEXT) || ' is missing (status ' || CAST(c.status AS TEXT) || ')'
                FROM appointment c
                WHERE {IsChild}{exempt}
                  AND NOT EXISTS (SELECT 1 FROM appointment m WHERE {MasterOf})
                ORDER BY c.appointment_id
                """),
            ("child.text_differs",
                "every child row shares its master's text (and the rows left of a cancelled meeting share one text)",
                $"""
                SELECT 'appointment ' || CAST(c.appointment_id AS TEXT) || ': text ' || CAST(c.text_id AS TEXT) || ', master ' || CAST(m.appointment_id AS TEXT) || ' has text ' || CAST(m.text_id AS TEXT)
                FROM appointment c JOIN appointment m ON {MasterOf}
                WHERE {IsChild} AND c.text_id <> m.text_id
                UNION ALL
                SELECT 'meeting ' || CAST(c.mother_id AS TEXT) || ' (no master): its rows have ' || CAST(COUNT(DISTINCT c.text_id) AS TEXT) || ' texts'
                FROM appointment c
                WHERE {IsChild} AND NOT EXISTS (SELECT 1 FROM appointment m WHERE {MasterOf})
                GROUP BY c.mother_id
                HAVING COUNT(DISTINCT c.text_id) > 1
                """),
            ("status.invalid",
                $"every status is a valid code ({statuses})",
                $"""
                SELECT 'appointment ' || CAST(a.appointment_id AS TEXT) || ': status ' || CAST(a.status AS TEXT)
                FROM appointment a WHERE a.status NOT IN ({statuses})
                ORDER BY a.appointment_id
                """),
            ("type.invalid",
                $"every type is a valid code ({types})",
                $"""
                SELECT 'appointment ' || CAST(a.appointment_id AS TEXT) || ': type ' || CAST(a.type AS TEXT)
                FROM appointment a WHERE a.type NOT IN ({types})
                ORDER BY a.appointment_id
                """),
            ("type.mismatch",
                "the type follows the status (PRODUCT.md §3), and a master row has a master's status",
                $"""
                SELECT 'appointment ' || CAST(a.appointment_id AS TEXT) || ': type ' || CAST(a.type AS TEXT) || ' with status ' || CAST(a.status AS TEXT)
                    || CASE WHEN a.mother_id = a.appointment_id THEN ' on a master row' ELSE '' END
                FROM appointment a
                WHERE a.status IN ({statuses}) AND a.type IN ({types})
                  AND ({mismatch} OR (a.mother_id = a.appointment_id AND a.status NOT IN ({masterStatuses})))
                ORDER BY a.appointment_id
                """),
            ("notification.orphaned",
                "every notification belongs to an existing row of its recipient and meeting (a former owner's 'New organizer' points at the master row they handed over)",
                """
                SELECT 'notification ' || CAST(n.notification_id AS TEXT) || ': row ' || CAST(n.appointment_id AS TEXT)
                    || CASE WHEN a.appointment_id IS NULL THEN ' is missing'
                            WHEN r.associate_id IS NULL THEN ', recipient ' || CAST(n.recipient_id AS TEXT) || ' is missing'
                            WHEN a.associate_id <> n.recipient_id AND n.kind <> 'OrganizerChanged' THEN ' belongs to ' || CAST(a.associate_id AS TEXT) || ', not recipient ' || CAST(n.recipient_id AS TEXT)
                            ELSE ' is of meeting ' || CAST(a.mother_id AS TEXT) || ', not ' || CAST(n.mother_id AS TEXT) END
                FROM notification n
                LEFT JOIN appointment a ON a.appointment_id = n.appointment_id
                LEFT JOIN associate r ON r.associate_id = n.recipient_id
                WHERE a.appointment_id IS NULL OR r.associate_id IS NULL OR (a.associate_id <> n.recipient_id AND n.kind <> 'OrganizerChanged') OR a.mother_id <> n.mother_id
                ORDER BY n.notification_id
                """),
            ("reject_counter.mismatch",
                "every master's reject_counter equals the declines recorded in appointment_history",
                $"""
                SELECT 'meeting ' || CAST(m.appointment_id AS TEXT) || ': reject_counter ' || CAST(m.reject_counter AS TEXT) || ', declines recorded ' || CAST(COALESCE(d.declines, 0) AS TEXT)
                FROM appointment m
                LEFT JOIN (SELECT h.mother_id, COUNT(*) AS declines FROM appointment_history h
                           WHERE h.to_status = {(int)Core.Appointments.AppointmentStatus.BookingDeclined}
                             AND (h.from_status IS NULL OR h.from_status <> {(int)Core.Appointments.AppointmentStatus.BookingDeclined})
                           GROUP BY h.mother_id) d ON d.mother_id = m.appointment_id
                WHERE m.mother_id = m.appointment_id AND m.reject_counter <> COALESCE(d.declines, 0)
                ORDER BY m.appointment_id
                """),
        ];
    }
}
