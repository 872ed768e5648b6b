using System.Data.Common;
using System.Diagnostics;
using Convene.Persistence;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Convene.Load;

/// <summary>
/// The bare-SQL floor: what the database alone costs for the same rows, from C# with the provider's ADO.NET driver,
/// no EF Core, no HTTP, no rules. A create is the text row, the master row (inserted, then pointed at itself as
/// Convene's store does) and five child rows (four invited colleagues and a room, the API mix's average) in one
/// transaction; the read is the diary store's query for one associate and week.
/// </summary>
internal static class Floor
{
    private const string Columns = "associate_id, mother_id, mother_associate_id, text_id, do_by, end_date, type, status, title, registered_associate_id, updated_associate_id";

    public static async Task<Series> CreatesAsync(DatabaseProvider provider, string connectionString, int clients, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var days = Seed.WorkDays();
        var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var series = new Series();
            var random = new Random(c);
            await using var connection = Seed.Open(provider, connectionString);
            await connection.OpenAsync();
            await PrepareAsync(provider, connection);
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                var outcome = Outcome.Ok;
                try
                {
                    await CreateOneAsync(provider, connection, random, days);
                }
                catch (DbException e)
                {
                    outcome = Outcome.Error;
                    await Console.Error.WriteLineAsync($"floor create: {e.Message}");
                }

                series.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds, outcome);
            }

            return series;
        })).ToList();
        return await Series.MergeAsync(tasks);
    }

    /// <summary>The connection settings Convene's own connections get (see SqliteConnectionSettings).</summary>
    private static async Task PrepareAsync(DatabaseProvider provider, DbConnection connection)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = Environment.GetEnvironmentVariable("CONVENE_LOAD_SQLITE_PRAGMAS") ?? "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
            await pragma.ExecuteNonQueryAsync();
        }
    }

    private static async Task CreateOneAsync(DatabaseProvider provider, DbConnection connection, Random random, List<LocalDate> days)
    {
        var (start, end) = Seed.Slot(random, days);
        var owner = random.Next(1, Seed.Employees + 1);
        await using var tx = provider == DatabaseProvider.Sqlite
            ? ((SqliteConnection)connection).BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        var p = Seed.Parameters(command, "@owner", "@s", "@e", "@text", "@master");
        p[0].Value = owner;
        p[1].Value = provider == DatabaseProvider.Sqlite ? Seed.SqliteTime(start) : start.ToDateTimeUtc();
        p[2].Value = provider == DatabaseProvider.Sqlite ? Seed.SqliteTime(end) : end.ToDateTimeUtc();
        p[3].Value = 0;
        p[4].Value = 0;
        command.CommandText = "INSERT INTO text (text) VALUES ('Created by the floor benchmark') RETURNING text_id";
        p[3].Value = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = $"INSERT INTO appointment ({Columns}) VALUES (@owner, 0, @owner, @text, @s, @e, 1, 1, 'Floor', @owner, @owner) RETURNING appointment_id";
        p[4].Value = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        var children = Seed.Colleagues(random, owner, 4).Select(id => $"({id}, @master, @owner, @text, @s, @e, 6, 5, 'Floor', @owner, @owner)")
            .Append($"({Seed.RoomId(random.Next(1, Seed.Rooms + 1))}, @master, @owner, @text, @s, @e, 1, 1, 'Floor', @owner, @owner)");
        command.CommandText = $"UPDATE appointment SET mother_id = @master WHERE appointment_id = @master; INSERT INTO appointment ({Columns}) VALUES {string.Join(", ", children)}";
        await command.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    // The same overlap test as the server's (OverlapSql): on PostgreSQL two short index ranges instead of the diary's
    // whole history, on SQLite the plain test (@near is then unused).
    private static string Overlap(DatabaseProvider provider) => provider == DatabaseProvider.Postgres
        ? "((a.associate_id = @id AND @near < a.do_by AND a.do_by < @to) OR (a.associate_id = @id AND a.end_date - a.do_by > interval '1 day' AND a.do_by < @to)) AND @from < a.end_date"
        : "a.associate_id = @id AND a.do_by < @to AND @from < a.end_date";

    /// <summary>The diary store's query for one associate's week (the same joins, filter and order), one at a time.</summary>
    public static async Task<Series> DiaryAsync(DatabaseProvider provider, string connectionString, int iterations)
    {
        await using var connection = Seed.Open(provider, connectionString);
        await connection.OpenAsync();
        await PrepareAsync(provider, connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT a.appointment_id, a.mother_id, a.associate_id, m.status, m.assigned_by, m.associate_id, a.mother_associate_id, a.title, a.location, a.do_by, a.end_date, a.type, a.status, a.private, a.free_busy, a.reject_reason "
            + "FROM appointment a LEFT JOIN appointment m ON a.mother_id = m.appointment_id "
            + $"WHERE {Overlap(provider)} ORDER BY a.do_by, a.appointment_id";
        var p = Seed.Parameters(command, "@id", "@from", "@to", "@near");
        p[0].Value = Seed.ClientAssociate(0);
        var random = new Random(7);
        var series = new Series();
        for (var i = 0; i < iterations + 20; i++)
        {
            var week = Api.RandomWeek(random);
            p[1].Value = provider == DatabaseProvider.Sqlite ? Seed.SqliteTime(week) : week.ToDateTimeUtc();
            p[2].Value = provider == DatabaseProvider.Sqlite ? Seed.SqliteTime(week + Duration.FromDays(7)) : (week + Duration.FromDays(7)).ToDateTimeUtc();
            var near = week - Duration.FromDays(1) - Duration.FromMinutes(1);
            p[3].Value = provider == DatabaseProvider.Sqlite ? Seed.SqliteTime(near) : near.ToDateTimeUtc();
            var start = Stopwatch.GetTimestamp();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                var values = new object[reader.FieldCount];
                while (await reader.ReadAsync())
                {
                    reader.GetValues(values);
                }
            }

            if (i >= 20)
            {
                series.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds, Outcome.Ok);
            }
        }

        return series;
    }
}
