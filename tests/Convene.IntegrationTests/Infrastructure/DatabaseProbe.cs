using Microsoft.Data.Sqlite;

namespace Convene.IntegrationTests.Infrastructure;

/// <summary>One stored appointment row, read with plain SQL (what raw-SQL users see).</summary>
public sealed record StoredRow(long AppointmentId, long AssociateId, long MotherId, long TextId, long InvitedPersonId, long Type, long Status, long RejectCounter, string? RejectReason);

/// <summary>Reads the test server's SQLite file directly, to check the rows behind the API.</summary>
public static class DatabaseProbe
{
    public static async Task<List<StoredRow>> RowsOfMeetingAsync(this ConveneApp app, int motherId)
    {
        await using var connection = new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT appointment_id, associate_id, mother_id, text_id, invited_person_id, type, status, reject_counter, reject_reason
            FROM appointment WHERE mother_id = $mother ORDER BY appointment_id
            """;
        command.Parameters.AddWithValue("$mother", motherId);
        var rows = new List<StoredRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return rows;
    }

    /// <summary>Row counts of the tables a failed request must not touch.</summary>
    public static async Task<string> FingerprintAsync(this ConveneApp app)
    {
        await using var connection = new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM appointment) || '/' || (SELECT COUNT(*) FROM text) || '/' || (SELECT COUNT(*) FROM notification)
                || '/' || (SELECT COUNT(*) FROM appointment_history) || '/' || (SELECT COALESCE(SUM(version), 0) FROM appointment)
                || '/' || (SELECT COUNT(*) FROM associate) || '/' || (SELECT COUNT(*) FROM person)
            """;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
