using System.CommandLine;

namespace Convene.Cli.Commands;

/// <summary><c>diary</c> and <c>notifications</c>: reading what is booked and what changed.</summary>
internal static class DiaryCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [Diary(cli), Notifications(cli)];

    private static Command Diary(CliContext cli)
    {
        var from = Inputs.Time("--from", "Start of the range (default: now).");
        var to = Inputs.Time("--to", "End of the range (default: 7 days after --from).");
        var associate = new Option<string>("--associate") { Description = "Whose diary: user name, name or id of a colleague or resource (default: yours)." };
        var command = new Command("diary", "Diary rows in a time range; others' private meetings show as busy.") { from, to, associate };
        command.SetAction(async (parse, ct) =>
        {
            using var api = await cli.ConnectAsync(parse, ct);
            var start = parse.GetValue(from) ?? DateTimeOffset.UtcNow;
            var end = parse.GetValue(to) ?? start.AddDays(7);
            var query = $"diary?from={Inputs.Query(start)}&to={Inputs.Query(end)}";
            if (parse.GetValue(associate) is { } who)
            {
                var id = (await Lookup.AssociatesAsync(api, [who], "--associate", ct))[0];
                query += "&associateId=" + Output.Number(id);
            }

            cli.OutputFor(parse).WriteList<DiaryEntryModel>(
                await api.GetAsync(query, ct),
                ["START", "END", "ID", "STATUS", "TITLE", "LOCATION"],
                e =>
                [
                    Output.Time(e.Start), Output.Time(e.End), Output.Number(e.AppointmentId ?? e.RowId), e.Status,
                    e.BusyOnly ? "(busy)" : (e.Title ?? "") + (e.Free ? " (free)" : ""), e.Location ?? "",
                ],
                $"Nothing booked from {Output.Time(start)} to {Output.Time(end)}.");
        });
        return command;
    }

    private static Command Notifications(CliContext cli)
    {
        var command = new Command("notifications", "Your notifications: new, changed and cancelled meetings, declined invitations.");
        command.SetAction(async (parse, ct) =>
        {
            using var api = await cli.ConnectAsync(parse, ct);
            cli.OutputFor(parse).WriteList<NotificationModel>(
                await api.GetAsync("notifications", ct),
                ["ID", "KIND", "MEETING", "CREATED", "TEXT"],
                n => [Output.Number(n.Id), n.Kind, Output.Number(n.AppointmentId), Output.Time(n.CreatedAt), n.Text],
                "No notifications.");
        });
        return command;
    }
}
