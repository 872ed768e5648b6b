using Convene.Persistence;
using Microsoft.Data.Sqlite;

namespace Convene.IntegrationTests.Persistence;

/// <summary>
/// Migration 0006 rebuilds SQLite's notification table to widen the kind CHECK (issue 9): the notifications already
/// there survive with their ids, the new kinds are accepted, unknown kinds are still refused.
/// </summary>
public sealed class NotificationKindMigrationTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"convene-0006-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Fact]
    public async Task Sqlite_0006_KeepsExistingNotifications_AndAcceptsTheNewKinds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = new SqliteConnection($"Data Source={_path};Foreign Keys=False");
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);");
        foreach (var migration in DatabaseMigrator.Migrations(DatabaseProvider.Sqlite).Where(m => m.Version < 6))
        {
            await ExecuteAsync(connection, migration.Sql);
            await ExecuteAsync(connection, $"INSERT INTO schema_migrations (version, name) VALUES ({migration.Version}, '{migration.Name}');");
        }

        await ExecuteAsync(connection, "INSERT INTO notification (notification_id, recipient_id, kind, appointment_id, mother_id, created_at, text) VALUES (41, 2, 'InvitationDeclined', 7, 7, '2030-01-01 10:00:00', 'kept');");
        await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(connection, "INSERT INTO notification (recipient_id, kind, appointment_id, mother_id, created_at, text) VALUES (2, 'Assigned', 7, 7, '2030-01-01 10:00:00', 'x');"));

        var applied = await DatabaseMigrator.MigrateAsync(connection, DatabaseProvider.Sqlite, ct);

        Assert.Contains(applied, m => m.Version == 6);
        await ExecuteAsync(connection, "INSERT INTO notification (recipient_id, kind, appointment_id, mother_id, created_at, text) VALUES (2, 'Assigned', 7, 7, '2030-01-01 10:00:00', 'a'), (2, 'OrganizerChanged', 7, 7, '2030-01-01 10:00:00', 'o');");
        await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(connection, "INSERT INTO notification (recipient_id, kind, appointment_id, mother_id, created_at, text) VALUES (2, 'Bogus', 7, 7, '2030-01-01 10:00:00', 'x');"));
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT notification_id || ':' || kind || ':' || text FROM notification ORDER BY notification_id";
        var rows = new List<string>();
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["41:InvitationDeclined:kept", "42:Assigned:a", "43:OrganizerChanged:o"], rows); // ids continue after the kept row
        await using var indexes = connection.CreateCommand();
        indexes.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'notification' AND name LIKE 'ix_notification_%'";
        Assert.Equal(2L, (long)(await indexes.ExecuteScalarAsync(ct))!);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
