using System.Data.Common;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Convene.IntegrationTests.HowTo;
using Convene.IntegrationTests.Infrastructure;
using Convene.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Convene.IntegrationTests.Sql;

/// <summary>
/// Runs the SQL of docs/sql.md, exactly as the page shows it, against the running server's database (SQLite and
/// PostgreSQL), and checks through the HTTP API that the server reads the rows as the page says.
/// </summary>
public abstract partial class RawSqlHowToTests(ConveneApp app) : ApiTestBase(app)
{
    private const string Week = "from=2030-06-02T22:00:00Z&to=2030-06-09T22:00:00Z";
    private static readonly string SqlDoc = Docs.Read("docs/sql.md");

    [Fact]
    public async Task CreateAndAcceptInvitation_WithTheDocumentedSql_AreReadByTheServer()
    {
        var ct = TestContext.Current.CancellationToken;
        var frode = await App.IdAsync("frode");
        var ingrid = await App.IdAsync("ingrid");
        var room = await App.IdAsync("Room Fjord");
        var frantz = await App.IdAsync("Frantz Olsen");
        var nordicFisk = await App.IdAsync("Nordic Fisk AS");
        using var asFrode = await App.ClientForAsync("frode");
        using var asIngrid = await App.ClientForAsync("ingrid");

        await ExecuteAsync(App.Provider == DatabaseProvider.Postgres ? "create-invitation:postgres" : "create-invitation:sqlite", ct);

        // The documented open-invitations query finds the new meeting for Ingrid, and gives its id.
        var open = await QueryAsync("open-invitations", ct);
        var invitation = Assert.Single(open);
        var meetingId = Convert.ToInt32(invitation["meeting_id"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(5L, invitation["status"]);
        Assert.Equal("Budget review", invitation["title"]);
        Assert.Equal("Frode Nilsen", invitation["organiser"]);

        // The four rows, as the invariants demand.
        var rows = await QueryAsync(
            "SELECT appointment_id, associate_id, mother_id, mother_associate_id, text_id, invited_person_id, type, status, version, do_by, end_date, contact_id, person_id FROM appointment WHERE mother_id = @meeting_id ORDER BY appointment_id",
            new() { ["meeting_id"] = meetingId },
            ct);
        Assert.Equal(4, rows.Count);
        Assert.Single(rows.Select(r => r["text_id"]).Distinct());
        Assert.All(rows, r =>
        {
            Assert.Equal((long)frode, r["mother_associate_id"]);
            Assert.Equal(0L, r["version"]);
            Assert.Equal("2030-06-03 08:00:00", r["do_by"]);
            Assert.Equal("2030-06-03 09:00:00", r["end_date"]);
            Assert.Equal((long)nordicFisk, r["contact_id"]);
            Assert.Equal((long)frantz, r["person_id"]);
        });
        var master = Assert.Single(rows, r => Equals(r["appointment_id"], r["mother_id"]));
        Assert.Equal(((long)frode, 1L, 1L), ((long)master["associate_id"]!, (long)master["type"]!, (long)master["status"]!));
        var ingridRow = Assert.Single(rows, r => (long)r["associate_id"]! == ingrid);
        Assert.Equal((6L, 5L), ((long)ingridRow["type"]!, (long)ingridRow["status"]!));
        var frantzRow = Assert.Single(rows, r => (long)r["associate_id"]! == 0);
        Assert.Equal(((long)frantz, 1L, 1L), ((long)frantzRow["invited_person_id"]!, (long)frantzRow["type"]!, (long)frantzRow["status"]!));
        var roomRow = Assert.Single(rows, r => (long)r["associate_id"]! == room);
        Assert.Equal((0L, 1L, 1L), ((long)roomRow["invited_person_id"]!, (long)roomRow["type"]!, (long)roomRow["status"]!));

        // The server reads it as one meeting with four participants, by the master's id or by any row's id.
        var meeting = await (await asFrode.GetAsync($"/api/v1/appointments/{meetingId}", ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(meetingId, meeting.GetProperty("id").GetInt32());
        Assert.Equal(frode, meeting.GetProperty("ownerId").GetInt32());
        Assert.Equal("Budget review", meeting.GetProperty("title").GetString());
        Assert.Equal("Figures for 2031, department by department.", meeting.GetProperty("description").GetString());
        Assert.Equal("Room Fjord", meeting.GetProperty("location").GetString());
        Assert.Equal("2030-06-03T08:00:00Z", meeting.GetProperty("start").GetString());
        Assert.Equal("2030-06-03T09:00:00Z", meeting.GetProperty("end").GetString());
        Assert.Equal(nordicFisk, meeting.GetProperty("contactId").GetInt32());
        Assert.Equal(frantz, meeting.GetProperty("personId").GetInt32());
        Assert.Equal(0, meeting.GetProperty("rejectCounter").GetInt32());
        Assert.Equal(4, meeting.GetProperty("participants").GetArrayLength());
        AssertParticipant(meeting.Participant(associateId: frode), "Owner", "Owner", 1);
        AssertParticipant(meeting.Participant(associateId: ingrid), "Associate", "NotSeen", 5);
        AssertParticipant(meeting.Participant(associateId: room), "Resource", "Accepted", 1);
        AssertParticipant(meeting.Participant(personId: frantz), "Person", "Accepted", 1);
        Assert.Equal((long)ingridRow["appointment_id"]!, meeting.Participant(associateId: ingrid).GetProperty("rowId").GetInt32());
        var byChild = await (await asIngrid.GetAsync($"/api/v1/appointments/{ingridRow["appointment_id"]}", ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(meetingId, byChild.GetProperty("id").GetInt32());

        // Ingrid's invitations and notifications list it; it is not yet in her diary.
        var invitations = await (await asIngrid.GetAsync("/api/v1/invitations", ct)).JsonAsync(HttpStatusCode.OK);
        var listed = Assert.Single(invitations.EnumerateArray(), i => i.GetProperty("appointmentId").GetInt32() == meetingId);
        Assert.Equal("NotSeen", listed.GetProperty("status").GetString());
        Assert.Equal("Frode Nilsen", listed.GetProperty("ownerName").GetString());
        var notifications = await (await asIngrid.GetAsync("/api/v1/notifications", ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Single(notifications.EnumerateArray(), n => n.GetProperty("appointmentId").GetInt32() == meetingId && n.GetProperty("kind").GetString() == "NewMeeting");
        Assert.DoesNotContain(await DiaryMeetingIdsAsync(asIngrid, ct), id => id == meetingId);

        // The external person's company sees it among its activities.
        var activities = await (await asFrode.GetAsync($"/api/v1/contacts/{nordicFisk}/activities", ct)).JsonAsync(HttpStatusCode.OK);
        var activity = Assert.Single(activities.EnumerateArray(), a => a.GetProperty("appointmentId").GetInt32() == meetingId);
        Assert.Contains(activity.GetProperty("persons").EnumerateArray(), p => p.GetProperty("personId").GetInt32() == frantz);

        // Accept by SQL: Ingrid's participant is accepted, the meeting is in her diary, the invitation is answered.
        var parameters = new Dictionary<string, object> { ["meeting_id"] = meetingId };
        await ExecuteAsync("accept-invitation", ct, parameters);
        var accepted = await (await asFrode.GetAsync($"/api/v1/appointments/{meetingId}", ct)).JsonAsync(HttpStatusCode.OK);
        AssertParticipant(accepted.Participant(associateId: ingrid), "Associate", "Accepted", 1);
        Assert.Contains(await DiaryMeetingIdsAsync(asIngrid, ct), id => id == meetingId);
        invitations = await (await asIngrid.GetAsync("/api/v1/invitations", ct)).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(invitations.EnumerateArray(), i => i.GetProperty("appointmentId").GetInt32() == meetingId);
        notifications = await (await asIngrid.GetAsync("/api/v1/notifications", ct)).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(notifications.EnumerateArray(), n => n.GetProperty("appointmentId").GetInt32() == meetingId);
        var acceptedRow = Assert.Single(await QueryAsync(
            "SELECT type, status, version, updated_associate_id FROM appointment WHERE appointment_id = @row_id",
            new() { ["row_id"] = ingridRow["appointment_id"]! },
            ct));
        Assert.Equal((1L, 1L, 1L, (long)ingrid), ((long)acceptedRow["type"]!, (long)acceptedRow["status"]!, (long)acceptedRow["version"]!, (long)acceptedRow["updated_associate_id"]!));
        Assert.Empty(await QueryAsync("open-invitations", ct));
        var diary = Assert.Single(await QueryAsync("diary-week", ct, new() { ["from"] = Time("2030-06-02 22:00:00"), ["to"] = Time("2030-06-09 22:00:00") }));
        Assert.Equal((long)meetingId, diary["meeting_id"]);

        // The status guard: accepting again changes nothing, not even the version.
        await ExecuteAsync("accept-invitation", ct, parameters);
        var again = Assert.Single(await QueryAsync("SELECT version FROM appointment WHERE appointment_id = @row_id", new() { ["row_id"] = ingridRow["appointment_id"]! }, ct));
        Assert.Equal(1L, again["version"]);

        // The server goes on working on the rows: Ingrid declines through the API, the declines query shows it.
        using var decline = await asIngrid.PostJsonAsync($"/api/v1/appointments/{meetingId}/decline", new { reason = "Budget is Kari's" });
        var declined = await decline.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, declined.GetProperty("rejectCounter").GetInt32());
        var declines = Assert.Single(await QueryAsync("declines", ct, parameters));
        Assert.Equal(("Ingrid Solberg", "Budget is Kari's", 1L), ((string)declines["declined_by"]!, (string)declines["reject_reason"]!, (long)declines["reject_counter"]!));
        var participants = await QueryAsync("meeting-rows", ct, parameters);
        Assert.Equal(["Owner", "Associate", "Person", "Resource"], participants.Select(p => (string)p["kind"]!));
        Assert.Equal(["Frode Nilsen", "Ingrid Solberg", "Frantz Olsen", "Room Fjord"], participants.Select(p => (string)p["participant"]!));
    }

    [Fact]
    public void EveryTestedBlock_OfThePage_IsRunByThisClass()
    {
        // Blocks marked "(tested)" on the page must be among those this class runs, so the label cannot lie.
        string[] run = ["create-invitation:sqlite", "create-invitation:postgres", "accept-invitation", "open-invitations", "diary-week", "declines", "meeting-rows"];
        foreach (var name in run)
        {
            Assert.NotEmpty(Docs.Block(SqlDoc, name));
        }

        var tested = TestedMarker().Matches(SqlDoc).Select(m => m.Groups["name"].Value).ToList();
        Assert.NotEmpty(tested);
        Assert.All(tested, name => Assert.Contains(name, run));
    }

    private static void AssertParticipant(JsonElement participant, string kind, string status, int statusCode)
    {
        Assert.Equal(kind, participant.GetProperty("kind").GetString());
        Assert.Equal(status, participant.GetProperty("status").GetString());
        Assert.Equal(statusCode, participant.GetProperty("statusCode").GetInt32());
    }

    private static async Task<List<int>> DiaryMeetingIdsAsync(HttpClient client, CancellationToken ct)
    {
        var diary = await (await client.GetAsync($"/api/v1/diary?{Week}", ct)).JsonAsync(HttpStatusCode.OK);
        return diary.EnumerateArray().Select(e => e.GetProperty("appointmentId").GetInt32()).ToList();
    }

    /// <summary>A UTC time as each database takes it: text on SQLite, timestamptz on PostgreSQL.</summary>
    private object Time(string utc) => App.Provider == DatabaseProvider.Postgres
        ? DateTime.SpecifyKind(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc)
        : utc;

    private async Task ExecuteAsync(string block, CancellationToken ct, Dictionary<string, object>? parameters = null)
    {
        await using var connection = await App.OpenConnectionAsync();
        await using var command = Command(connection, Docs.Block(SqlDoc, block), parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs a documented block (by name) or a literal query and returns its rows as column → value.</summary>
    /// <remarks>Values are normalised across providers: integers as long, times as 'YYYY-MM-DD HH:MM:SS' UTC text.</remarks>
    private Task<List<Dictionary<string, object?>>> QueryAsync(string block, CancellationToken ct, Dictionary<string, object>? parameters = null) =>
        QueryAsync(Docs.Block(SqlDoc, block), parameters, ct);

    private async Task<List<Dictionary<string, object?>>> QueryAsync(string sql, Dictionary<string, object>? parameters, CancellationToken ct)
    {
        await using var connection = await App.OpenConnectionAsync();
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(ct))
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
                {
                    int n => (long)n,
                    short n => (long)n,
                    DateTime t => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    var other => other,
                };
            }

            rows.Add(row);
        }

        return rows;
    }

    private static DbCommand Command(DbConnection connection, string sql, Dictionary<string, object>? parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in Parameter().Matches(sql).Select(m => m.Groups["name"].Value).Distinct())
        {
            Assert.True(parameters?.ContainsKey(name) == true, $"The SQL uses @{name}, which the test does not bind.");
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = parameters![name];
            command.Parameters.Add(parameter);
        }

        return command;
    }

    [GeneratedRegex(@"@(?<name>[a-z_]+)")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\*\(tested\)\*\s*\n\s*\n<!-- howto:(?<name>[a-z0-9:-]+) -->")]
    private static partial Regex TestedMarker();
}

public sealed class RawSqlHowToTests_Sqlite(ConveneApp app) : RawSqlHowToTests(app), IClassFixture<ConveneApp>
{
    [Theory]
    [InlineData("status", "42")]
    [InlineData("do_by", "'2030-06-03T10:00:00Z'")]
    [InlineData("end_date", "'2030-06-03T11:00:00Z'")]
    [InlineData("do_by", "'2030-06-03 10:00:00+02:00'")]
    [InlineData("do_by", "'2030-06-03 10:00:00Z'")]
    [InlineData("do_by", "'2030-06-03 10:00:00.5 garbage'")]
    [InlineData("end_date", "'2030-06-03 11:00:00.12345678'")]
    [InlineData("updated", "'2030-06-03T10:00:00Z'")]
    [InlineData("private", "3")]
    [InlineData("free_busy", "2")]
    public async Task SchemaChecks_RejectValuesOutsideTheDocumentedCodesAndFormat(string column, string value)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = (SqliteConnection)await App.OpenConnectionAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var values = new Dictionary<string, string>
        {
            ["associate_id"] = "(SELECT associate_id FROM associate WHERE user_name = 'frode')",
            ["text_id"] = "last_insert_rowid()",
            ["do_by"] = "'2030-06-03 08:00:00'",
            ["end_date"] = "'2030-06-03 09:00:00'",
            ["type"] = "1",
            ["status"] = "1",
            ["private"] = "0",
            ["free_busy"] = "0",
        };
        string Insert() => $"INSERT INTO text (text) VALUES ('check'); INSERT INTO appointment ({string.Join(", ", values.Keys)}) VALUES ({string.Join(", ", values.Values)});";

        // The same statement with valid values passes, so the failure below is the column's check.
        await using (var valid = connection.CreateCommand())
        {
            valid.Transaction = transaction;
            valid.CommandText = Insert();
            Assert.Equal(2, await valid.ExecuteNonQueryAsync(ct));
        }

        values[column] = value;
        await using var invalid = connection.CreateCommand();
        invalid.Transaction = transaction;
        invalid.CommandText = Insert();
        var error = await Assert.ThrowsAsync<SqliteException>(() => invalid.ExecuteNonQueryAsync(ct));
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Contains("CHECK constraint failed", error.Message, StringComparison.Ordinal);
        await transaction.RollbackAsync(ct);
    }
}

public sealed class RawSqlHowToTests_Postgres(PostgresConveneApp app) : RawSqlHowToTests(app), IClassFixture<PostgresConveneApp>
{
    [Theory]
    [InlineData("status", "42")]
    [InlineData("type", "10")]
    [InlineData("private", "3")]
    [InlineData("free_busy", "2")]
    [InlineData("end_date", "'2030-06-03 07:00:00+00'")]
    public async Task SchemaChecks_RejectValuesOutsideTheDocumentedCodes(string column, string value)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = (NpgsqlConnection)await App.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var values = new Dictionary<string, string>
        {
            ["associate_id"] = "(SELECT associate_id FROM associate WHERE user_name = 'frode')",
            ["text_id"] = "(SELECT max(text_id) FROM text)",
            ["do_by"] = "'2030-06-03 08:00:00+00'",
            ["end_date"] = "'2030-06-03 09:00:00+00'",
            ["type"] = "1",
            ["status"] = "1",
            ["private"] = "0",
            ["free_busy"] = "0",
        };
        string Insert() => $"INSERT INTO text (text) VALUES ('check'); INSERT INTO appointment ({string.Join(", ", values.Keys)}) VALUES ({string.Join(", ", values.Values)});";
        await using (var valid = new NpgsqlCommand(Insert(), connection, transaction))
        {
            await valid.ExecuteNonQueryAsync(ct);
        }

        values[column] = value;
        await using var invalid = new NpgsqlCommand(Insert(), connection, transaction);
        var error = await Assert.ThrowsAsync<PostgresException>(() => invalid.ExecuteNonQueryAsync(ct));
        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        await transaction.RollbackAsync(ct);
    }
}
