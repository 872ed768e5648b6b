using System.Globalization;
using System.Net;
using Convene.Cli;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Cli;

public sealed class MeetingCommandTests(ConveneApp app) : IClassFixture<ConveneApp>, IDisposable
{
    private readonly CliRunner _frode = new();
    private readonly CliRunner _ingrid = new();
    private readonly CliRunner _kari = new();

    public void Dispose()
    {
        _frode.Dispose();
        _ingrid.Dispose();
        _kari.Dispose();
    }

    [Fact]
    public async Task Invite_WithColleagueRoomAndPerson_PrintsMeetingIdAndParticipantStatuses()
    {
        await LoginAsync(_frode, "frode");
        var (start, end) = app.NextSlot();

        var result = (await _frode.RunAsync(
            "invite", "--title", "Herring forecast", "--start", start.Iso(), "--end", end.Iso(),
            "--with", "ingrid", "--with", "room fjord", "--person", "Frantz Olsen", "--location", "Fjord")).Succeeded();

        Assert.Matches(@"^Created meeting \d+: Herring forecast", result.Stdout);
        Assert.Contains(Output(start) + " - " + Output(end), result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"Ingrid.*\s+NotSeen", result.Stdout);
        Assert.Matches(@"Resource\s+Room Fjord\s+Accepted", result.Stdout);
        Assert.Matches(@"Person\s+Frantz Olsen\s+Accepted", result.Stdout);
    }

    [Fact]
    public async Task HowTo_CreateAndAcceptInvitation_RunsAsDocumented()
    {
        // docs/howto.md (d), against the test server instead of localhost:5080.
        var server = app.BaseAddress.ToString();
        (await _frode.RunAsync("login", "--server", server, "--user", "frode", "--password", "demo")).Succeeded();
        (await _frode.RunAsync(
            "invite", "--title", "Budget review", "--start", "2030-06-03T10:00:00+02:00", "--end", "2030-06-03T11:00:00+02:00",
            "--with", "ingrid", "--with", "Room Fjord", "--person", "Frantz Olsen")).Succeeded();

        (await _ingrid.RunAsync("login", "--server", server, "--user", "ingrid", "--password", "demo")).Succeeded();
        var listed = (await _ingrid.RunAsync("invitations")).Succeeded().Stdout;
        var id = System.Text.RegularExpressions.Regex.Match(listed, @"(?m)^(\d+)\s+2030-06-03T08:00:00Z\s+.*Budget review").Groups[1].Value;
        var accepted = (await _ingrid.RunAsync("accept", id)).Succeeded();

        Assert.Matches(@"Associate\s+Ingrid Solberg\s+Accepted", accepted.Stdout);
        Assert.Matches(@"Resource\s+Room Fjord\s+Accepted", accepted.Stdout);
        Assert.Matches(@"Person\s+Frantz Olsen\s+Accepted", accepted.Stdout);
    }

