using Convene.Cli;
using Convene.IntegrationTests.Cli;
using Convene.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Convene.IntegrationTests.Reliability;

/// <summary>
/// <c>convene db backup</c>: an online copy of the live SQLite database while the server runs, restored into a
/// fresh file that holds every meeting and passes <c>db check</c>. PostgreSQL is backed up with pg_dump instead
/// (docs/reliability.md), which the command says.
/// </summary>
public sealed class BackupTests(ConveneApp app) : ApiTestBase(app), IClassFixture<ConveneApp>, IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Backup_OfTheLiveDatabase_RestoresEveryMeeting()
    {
        var meetings = await MeetingFlows.RunAsync(App);
        var titles = new Dictionary<long, string>();
        foreach (var id in meetings)
        {
            titles[id] = await TitleAsync(App.ConnectionString, id) ?? throw new InvalidOperationException($"meeting {id} is not stored");
        }

        var backup = Path.Combine(_cli.Folder, "backups", "convene-backup.db");
        var result = (await _cli.RunAsync("db", "backup", "--to", backup, "--connection", App.ConnectionString, "--json")).Json;
        Assert.True(result.GetProperty("bytes").GetInt64() > 0);
        Assert.False(File.Exists(backup + ".partial"));

        // Restore: the backup file becomes a database of its own (what an operator does after losing the original).
        var restored = Path.Combine(_cli.Folder, "restored", "convene.db");
        Directory.CreateDirectory(Path.GetDirectoryName(restored)!);
        File.Copy(backup, restored);
        var connection = $"Data Source={restored}";
        var migrated = (await _cli.RunAsync("db", "migrate", "--connection", connection, "--json")).Json;
        Assert.Equal(0, migrated.GetProperty("applied").GetArrayLength()); // the copy is at the newest schema
        var check = await _cli.RunAsync("db", "check", "--connection", connection, "--json");
        Assert.True(check.ExitCode == ExitCodes.Ok, check.Stdout + check.Stderr);
        foreach (var (id, title) in titles)
        {
            Assert.Equal(title, await TitleAsync(connection, id));
        }

        Assert.Equal(await CountAsync(App.ConnectionString), await CountAsync(connection));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Backup_WithoutADatabase_FailsWithNotFound()
    {
        var missing = Path.Combine(_cli.Folder, "none.db");

        (await _cli.RunAsync("db", "backup", "--to", Path.Combine(_cli.Folder, "b.db"), "--connection", $"Data Source={missing}")).Failed(ExitCodes.NotFound, "db.not_found");

        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task Backup_OnPostgres_PointsToPgDump()
    {
        (await _cli.RunAsync("db", "backup", "--to", Path.Combine(_cli.Folder, "b.db"), "--provider", "postgres", "--connection", "Host=127.0.0.1;Port=1;Database=none;Timeout=1"))
            .Failed(ExitCodes.Usage, "db.backup_unsupported");
    }

    private static async Task<string?> TitleAsync(string connectionString, long id)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT title FROM appointment WHERE appointment_id = $id AND mother_id = appointment_id";
        command.Parameters.AddWithValue("$id", id);
        return (string?)await command.ExecuteScalarAsync();
    }

    private static async Task<long> CountAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM appointment";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
