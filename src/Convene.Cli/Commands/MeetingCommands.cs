using System.CommandLine;
using System.Text.Json;

namespace Convene.Cli.Commands;

/// <summary>Meetings: <c>invite</c>, <c>show</c>, <c>cancel</c>, and the invitee's <c>invitations</c>, <c>seen</c>, <c>accept</c>, <c>decline</c>.</summary>
internal static class MeetingCommands
{
    public static IEnumerable<Command> Create(CliContext cli) =>
    [
        Invite(cli),
        Invitations(cli),
        Show(cli),
        Answer(cli, "seen", "Mark an invitation as seen.", "Seen"),
        Answer(cli, "accept", "Accept an invitation.", "Accepted"),
        Decline(cli),
        Answer(cli, "cancel", "Owner: cancel a meeting.", "Cancelled"),
        Assign(cli),
        Answer(cli, "take-back", "Assigner: take a pending assignment back.", "Took back", scoped: false),
    ];

    // Issue 9: the owner assigns the meeting to a colleague, who answers with seen / accept / decline.
    private static Command Assign(CliContext cli)
    {
        var to = new Option<string>("--to") { Description = "The colleague: user name, name or id.", Required = true };
        var note = new Option<string>("--note") { Description = "A note for them (at most 254 characters)." };
        return OnMeeting(cli, "assign", "Owner: assign a meeting to a colleague; they accept (and become its owner) or decline.", "Assigned", async (api, path, parse, ct) =>
        {
            var ids = await Lookup.AssociatesAsync(api, [parse.GetValue(to)!], "--to", ct);
            return await api.PostAsync($"{path}/assign", new AssignBody(ids[0], parse.GetValue(note)), ct);
        }, to, note);
    }

