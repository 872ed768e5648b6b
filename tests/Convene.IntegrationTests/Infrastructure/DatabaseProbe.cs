using System.Data.Common;
using System.Globalization;
using Convene.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Convene.IntegrationTests.Infrastructure;

/// <summary>One stored appointment row, read with plain SQL (what raw-SQL users see).</summary>
public sealed record StoredRow(long AppointmentId, long AssociateId, long MotherId, long TextId, long InvitedPersonId, long Type, long Status, long RejectCounter, string? RejectReason);

/// <summary>Reads the test server's database directly (SQLite or PostgreSQL), to check the rows behind the API.</summary>
public static class DatabaseProbe
{
    public static async Task<DbConnection> OpenConnectionAsync(this ConveneApp app)
    {
        DbConnection connection = app.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteConnection(app.ConnectionString),
            DatabaseProvider.Postgres => new NpgsqlConnection(app.ConnectionString),
        };
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<List<StoredRow>> RowsOfMeetingAsync(this ConveneApp app, int motherId)
    {
        await using var connection = await app.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT appointment_id, associate_id, mother_id, text_id, invited_person_id, type, status, reject_counter, reject_reason
            FROM appointment WHERE mother_id = @mother ORDER BY appointment_id
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@mother";
        parameter.Value = motherId;
        command.Parameters.Add(parameter);
        var rows = new List<StoredRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredRow(Long(reader, 0), Long(reader, 1), Long(reader, 2), Long(reader, 3), Long(reader, 4), Long(reader, 5), Long(reader, 6), Long(reader, 7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return rows;
    }

    /// <summary>
    /// The planner's plan for <paramref name="query"/> (EXPLAIN on PostgreSQL, EXPLAIN QUERY PLAN on SQLite) after
    /// <paramref name="history"/> has filled the database — it can use the text row <c>MAX(text_id)</c> — and the
    /// statistics were gathered; all of it rolled back afterwards.
    /// </summary>
    public static async Task<List<string>> PlanAfterAsync(this ConveneApp app, string history, string query, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken ct)
    {
        var postgres = app.Provider == DatabaseProvider.Postgres;
        await using var connection = await app.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO text (text) VALUES ('history'); {history}; {(postgres ? "ANALYZE appointment" : "ANALYZE")}";
        await command.ExecuteNonQueryAsync(ct);

        command.CommandText = postgres ? $"EXPLAIN {query}" : $"EXPLAIN QUERY PLAN {query}";
        Convene.Persistence.Stores.AdoQuery.Bind(command.Parameters, command.CreateParameter, parameters);
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                plan.Add(reader.GetValue(reader.FieldCount - 1).ToString()!);
            }
        }

        await transaction.RollbackAsync(ct);
        return plan;
    }

    /// <summary>Row counts and versions of the tables a failed request must not touch.</summary>
    public static async Task<string> FingerprintAsync(this ConveneApp app)
    {
        await using var connection = await app.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT CAST((SELECT COUNT(*) FROM appointment) AS TEXT) || '/' || CAST((SELECT COUNT(*) FROM text) AS TEXT)
                || '/' || CAST((SELECT COUNT(*) FROM notification) AS TEXT) || '/' || CAST((SELECT COUNT(*) FROM appointment_history) AS TEXT)
                || '/' || CAST((SELECT COALESCE(SUM(version), 0) FROM appointment) AS TEXT)
                || '/' || CAST((SELECT COUNT(*) FROM associate) AS TEXT) || '/' || CAST((SELECT COUNT(*) FROM person) AS TEXT)
            """;
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The raw <c>(associate_id, status, assigned_by)</c> of one appointment row (assignments, issue 9).</summary>
    public static async Task<(long AssociateId, long Status, long? AssignedBy)> AssignmentOfRowAsync(this ConveneApp app, int appointmentId)
    {
        await using var connection = await app.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT associate_id, status, assigned_by FROM appointment WHERE appointment_id = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = appointmentId;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no appointment row {appointmentId}");
        return (Long(reader, 0), Long(reader, 1), reader.IsDBNull(2) ? null : Long(reader, 2));
    }

    private static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}

/// <summary>Issue 7: what a refused series must not have written.</summary>
public static class SeriesProbe
{
    public static async Task<long> RecurrenceRuleCountAsync(this ConveneApp app)
    {
        await using var connection = await app.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM recurrence_rule";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
