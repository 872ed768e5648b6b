using System.Data.Common;
using System.Text.Json;
using Convene.Cli;
using Convene.IntegrationTests.Cli;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Reliability;

/// <summary>
/// <c>convene db check</c> on a database the API wrote, then corrupted on purpose with raw SQL: each corruption is
/// reported under its invariant with the row, the exit code says so, and undoing it makes the database clean again.
/// The tests of one class run one after another, so a corruption is never seen by another test of the class.
/// </summary>
public abstract class DbCheckTests(ConveneApp app) : ApiTestBase(app), IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose()
    {
        _cli.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task AfterTheApiFlows_TheDatabaseIsClean()
    {
        await MeetingFlows.RunAsync(App);

        var result = await App.CheckAsync(_cli);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stdout + result.Stderr);
        var json = result.Json;
        Assert.True(json.GetProperty("clean").GetBoolean());
        Assert.Equal(7, json.GetProperty("invariants").GetArrayLength());
    }

    [Fact]
    public async Task HumanOutput_NamesTheBrokenInvariantAndTheRow()
    {
        var (id, rows) = await MeetingAsync();
        var child = rows.First(r => r.AppointmentId != id);

        var result = await CorruptedAsync(
            $"UPDATE appointment SET status = 0 WHERE appointment_id = {child.AppointmentId}",
            $"UPDATE appointment SET status = {child.Status} WHERE appointment_id = {child.AppointmentId}",
            () => _cli.RunAsync("db", "check", "--provider", App.Provider.ToString().ToLowerInvariant(), "--connection", App.ConnectionString));

        Assert.Equal(ExitCodes.IntegrityViolated, result.ExitCode);
        Assert.Contains("FAIL status.invalid", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"appointment {child.AppointmentId}: status 0", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("violates its invariants", result.Stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string> Corruptions => ["child.master_missing", "child.text_differs", "cancelled.text_differs", "status.invalid", "type.invalid", "type.mismatch", "notification.orphaned", "reject_counter.mismatch"];

    [Theory]
    [MemberData(nameof(Corruptions))]
    public async Task Corruption_IsReportedUnderItsInvariant(string corruption)
    {
        var (id, rows) = await MeetingAsync();
        var (ingridId, kariId, adminId, frodeId) = (await App.IdAsync("ingrid"), await App.IdAsync("kari"), await App.IdAsync("admin"), await App.IdAsync("frode"));
        var ingrid = rows.Single(r => r.AssociateId == ingridId);
        var kari = rows.Single(r => r.AssociateId == kariId);
        (string Code, long Target, string Corrupt, string Undo) plan = corruption switch
        {
            "child.master_missing" => ("child.master_missing", ingrid.AppointmentId,
                $"UPDATE appointment SET mother_id = 999999 WHERE appointment_id = {ingrid.AppointmentId}",
                $"UPDATE appointment SET mother_id = {id} WHERE appointment_id = {ingrid.AppointmentId}"),
            "child.text_differs" => ("child.text_differs", ingrid.AppointmentId,
                PlantedText(ingrid.AppointmentId),
                $"UPDATE appointment SET text_id = {ingrid.TextId} WHERE appointment_id = {ingrid.AppointmentId}"),
            "cancelled.text_differs" => await CancelledAsync(id, ingrid),
            "status.invalid" => ("status.invalid", kari.AppointmentId,
                $"UPDATE appointment SET status = 0 WHERE appointment_id = {kari.AppointmentId}",
                $"UPDATE appointment SET status = {kari.Status} WHERE appointment_id = {kari.AppointmentId}"),
            "type.invalid" => ("type.invalid", kari.AppointmentId,
                $"UPDATE appointment SET type = 3 WHERE appointment_id = {kari.AppointmentId}",
                $"UPDATE appointment SET type = {kari.Type} WHERE appointment_id = {kari.AppointmentId}"),
            "type.mismatch" => ("type.mismatch", ingrid.AppointmentId, // accepted (1) but still typed as an invitation (6)
                $"UPDATE appointment SET type = 6 WHERE appointment_id = {ingrid.AppointmentId}",
                $"UPDATE appointment SET type = {ingrid.Type} WHERE appointment_id = {ingrid.AppointmentId}"),
            "notification.orphaned" => ("notification.orphaned", id, // the owner's "declined" notice moved to someone else
                $"UPDATE notification SET recipient_id = {adminId} WHERE appointment_id = {id}",
                $"UPDATE notification SET recipient_id = {frodeId} WHERE appointment_id = {id}"),
            "reject_counter.mismatch" => ("reject_counter.mismatch", id,
                $"UPDATE appointment SET reject_counter = reject_counter + 1 WHERE appointment_id = {id}",
                $"UPDATE appointment SET reject_counter = reject_counter - 1 WHERE appointment_id = {id}"),
            _ => throw new ArgumentOutOfRangeException(nameof(corruption)),
        };
        var (code, target, corrupt, undo) = plan;
        Assert.True((await App.CheckAsync(_cli)).ExitCode == ExitCodes.Ok, "clean before the corruption");

        var result = await CorruptedAsync(corrupt, undo, () => App.CheckAsync(_cli));

        Assert.Equal(ExitCodes.IntegrityViolated, result.ExitCode);
        Assert.Contains(code, result.Broken());
        var invariant = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("invariants").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);
        Assert.Contains(invariant.GetProperty("samples").EnumerateArray(), s => s.GetString()!.Contains($" {target}", StringComparison.Ordinal));
        Assert.False(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("clean").GetBoolean());
        var after = await App.CheckAsync(_cli);
        Assert.True(after.ExitCode == ExitCodes.Ok, "clean after undoing it: " + after.Stdout);
    }

    // Another text for the row: a planted one, so the corruption does not depend on which tests ran before (with
    // one meeting in the database there is no other text to point at).
    private static string PlantedText(long rowId) =>
        $"INSERT INTO text (text) VALUES ('planted'); UPDATE appointment SET text_id = (SELECT MAX(text_id) FROM text) WHERE appointment_id = {rowId}";

    // The meeting cancelled after both invitees saw it: their status-10 rows may outlive the master (exempt), but must
    // still share one text.
    private async Task<(string, long, string, string)> CancelledAsync(int id, StoredRow ingrid)
    {
        using var frode = await App.ClientForAsync("frode");
        using (var cancel = await frode.PostJsonAsync($"/api/v1/appointments/{id}/cancel"))
        {
            Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync());
        }

        Assert.All(await App.RowsOfMeetingAsync(id), r => Assert.Equal(10L, r.Status));
        return ("child.text_differs", id,
            PlantedText(ingrid.AppointmentId),
            $"UPDATE appointment SET text_id = {ingrid.TextId} WHERE appointment_id = {ingrid.AppointmentId}");
    }

    // A meeting where ingrid accepted (1) and kari declined (9): every kind of row and a decline notification.
    private async Task<(int Id, List<StoredRow> Rows)> MeetingAsync()
    {
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        using var kari = await App.ClientForAsync("kari");
        var slot = App.NextSlot();
        var created = await (await frode.PostJsonAsync("/api/v1/appointments", new
        {
            title = "Checked",
            start = slot.Start.Iso(),
            end = slot.End.Iso(),
            participants = new object[] { new { associateId = await App.IdAsync("ingrid") }, new { associateId = await App.IdAsync("kari") }, new { personId = await App.IdAsync("Frantz Olsen") } },
        })).JsonAsync(System.Net.HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/accept")).EnsureSuccessStatusCode();
        (await kari.PostJsonAsync($"/api/v1/appointments/{id}/decline")).EnsureSuccessStatusCode();
        return (id, await App.RowsOfMeetingAsync(id));
    }

    private async Task<CliResult> CorruptedAsync(string corrupt, string undo, Func<Task<CliResult>> check)
    {
        await ExecuteAsync(corrupt);
        try
        {
            return await check();
        }
        finally
        {
            await ExecuteAsync(undo);
        }
    }

    // Raw SQL of the test's own making (ids it read itself): what a careless raw-SQL user could do.
    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await App.OpenConnectionAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(await command.ExecuteNonQueryAsync() > 0, $"changed nothing: {sql}");
    }
}

public sealed class DbCheckTests_Sqlite(ConveneApp app) : DbCheckTests(app), IClassFixture<ConveneApp>;

public sealed class DbCheckTests_Postgres(PostgresConveneApp app) : DbCheckTests(app), IClassFixture<PostgresConveneApp>;