    [Fact]
    public async Task Invite_WithJson_PrintsTheServersAppointment()
    {
        await LoginAsync(_frode, "frode");
        var (start, end) = app.NextSlot();

        var json = (await _frode.RunAsync(
            "invite", "--json", "--title", "Json meeting", "--start", start.Iso(), "--end", end.Iso(),
            "--with", Id(await app.IdAsync("ingrid")), "--person", Id(await app.IdAsync("Liv Berg")), "--private",
            "--lead-time", "PT20M", "--lag-time", "PT1H")).Json;

        Assert.True(json.GetProperty("id").GetInt32() > 0);
        Assert.Equal("Json meeting", json.GetProperty("title").GetString());
        Assert.True(json.GetProperty("private").GetBoolean());
        Assert.Equal("PT20M", json.GetProperty("leadTime").GetString());
        Assert.Equal("PT60M", json.GetProperty("lagTime").GetString());
        Assert.Equal(start.UtcDateTime, json.GetProperty("start").GetDateTime());
        Assert.Equal("NotSeen", json.Participant(associateId: await app.IdAsync("ingrid")).GetProperty("status").GetString());
        Assert.Equal("Accepted", json.Participant(personId: await app.IdAsync("Liv Berg")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Invitations_AsInvitee_ListsTheNewMeeting()
    {
        var (id, _) = await InviteIngridAsync("Listed meeting");

        var result = (await _ingrid.RunAsync("invitations")).Succeeded();

        Assert.Matches($@"(?m)^{id}\s+.*NotSeen\s+Frode.*Listed meeting", result.Stdout);
    }

    [Fact]
    public async Task Invitations_WithJson_IsAnArrayOfTheServersInvitations()
    {
        var (id, _) = await InviteIngridAsync("Json invitation");

        var json = (await _ingrid.RunAsync("invitations", "--json")).Json;

        var invitation = json.EnumerateArray().Single(i => i.GetProperty("appointmentId").GetInt32() == id);
        Assert.Equal("Json invitation", invitation.GetProperty("title").GetString());
        Assert.Equal("NotSeen", invitation.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Seen_AsInvitee_PrintsSeenStatus()
    {
        var (id, _) = await InviteIngridAsync("Seen meeting");

        var result = (await _ingrid.RunAsync("seen", Id(id))).Succeeded();

        Assert.StartsWith($"Seen meeting {id}", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"Associate\s+Ingrid.*\s+Seen", result.Stdout);
    }

    [Fact]
    public async Task Accept_AsInvitee_PrintsAcceptedAndExitsZero()
    {
        var (id, _) = await InviteIngridAsync("Accepted meeting");
        (await _ingrid.RunAsync("seen", Id(id))).Succeeded();

        var result = (await _ingrid.RunAsync("accept", Id(id))).Succeeded();

        Assert.StartsWith($"Accepted meeting {id}: Accepted meeting", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"Associate\s+Ingrid.*\s+Accepted", result.Stdout);
        Assert.DoesNotContain($"{id}  ", (await _ingrid.RunAsync("invitations")).Succeeded().Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diary_OfAnAssociateByUserName_ShowsTheAcceptedMeeting()
    {
        var (id, slot) = await InviteIngridAsync("Diary meeting");
        (await _ingrid.RunAsync("accept", Id(id))).Succeeded();

        var result = (await _frode.RunAsync("diary", "--associate", "ingrid", "--from", slot.Start.Iso(), "--to", slot.End.Iso())).Succeeded();

        Assert.Matches($@"(?m)^{Output(slot.Start)}\s+{Output(slot.End)}\s+{id}\s+Accepted\s+Diary meeting", result.Stdout);
        var json = (await _frode.RunAsync("diary", "--json", "--associate", "ingrid", "--from", slot.Start.Iso(), "--to", slot.End.Iso())).Json;
        Assert.Equal(await app.IdAsync("ingrid"), json.EnumerateArray().Single().GetProperty("associateId").GetInt32());
    }

    [Fact]
    public async Task Decline_WithReason_RecordsReasonAndNotifiesOwner()
    {
        var (id, _) = await InviteIngridAsync("Declined meeting");

        var result = (await _ingrid.RunAsync("decline", Id(id), "--reason", "At sea that week")).Succeeded();

        Assert.StartsWith($"Declined meeting {id}", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"Ingrid.*\s+Declined\s+reason: At sea that week", result.Stdout);
        var shown = (await _frode.RunAsync("show", Id(id), "--json")).Json;
        Assert.Equal(1, shown.GetProperty("rejectCounter").GetInt32());
        Assert.Equal("At sea that week", shown.Participant(associateId: await app.IdAsync("ingrid")).GetProperty("rejectReason").GetString());
        var notifications = (await _frode.RunAsync("notifications", "--json")).Json;
        Assert.Contains(notifications.EnumerateArray(), n => n.GetProperty("kind").GetString() == "InvitationDeclined" && n.GetProperty("appointmentId").GetInt32() == id);
        var declined = (await _ingrid.RunAsync("invitations", "--include", "declined")).Succeeded();
        Assert.Contains("reason: At sea that week", declined.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_SomeoneElsesMeeting_ExitsForbiddenOrNotFoundAsTheServerAnswers()
    {
        var (id, _) = await InviteIngridAsync("Not for kari");
        await LoginAsync(_kari, "kari");

        var result = await _kari.RunAsync("accept", Id(id));

        Assert.Contains(result.ExitCode, new[] { ExitCodes.Forbidden, ExitCodes.NotFound });
        Assert.Matches(@"^error: .+ \((invitation\.not_invited|appointment\.not_found)\)", result.Stderr);
    }

    [Fact]
    public async Task Cancel_ByInvitee_ExitsFour()
    {
        var (id, _) = await InviteIngridAsync("Only frode cancels");

        (await _ingrid.RunAsync("cancel", Id(id))).Failed(ExitCodes.Forbidden, "appointment.not_owner");
    }

    [Fact]
    public async Task Accept_AfterOwnerCancelled_ExitsSixAndCancelIsShown()
    {
        var (id, _) = await InviteIngridAsync("Cancelled meeting");
        (await _ingrid.RunAsync("seen", Id(id))).Succeeded();

        var cancelled = (await _frode.RunAsync("cancel", Id(id))).Succeeded();

        Assert.Contains("(cancelled)", cancelled.Stdout, StringComparison.Ordinal);
        var result = await _ingrid.RunAsync("accept", Id(id));
        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownMeeting_ExitsFive()
    {
        await LoginAsync(_frode, "frode");

        (await _frode.RunAsync("show", "999999")).Failed(ExitCodes.NotFound, "appointment.not_found");
    }

    [Fact]
    public async Task Invite_WithUnknownName_ExitsTwoAndCreatesNothing()
    {
        await LoginAsync(_frode, "frode");
        var (start, end) = app.NextSlot();

        var result = await _frode.RunAsync("invite", "--title", "Ghost meeting", "--start", start.Iso(), "--end", end.Iso(), "--with", "ingrid", "--with", "nobody-here");

        result.Failed(ExitCodes.Usage, "cli.unknown_name");
        Assert.Contains("nobody-here", result.Stderr, StringComparison.Ordinal);
        using var client = await app.ClientForAsync("frode");
        var diary = await (await client.GetAsync(
            $"/api/v1/diary?from={Output(start)}&to={Output(end)}", TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, diary.GetArrayLength());
    }

    [Fact]
    public async Task Invite_WithUnknownPerson_ExitsTwo()
    {
        await LoginAsync(_frode, "frode");
        var (start, end) = app.NextSlot();

        var result = await _frode.RunAsync("invite", "--title", "T", "--start", start.Iso(), "--end", end.Iso(), "--person", "Nobody Atall");

        result.Failed(ExitCodes.Usage, "cli.unknown_name");
    }

    [Fact]
    public async Task Invite_EndBeforeStart_ExitsTwoWithTheServersCode()
    {
        await LoginAsync(_frode, "frode");
        var (start, end) = app.NextSlot();

        var result = await _frode.RunAsync("invite", "--title", "Backwards", "--start", end.Iso(), "--end", start.Iso());

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Matches(@"^error: .+ \(appointment\.[a-z_]+\)", result.Stderr);
    }

    [Fact]
    public async Task Invite_WithTimeWithoutOffset_IsAUsageError()
    {
        await LoginAsync(_frode, "frode");

        var result = await _frode.RunAsync("invite", "--title", "T", "--start", "2030-01-01T10:00:00", "--end", "2030-01-01T11:00:00Z");

        result.Failed(ExitCodes.Usage, "usage");
        Assert.Contains("--start", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assign_ToKari_WhoAccepts_MakesHerTheOwner()
    {
        var (id, _) = await InviteIngridAsync("Handed to kari");
        await LoginAsync(_kari, "kari");

        var assigned = (await _frode.RunAsync("assign", Id(id), "--to", "kari", "--note", "Your customer")).Succeeded();
        Assert.Matches(@"^Assigned meeting \d+: Handed to kari", assigned.Stdout);
        Assert.Matches(@"Owner\s+Kari Lunde\s+Assigned", assigned.Stdout);
        Assert.Matches(@"Handed to kari", (await _kari.RunAsync("invitations")).Succeeded().Stdout);

        var accepted = (await _kari.RunAsync("accept", Id(id))).Succeeded();
        Assert.Matches(@"Owner:\s+Kari Lunde", accepted.Stdout);
        Assert.NotEqual(0, (await _frode.RunAsync("assign", Id(id), "--to", "ingrid")).ExitCode);
    }

    private async Task LoginAsync(CliRunner cli, string user)
    {
        if (!File.Exists(cli.ConfigPath))
        {
            (await cli.RunAsync("login", "--server", app.BaseAddress.ToString(), "--user", user, "--password", "demo")).Succeeded();
        }
    }

    /// <summary>frode invites ingrid in a slot of its own; both are logged in.</summary>
    private async Task<(int Id, (DateTimeOffset Start, DateTimeOffset End) Slot)> InviteIngridAsync(string title)
    {
        await LoginAsync(_frode, "frode");
        await LoginAsync(_ingrid, "ingrid");
        var slot = app.NextSlot();
        var json = (await _frode.RunAsync("invite", "--json", "--title", title, "--start", slot.Start.Iso(), "--end", slot.End.Iso(), "--with", "Ingrid")).Json;
        return (json.GetProperty("id").GetInt32(), slot);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Output(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>Issue 7 from the command line: a repeating meeting, answered for the whole series and for one date.</summary>
public sealed class SeriesCommandTests(ConveneApp app) : IClassFixture<ConveneApp>, IDisposable
{
    private readonly CliRunner _frode = new();
    private readonly CliRunner _ingrid = new();

    public void Dispose()
    {
        _frode.Dispose();
        _ingrid.Dispose();
    }

    [Fact]
    public async Task Invite_WithRecurrence_ThenAcceptTheSeries_AndDeclineOneDate()
    {
        var server = app.BaseAddress.ToString();
        (await _frode.RunAsync("login", "--server", server, "--user", "frode", "--password", "demo")).Succeeded();
        (await _ingrid.RunAsync("login", "--server", server, "--user", "ingrid", "--password", "demo")).Succeeded();
        var created = (await _frode.RunAsync(
            "invite", "--title", "CLI weekly", "--start", "2037-01-05T09:00:00+01:00", "--end", "2037-01-05T10:00:00+01:00",
            "--with", "ingrid", "--recurrence", "RRULE:FREQ=WEEKLY;COUNT=3", "--time-zone", "Europe/Oslo", "--json")).Succeeded();
        using var json = System.Text.Json.JsonDocument.Parse(created.Stdout);
        Assert.Equal("Europe/Oslo", json.RootElement.GetProperty("timeZone").GetString());
        var ids = json.RootElement.GetProperty("occurrences").EnumerateArray().Select(o => o.GetProperty("appointmentId").GetInt32().ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, ids.Count);

        (await _ingrid.RunAsync("accept", ids[0], "--scope", "series")).Succeeded();
        var declined = (await _ingrid.RunAsync("decline", ids[0], "--scope", "this", "--occurrence", "2037-01-12T08:00:00Z", "--reason", "Away")).Succeeded();
        Assert.Matches(@"Declined meeting " + ids[1], declined.Stdout);
        Assert.Matches(@"Ingrid Solberg\s+Declined", declined.Stdout);
        Assert.Matches(@"Ingrid Solberg\s+Accepted", (await _ingrid.RunAsync("show", ids[2])).Succeeded().Stdout);
        (await _ingrid.RunAsync("accept", ids[0], "--scope", "sometimes")).Failed(ExitCodes.Usage, "recurrence.invalid_scope");
    }
}