    private static Command Invite(CliContext cli)
    {
        var title = new Option<string>("--title") { Description = "Title.", Required = true };
        var start = Inputs.Time("--start", "Start.", required: true);
        var end = Inputs.Time("--end", "End.", required: true);
        var with = new Option<string[]>("--with") { Description = "A colleague or resource: user name, name or id (repeatable)." };
        var person = new Option<string[]>("--person") { Description = "An external person: full name or id (repeatable)." };
        var location = new Option<string>("--location") { Description = "Where (free text)." };
        var description = new Option<string>("--description") { Description = "Description." };
        var isPrivate = new Option<bool>("--private") { Description = "Others see busy time only." };
        var free = new Option<bool>("--free") { Description = "Does not block the diaries (never a conflict)." };
        var leadTime = new Option<string>("--lead-time") { Description = "Travel time before the start, ISO 8601 (e.g. PT30M); blocks the diaries too." };
        var lagTime = new Option<string>("--lag-time") { Description = "Travel time after the end, ISO 8601 (e.g. PT45M)." };
        var recurrence = new Option<string[]>("--recurrence") { Description = "An RFC 5545 line, e.g. RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10 (repeatable: RRULE, RDATE, EXDATE): a repeating meeting." };
        var timeZone = new Option<string>("--time-zone") { Description = "The IANA zone the meeting repeats in (e.g. Europe/Oslo); default: yours." };
        var command = new Command("invite", "Book a meeting and invite colleagues, resources and external persons.")
        {
            title, start, end, with, person, location, description, isPrivate, free, leadTime, lagTime, recurrence, timeZone,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var api = await cli.ConnectAsync(parse, ct);
            var associates = await Lookup.AssociatesAsync(api, parse.GetValue(with) ?? [], "--with", ct);
            var persons = await Lookup.PersonsAsync(api, parse.GetValue(person) ?? [], "--person", ct);
            var body = new CreateAppointmentBody(
                parse.GetValue(title)!,
                parse.GetValue(description),
                parse.GetValue(location),
                parse.GetValue(start)!.Value,
                parse.GetValue(end)!.Value,
                parse.GetValue(isPrivate) ? true : null,
                parse.GetValue(free) ? true : null,
                [.. associates.Select(id => new ParticipantBody(id, null)), .. persons.Select(id => new ParticipantBody(null, id))],
                parse.GetValue(leadTime),
                parse.GetValue(lagTime),
                parse.GetValue(timeZone),
                parse.GetValue(recurrence) is { Length: > 0 } lines ? lines : null);
            WriteMeeting(cli, parse, await api.PostAsync("appointments", body, ct), "Created");
        });
        return command;
    }

    private static Command Invitations(CliContext cli)
    {
        var include = new Option<string>("--include") { Description = "Also list answered ones: declined, cancelled or declined,cancelled." };
        var command = new Command("invitations", "Your invitations that need an answer.") { include };
        command.SetAction(async (parse, ct) =>
        {
            using var api = await cli.ConnectAsync(parse, ct);
            var query = parse.GetValue(include) is { } value ? "?include=" + Uri.EscapeDataString(value) : "";
            cli.OutputFor(parse).WriteList<InvitationModel>(
                await api.GetAsync("invitations" + query, ct),
                ["ID", "START", "END", "STATUS", "OWNER", "TITLE"],
                i =>
                [
                    Output.Number(i.AppointmentId), Output.Time(i.Start), Output.Time(i.End), i.Status, i.OwnerName,
                    i.RejectReason is null ? i.Title : $"{i.Title} (reason: {i.RejectReason})",
                ],
                "No invitations.");
        });
        return command;
    }

    private static Command Show(CliContext cli) =>
        OnMeeting(cli, "show", "Show a meeting and its participants (by its id or any participant row id).", "Meeting", (api, path, _, ct) => api.GetAsync(path, ct));

    /// <summary>A POST to <c>/appointments/{id}/{name}</c> without a body; on a repeating meeting with <c>--scope</c> and <c>--occurrence</c>.</summary>
    private static Command Answer(CliContext cli, string name, string description, string done, bool scoped = true)
    {
        if (!scoped)
        {
            return OnMeeting(cli, name, description, done, (api, path, _, ct) => api.PostAsync($"{path}/{name}", null, ct));
        }

        var (scope, occurrence) = ScopeOptions();
        return OnMeeting(cli, name, description, done, (api, path, parse, ct) => api.PostAsync($"{path}/{name}{ScopeQuery(parse, scope, occurrence)}", null, ct), scope, occurrence);
    }

    private static Command Decline(CliContext cli)
    {
        var reason = new Option<string>("--reason") { Description = "Why (at most 254 characters); the owner sees it." };
        var (scope, occurrence) = ScopeOptions();
        return OnMeeting(
            cli, "decline", "Decline an invitation.", "Declined",
            (api, path, parse, ct) => api.PostAsync($"{path}/decline{ScopeQuery(parse, scope, occurrence)}", new DeclineBody(parse.GetValue(reason)), ct),
            reason, scope, occurrence);
    }

    // Issue 7: which dates of a repeating meeting (this, following, series), and which date (its original start).
    private static (Option<string> Scope, Option<string> Occurrence) ScopeOptions() =>
        (new Option<string>("--scope") { Description = "On a repeating meeting: this, following or series." },
         new Option<string>("--occurrence") { Description = "On a repeating meeting: the date, as its original start (ISO 8601, e.g. 2030-01-07T08:00:00Z)." });

    private static string ScopeQuery(ParseResult parse, Option<string> scope, Option<string> occurrence)
    {
        var parts = new List<string>();
        if (parse.GetValue(scope) is { } s)
        {
            parts.Add("scope=" + Uri.EscapeDataString(s));
        }

        if (parse.GetValue(occurrence) is { } o)
        {
            parts.Add("occurrence=" + Uri.EscapeDataString(o));
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>A command on one meeting: <c>convene NAME ID</c>, calling the API on <c>appointments/ID</c> and printing the meeting it answers.</summary>
    private static Command OnMeeting(
        CliContext cli, string name, string description, string done, Func<ApiClient, string, ParseResult, CancellationToken, Task<JsonElement>> call, params Option[] options)
    {
        var id = new Argument<int>("id") { Description = "The meeting id." };
        var command = new Command(name, description) { id };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            using var api = await cli.ConnectAsync(parse, ct);
            WriteMeeting(cli, parse, await call(api, $"appointments/{Output.Number(parse.GetValue(id))}", parse, ct), done);
        });
        return command;
    }

    private static void WriteMeeting(CliContext cli, ParseResult parse, JsonElement json, string headline) => cli.OutputFor(parse).Write(json, w =>
    {
        var m = ApiClient.Read<AppointmentModel>(json);
        w.WriteLine($"{headline} meeting {Output.Number(m.Id)}: {m.Title}{(m.Cancelled ? " (cancelled)" : "")}");
        w.WriteLine($"  When:   {Output.Time(m.Start)} - {Output.Time(m.End)}{(m.Private ? ", private" : "")}{(m.Free ? ", free" : "")}");
        w.WriteLine($"  Owner:  {m.OwnerName} (associate {Output.Number(m.OwnerId)})");
        if (!string.IsNullOrEmpty(m.Location))
        {
            w.WriteLine($"  Where:  {m.Location}");
        }

        if (m.RejectCounter > 0)
        {
            w.WriteLine($"  Declines: {Output.Number(m.RejectCounter)}");
        }

        Output.Table(
            w,
            ["ROW", "KIND", "NAME", "STATUS", "NOTE"],
            m.Participants.Select(p => new[]
            {
                Output.Number(p.RowId), p.Kind, p.Name, p.Status,
                string.Join("; ", new[] { p.Conflict ? "conflict" : null, p.RejectReason is null ? null : $"reason: {p.RejectReason}" }.OfType<string>()),
            }),
            "No participants.");
    });
}
