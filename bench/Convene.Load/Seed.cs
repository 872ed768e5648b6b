using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Convene.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Convene.Load;

/// <summary>One generated meeting: the owner, the invitees with their answer, one room.</summary>
internal sealed record SeedMeeting(int Number, int OwnerId, IReadOnlyList<(int AssociateId, int Status)> Invitees, int RoomId, Instant Start, Instant End)
{
    public string Title => "Meeting " + Number.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The load database, written with plain SQL in one transaction (binary COPY on PostgreSQL): 1,000 employees who can
/// sign in (user <c>u1</c>…<c>u1000</c>, password <see cref="Password"/>) and 50 rooms; 100,000 meetings in 2027–2028
/// (about 200 a working day: a room is booked about four times a day, an employee has a meeting or two a day), each
/// with an owner, 2–7 invited colleagues and a room, in the rows Convene itself writes (a master row, one child row
/// per participant, one shared <c>text</c> row). Invitees' answers: 70 % accepted, 20 % not seen, 10 % seen. No
/// declines, so every <c>reject_counter</c> is 0 and <c>convene db check</c> holds without history rows.
/// </summary>
internal static class Seed
{
    public const int Employees = 1000;
    public const int Rooms = 50;
    public const string Password = "bench-password";
    public static readonly LocalDate FirstDay = new(2027, 1, 4);
    public static readonly LocalDate LastDay = new(2028, 12, 29);
    private static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];

    public static int RoomId(int room) => Employees + room;

    /// <summary>The employee a benchmark client signs in as: spread over the company, never two clients the same.</summary>
    public static int ClientAssociate(int client) => 1 + (client * 37 % Employees);

    public static List<LocalDate> WorkDays()
    {
        var days = new List<LocalDate>();
        for (var d = FirstDay; d <= LastDay; d = d.PlusDays(1))
        {
            if (d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
            {
                days.Add(d);
            }
        }

        return days;
    }

    /// <summary>A meeting time on a working day, 08:00–15:30 Oslo, 30 minutes to 2 hours.</summary>
    public static (Instant Start, Instant End) Slot(Random random, List<LocalDate> days)
    {
        var day = days[random.Next(days.Count)];
        var start = Oslo.AtLeniently(day + new LocalTime(8, 0).PlusMinutes(30 * random.Next(16))).ToInstant();
        return (start, start + Duration.FromMinutes(30 * random.Next(1, 5)));
    }

    public static IReadOnlyList<int> Colleagues(Random random, int ownerId, int count)
    {
        var set = new HashSet<int>();
        while (set.Count < count)
        {
            var id = random.Next(1, Employees + 1);
            if (id != ownerId)
            {
                set.Add(id);
            }
        }

        return [.. set];
    }

    public static IEnumerable<SeedMeeting> Meetings(int count)
    {
        var random = new Random(8);
        var days = WorkDays();
        for (var n = 1; n <= count; n++)
        {
            var owner = random.Next(1, Employees + 1);
            var invitees = Colleagues(random, owner, random.Next(2, 8)).Select(id =>
            {
                var roll = random.Next(10);
                return (id, roll < 7 ? 1 : roll < 9 ? 5 : 7);
            }).ToList();
            var (start, end) = Slot(random, days);
            yield return new SeedMeeting(n, owner, invitees, RoomId(random.Next(1, Rooms + 1)), start, end);
        }
    }

    public static DbConnection Open(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(connectionString),
        DatabaseProvider.Postgres => new NpgsqlConnection(connectionString),
    };

    public static string SqliteTime(Instant instant) => instant.ToDateTimeUtc().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static async Task GenerateAsync(DatabaseProvider provider, string connectionString, int meetings)
    {
        var sw = Stopwatch.StartNew();
        await using var connection = Open(provider, connectionString);
        await connection.OpenAsync();
        await DatabaseMigrator.MigrateAsync(connection, provider, CancellationToken.None);
        var hash = new PasswordHasher<object>().HashPassword(new object(), Password);
        var rows = 0;
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO associate (associate_id, name, user_name, type, is_location, password_hash, email, capacity, tags) VALUES (@id, @name, @user, @type, @loc, @hash, @email, @cap, @tags)";
                var p = Parameters(insert, "@id", "@name", "@user", "@type", "@loc", "@hash", "@email", "@cap", "@tags");
                for (var i = 1; i <= Employees + Rooms; i++)
                {
                    var employee = i <= Employees;
                    p[0].Value = i;
                    p[1].Value = employee ? $"Employee {i}" : $"Room {i - Employees}";
                    p[2].Value = employee ? $"u{i}" : DBNull.Value;
                    p[3].Value = employee ? 0 : 1;
                    p[4].Value = provider == DatabaseProvider.Postgres ? !employee : employee ? 0 : 1;
                    p[5].Value = employee ? hash : DBNull.Value;
                    p[6].Value = employee ? $"u{i}@bench.example" : DBNull.Value;
                    p[7].Value = employee ? DBNull.Value : 4 + (i % 27);
                    p[8].Value = employee ? "" : "projector";
                    await insert.ExecuteNonQueryAsync();
                }
            }

            rows = provider == DatabaseProvider.Postgres
                ? await CopyPostgresAsync((NpgsqlConnection)connection, meetings)
                : await InsertSqliteAsync(connection, tx, meetings);
            await tx.CommitAsync();
        }

