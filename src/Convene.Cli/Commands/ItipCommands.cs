using System.CommandLine;
using System.Net.Http.Headers;

namespace Convene.Cli.Commands;

/// <summary><c>convene itip import FILE</c>: hands an external person's iTIP REPLY (an .ics file) to the server.</summary>
internal static class ItipCommands
{
    /// <summary>The server refuses more; refusing here saves the upload.</summary>
    private const long MaxBytes = 1024 * 1024;

    public static Command Create(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "The .ics file with METHOD:REPLY ('-' reads stdin)." };
        var import = new Command("import", "Apply an external person's iTIP REPLY (e.g. the .ics of an e-mailed answer) to your meeting.") { file };
        import.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            byte[] body;
            if (path.Name == "-")
            {
                body = System.Text.Encoding.UTF8.GetBytes(await cli.ReadStdinAsync(ct));
            }
            else if (!path.Exists)
            {
                throw CliException.Usage("cli.file_not_found", $"There is no file '{path.FullName}'.");
            }
            else if (path.Length > MaxBytes)
            {
                throw CliException.Usage("itip.too_large", $"'{path.Name}' is larger than 1 MB.");
            }
            else
            {
                body = await File.ReadAllBytesAsync(path.FullName, ct);
            }

            using var api = await cli.ConnectAsync(parse, ct);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/calendar") { CharSet = "utf-8" };
            var json = await api.PostContentAsync("itip", content, ct);
            cli.OutputFor(parse).Write(json, w =>
            {
                var r = ApiClient.Read<ItipReplyModel>(json);
                w.WriteLine($"Applied: {r.PersonName} {r.PartStat} meeting {Output.Number(r.AppointmentId)} (status {Output.Number(r.StatusCode)}).");
            });
        });
        return new Command("itip", "iCalendar scheduling messages (RFC 5546).") { import };
    }

    private sealed record ItipReplyModel(int AppointmentId, int PersonId, string PersonName, string PartStat, int StatusCode);
}
