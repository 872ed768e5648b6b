using System.Data.Common;
using System.Globalization;
using Convene.Persistence;
using Microsoft.Data.Sqlite;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Convene.Bench;

/// <summary>
/// A large diary database: 1,000 employees and 50 rooms (Europe/Oslo), 950 meetings per employee and 1,000 per room
/// in 2029–2030 (about two a working day, 30 minutes to 2 hours, 08:00–16:00 local) = 1,000,000 appointment rows.
/// Mixed statuses as in a real CRM: mostly accepted, some pending invitations, declined, free and private rows.
/// </summary>
internal static class Generator
{
    public const int Employees = 1000;
    public const int Rooms = 50;
    public const int RowsPerEmployee = 950;
    public const int RowsPerRoom = 1000;
    public static readonly LocalDate FirstDay = new(2029, 1, 1);
    public static readonly LocalDate LastDay = new(2030, 12, 31);

    public record struct Row(int Id, int AssociateId, Instant Start, Instant End, int Type, int Status, int Private, int Free, int Lead, int Lag);

    public static IEnumerable<Row> Rows()
    {
        var random = new Random(42);
        var zone = DateTimeZoneProviders.Tzdb["Europe/Oslo"];
        var workdays = new List<LocalDate>();
        for (var d = FirstDay; d <= LastDay; d = d.PlusDays(1))
        {
            if (d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
            {
                workdays.Add(d);
            }
        }

        var id = 0;
        for (var associate = 1; associate <= Employees + Rooms; associate++)
        {
            var count = associate <= Employees ? RowsPerEmployee : RowsPerRoom;
            for (var i = 0; i < count; i++)
            {
                var day = workdays[random.Next(workdays.Count)];
                var start = zone.AtLeniently(day + LocalTime.FromHourMinuteSecondMillisecondTick(8, 0, 0, 0, 0).PlusMinutes(30 * random.Next(16))).ToInstant();
                var end = start + Duration.FromMinutes(30 * random.Next(1, 5));
                var roll = random.Next(100);
                var (type, status) = roll < 78 ? (1, 1) : roll < 88 ? (6, 5 + random.Next(4)) : roll < 93 ? (6, 9) : (1, 1);
                var free = roll >= 96 ? 1 : 0;
                var travel = random.Next(20) == 0;
                yield return new Row(++id, associate, start, end, type, status, random.Next(10) == 0 ? 2 : 0, free, travel ? 30 : 0, travel ? 30 : 0);
            }
        }
    }

    public static async Task GenerateAsync(DatabaseProvider provider, string connectionString)
    {
        await using var connection = Open(provider, connectionString);
        await connection.OpenAsync();
        await DatabaseMigrator.MigrateAsync(connection, provider, CancellationToken.None);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await ExecAsync(connection, "INSERT INTO text (text_id, text) VALUES (1, 'Generated')");
        await using (var tx = await connection.BeginTransactionAsync())
        {
            for (var i = 1; i <= Employees + Rooms; i++)
            {
                var employee = i <= Employees;
                var sql = provider == DatabaseProvider.Sqlite
                    ? $"INSERT INTO associate (associate_id, name, user_name, type, is_location, capacity, tags) VALUES ({i}, '{(employee ? "Employee" : "Room")} {i}', {(employee ? $"'u{i}'" : "NULL")}, {(employee ? 0 : 1)}, {(employee ? 0 : 1)}, {(employee ? "NULL" : (4 + (i % 27)).ToString(CultureInfo.InvariantCulture))}, '{(employee ? "" : i % 2 == 0 ? "projector" : "projector,video")}')"
                    : $"INSERT INTO associate (associate_id, name, user_name, type, is_location, capacity, tags) VALUES ({i}, '{(employee ? "Employee" : "Room")} {i}', {(employee ? $"'u{i}'" : "NULL")}, {(employee ? 0 : 1)}, {(employee ? "false" : "true")}, {(employee ? "NULL" : (4 + (i % 27)).ToString(CultureInfo.InvariantCulture))}, '{(employee ? "" : i % 2 == 0 ? "projector" : "projector,video")}')";
                await ExecAsync(connection, sql, tx);
            }

            await tx.CommitAsync();
        }

        if (provider == DatabaseProvider.Postgres)
        {
            await using (var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(
                "COPY appointment (appointment_id, associate_id, mother_id, mother_associate_id, text_id, do_by, end_date, type, status, private, free_busy, title, lead_time, lag_time) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var r in Rows())
                {
                    await importer.StartRowAsync();
                    await importer.WriteAsync(r.Id, NpgsqlDbType.Integer);
                    await importer.WriteAsync(r.AssociateId, NpgsqlDbType.Integer);
                    await importer.WriteAsync(r.Id, NpgsqlDbType.Integer);
                    await importer.WriteAsync(r.AssociateId, NpgsqlDbType.Integer);
                    await importer.WriteAsync(1, NpgsqlDbType.Integer);
                    await importer.WriteAsync(r.Start.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                    await importer.WriteAsync(r.End.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                    await importer.WriteAsync(r.Type, NpgsqlDbType.Integer);
                    await importer.WriteAsync(r.Status, NpgsqlDbType.Integer);
                    await importer.WriteAsync(r.Private, NpgsqlDbType.Integer);
                    await importer.WriteAsync(r.Free, NpgsqlDbType.Integer);
                    await importer.WriteAsync("Meeting " + r.Id, NpgsqlDbType.Text);
                    await importer.WriteAsync(r.Lead, NpgsqlDbType.Integer);
                    await importer.WriteAsync(r.Lag, NpgsqlDbType.Integer);
                }

                await importer.CompleteAsync();
            }

            await ExecAsync(connection, "SELECT setval(pg_get_serial_sequence('appointment', 'appointment_id'), (SELECT max(appointment_id) FROM appointment)); SELECT setval(pg_get_serial_sequence('associate', 'associate_id'), 2000); SELECT setval(pg_get_serial_sequence('text', 'text_id'), 10); ANALYZE;");
        }
        else
        {
            await ExecAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
            await using var tx = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO appointment (appointment_id, associate_id, mother_id, mother_associate_id, text_id, do_by, end_date, type, status, private, free_busy, title, lead_time, lag_time) VALUES ($id, $a, $id, $a, 1, $s, $e, $t, $st, $p, $f, $title, $lead, $lag)";
            var names = new[] { "$id", "$a", "$s", "$e", "$t", "$st", "$p", "$f", "$title", "$lead", "$lag" };
            var parameters = names.Select(n => { var p = insert.CreateParameter(); p.ParameterName = n; insert.Parameters.Add(p); return p; }).ToArray();
            foreach (var r in Rows())
            {
                parameters[0].Value = r.Id;
                parameters[1].Value = r.AssociateId;
                parameters[2].Value = SqliteTime(r.Start);
                parameters[3].Value = SqliteTime(r.End);
                parameters[4].Value = r.Type;
                parameters[5].Value = r.Status;
                parameters[6].Value = r.Private;
                parameters[7].Value = r.Free;
                parameters[8].Value = "Meeting " + r.Id;
                parameters[9].Value = r.Lead;
                parameters[10].Value = r.Lag;
                await insert.ExecuteNonQueryAsync();
            }

            await tx.CommitAsync();
            await ExecAsync(connection, "ANALYZE;");
        }

        Console.WriteLine($"generated {Employees} employees, {Rooms} rooms, {Employees * RowsPerEmployee + Rooms * RowsPerRoom:N0} appointment rows in {sw.Elapsed.TotalSeconds:F1} s");
    }

    public static string SqliteTime(Instant instant) => instant.ToDateTimeUtc().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static DbConnection Open(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(connectionString),
        DatabaseProvider.Postgres => new NpgsqlConnection(connectionString),
    };

    private static async Task ExecAsync(DbConnection connection, string sql, DbTransaction? tx = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