        await using (var finish = connection.CreateCommand())
        {
            finish.CommandText = provider == DatabaseProvider.Postgres
                ? "SELECT setval(pg_get_serial_sequence('appointment', 'appointment_id'), (SELECT max(appointment_id) FROM appointment)); "
                  + "SELECT setval(pg_get_serial_sequence('text', 'text_id'), (SELECT max(text_id) FROM text)); "
                  + "SELECT setval(pg_get_serial_sequence('associate', 'associate_id'), (SELECT max(associate_id) FROM associate)); ANALYZE;"
                : "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);";
            await finish.ExecuteNonQueryAsync();
        }

        if (provider == DatabaseProvider.Postgres)
        {
            // Every run starts from the state autovacuum leaves a database in: rows frozen with their hint bits set and
            // the visibility map complete. Straight after COPY neither is, so the first reads of each run dirtied every
            // page they touched and index-only scans went to the heap; how far autovacuum had got with the cached
            // template decided the figures (a fresh cache: mix 929 req/s, one autovacuumed over earlier runs: 1,260).
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM (FREEZE, ANALYZE)";
            vacuum.CommandTimeout = 600;
            await vacuum.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"generated {Employees} employees, {Rooms} rooms, {meetings:N0} meetings = {rows:N0} appointment rows in {sw.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Each meeting's rows in the order Convene writes them: master, then a child per invitee, then the room.</summary>
    private static IEnumerable<(int Id, int AssociateId, int MotherId, int OwnerId, int TextId, int Type, int Status, SeedMeeting Meeting)> Rows(int meetings)
    {
        var id = 0;
        foreach (var m in Meetings(meetings))
        {
            var master = ++id;
            yield return (master, m.OwnerId, master, m.OwnerId, m.Number, 1, 1, m);
            foreach (var (associate, status) in m.Invitees)
            {
                yield return (++id, associate, master, m.OwnerId, m.Number, status == 1 ? 1 : 6, status, m);
            }

            yield return (++id, m.RoomId, master, m.OwnerId, m.Number, 1, 1, m);
        }
    }

    private static async Task<int> InsertSqliteAsync(DbConnection connection, DbTransaction tx, int meetings)
    {
        await using var text = connection.CreateCommand();
        text.Transaction = tx;
        text.CommandText = "INSERT INTO text (text_id, text) VALUES (@id, @text)";
        var tp = Parameters(text, "@id", "@text");
        for (var i = 1; i <= meetings; i++)
        {
            tp[0].Value = i;
            tp[1].Value = "Agenda of meeting " + i.ToString(CultureInfo.InvariantCulture);
            await text.ExecuteNonQueryAsync();
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO appointment (appointment_id, associate_id, mother_id, mother_associate_id, text_id, do_by, end_date, type, status, title, location, registered_associate_id, updated_associate_id) "
            + "VALUES (@id, @a, @m, @o, @t, @s, @e, @type, @st, @title, @loc, @o, @o)";
        var p = Parameters(insert, "@id", "@a", "@m", "@o", "@t", "@s", "@e", "@type", "@st", "@title", "@loc");
        var count = 0;
        foreach (var r in Rows(meetings))
        {
            p[0].Value = r.Id;
            p[1].Value = r.AssociateId;
            p[2].Value = r.MotherId;
            p[3].Value = r.OwnerId;
            p[4].Value = r.TextId;
            p[5].Value = SqliteTime(r.Meeting.Start);
            p[6].Value = SqliteTime(r.Meeting.End);
            p[7].Value = r.Type;
            p[8].Value = r.Status;
            p[9].Value = r.Meeting.Title;
            p[10].Value = $"Room {r.Meeting.RoomId - Employees}";
            await insert.ExecuteNonQueryAsync();
            count++;
        }

        return count;
    }

    private static async Task<int> CopyPostgresAsync(NpgsqlConnection connection, int meetings)
    {
        await using (var texts = await connection.BeginBinaryImportAsync("COPY text (text_id, text) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 1; i <= meetings; i++)
            {
                await texts.StartRowAsync();
                await texts.WriteAsync(i, NpgsqlDbType.Integer);
                await texts.WriteAsync("Agenda of meeting " + i.ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Text);
            }

            await texts.CompleteAsync();
        }

        var count = 0;
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY appointment (appointment_id, associate_id, mother_id, mother_associate_id, text_id, do_by, end_date, type, status, title, location, registered_associate_id, updated_associate_id) FROM STDIN (FORMAT BINARY)");
        foreach (var r in Rows(meetings))
        {
            await importer.StartRowAsync();
            await importer.WriteAsync(r.Id, NpgsqlDbType.Integer);
            await importer.WriteAsync(r.AssociateId, NpgsqlDbType.Integer);
            await importer.WriteAsync(r.MotherId, NpgsqlDbType.Integer);
            await importer.WriteAsync(r.OwnerId, NpgsqlDbType.Integer);
            await importer.WriteAsync(r.TextId, NpgsqlDbType.Integer);
            await importer.WriteAsync(r.Meeting.Start.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(r.Meeting.End.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(r.Type, NpgsqlDbType.Integer);
            await importer.WriteAsync(r.Status, NpgsqlDbType.Integer);
            await importer.WriteAsync(r.Meeting.Title, NpgsqlDbType.Text);
            await importer.WriteAsync($"Room {r.Meeting.RoomId - Employees}", NpgsqlDbType.Text);
            await importer.WriteAsync(r.OwnerId, NpgsqlDbType.Integer);
            await importer.WriteAsync(r.OwnerId, NpgsqlDbType.Integer);
            count++;
        }

        await importer.CompleteAsync();
        return count;
    }

    public static DbParameter[] Parameters(DbCommand command, params string[] names) => names.Select(n =>
    {
        var p = command.CreateParameter();
        p.ParameterName = n;
        command.Parameters.Add(p);
        return p;
    }).ToArray();
}
