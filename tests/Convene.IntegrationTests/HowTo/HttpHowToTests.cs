using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.HowTo;

/// <summary>
/// The curl how-to of docs/howto.md, request by request: the method, path, token and JSON body of every curl command
/// in the page's marked blocks are sent as written to a real server on the demo company.
/// </summary>
public sealed partial class HttpHowToTests(ConveneApp app) : IClassFixture<ConveneApp>
{
    private static readonly string Page = Docs.Read("docs/howto.md");

    [Fact]
    public async Task CurlHowTo_CreatesAndAcceptsTheInvitation()
    {
        var ct = TestContext.Current.CancellationToken;

        // The page names the demo company's ids of a fresh database; so does this server.
        int[] ids = [await app.IdAsync("ingrid"), await app.IdAsync("Room Fjord"), await app.IdAsync("Nordic Fisk AS"), await app.IdAsync("Frantz Olsen")];
        int[] documented = [3, 5, 1, 1];
        Assert.Equal(documented, ids);

        var shell = new CurlRunner(app);
        await shell.RunAsync(Docs.Block(Page, "http-sign-in"), ct);
        Assert.False(string.IsNullOrEmpty(shell.Variables["TOKEN"]));
        await shell.RunAsync(Docs.Block(Page, "http-lookup"), ct);
        Assert.All(shell.Responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));

        await shell.RunAsync(Docs.Block(Page, "http-create"), ct);
        var (createStatus, created) = shell.Responses[^1];
        Assert.Equal(HttpStatusCode.Created, createStatus);
        var meetingId = created.GetProperty("id").GetInt32();
        Assert.Equal(meetingId.ToString(System.Globalization.CultureInfo.InvariantCulture), shell.Variables["MEETING"]);
        Assert.Equal("2030-06-03T08:00:00Z", created.GetProperty("start").GetString());
        Assert.Equal("Room Fjord", created.GetProperty("location").GetString());
        AssertParticipant(created.Participant(associateId: await app.IdAsync("frode")), "Owner", "Owner", 1);
        AssertParticipant(created.Participant(associateId: 3), "Associate", "NotSeen", 5);
        AssertParticipant(created.Participant(associateId: 5), "Resource", "Accepted", 1);
        AssertParticipant(created.Participant(personId: 1), "Person", "Accepted", 1);

        shell.Responses.Clear();
        await shell.RunAsync(Docs.Block(Page, "http-accept"), ct);
        Assert.Equal(4, shell.Responses.Count);
        var (invitationsStatus, invitations) = shell.Responses[1];
        Assert.Equal(HttpStatusCode.OK, invitationsStatus);
        var invitation = Assert.Single(invitations.EnumerateArray(), i => i.GetProperty("appointmentId").GetInt32() == meetingId);
        Assert.Equal("NotSeen", invitation.GetProperty("status").GetString());

        var (acceptStatus, accepted) = shell.Responses[2];
        Assert.Equal(HttpStatusCode.OK, acceptStatus);
        AssertParticipant(accepted.Participant(associateId: 3), "Associate", "Accepted", 1);

        var (diaryStatus, diary) = shell.Responses[3];
        Assert.Equal(HttpStatusCode.OK, diaryStatus);
        var entry = Assert.Single(diary.EnumerateArray(), e => e.GetProperty("appointmentId").GetInt32() == meetingId);
        Assert.Equal("Accepted", entry.GetProperty("status").GetString());

        using var asIngrid = await app.ClientForAsync("ingrid");
        var open = await (await asIngrid.GetAsync("/api/v1/invitations", ct)).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(open.EnumerateArray(), i => i.GetProperty("appointmentId").GetInt32() == meetingId);
    }

    private static void AssertParticipant(JsonElement participant, string kind, string status, int statusCode)
    {
        Assert.Equal(kind, participant.GetProperty("kind").GetString());
        Assert.Equal(status, participant.GetProperty("status").GetString());
        Assert.Equal(statusCode, participant.GetProperty("statusCode").GetInt32());
    }

    /// <summary>
    /// Just enough of a shell for the page's curl lines: <c>VAR=value</c>, <c>VAR=$(curl ... | jq [-r] .field)</c> and
    /// plain <c>curl</c> commands with <c>-X</c>, <c>-H "Authorization: Bearer $VAR"</c>, <c>-d '...'</c> and a quoted URL.
    /// </summary>
    private sealed partial class CurlRunner(ConveneApp app)
    {
        public Dictionary<string, string> Variables { get; } = [];

        public List<(HttpStatusCode Status, JsonElement Body)> Responses { get; } = [];

        public async Task RunAsync(string script, CancellationToken ct)
        {
            foreach (var line in Commands(script))
            {
                var captured = Capture().Match(line);
                if (captured.Success)
                {
                    var body = await CurlAsync(captured.Groups["curl"].Value, ct);
                    Variables[captured.Groups["name"].Value] = body.GetProperty(captured.Groups["field"].Value).ToString();
                    continue;
                }

                var assignment = Assignment().Match(line);
                if (assignment.Success)
                {
                    Variables[assignment.Groups["name"].Value] = assignment.Groups["value"].Value;
                    continue;
                }

                Assert.StartsWith("curl ", line, StringComparison.Ordinal);
                await CurlAsync(line, ct);
            }
        }

        /// <summary>The script's commands: lines joined at a trailing backslash and inside single quotes.</summary>
        private static List<string> Commands(string script)
        {
            var commands = new List<string>();
            var current = new StringBuilder();
            var quoted = false;
            foreach (var c in script.Replace("\\\n", " ", StringComparison.Ordinal))
            {
                if (c == '\n' && !quoted)
                {
                    commands.Add(current.ToString());
                    current.Clear();
                    continue;
                }

                quoted ^= c == '\'';
                current.Append(c);
            }

            commands.Add(current.ToString());
            return commands.Where(c => c.Trim().Length > 0).ToList();
        }

        private async Task<JsonElement> CurlAsync(string command, CancellationToken ct)
        {
            var url = Expand(Url().Match(command) is { Success: true } u ? u.Groups["url"].Value : throw new InvalidOperationException($"No URL in: {command}"));
            Assert.StartsWith("http://localhost:5080/", url, StringComparison.Ordinal);
            var method = Method().Match(command) is { Success: true } m ? new HttpMethod(m.Groups["method"].Value) : HttpMethod.Get;
            using var request = new HttpRequestMessage(method, url["http://localhost:5080".Length..]);
            if (Bearer().Match(command) is { Success: true } bearer)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Variables[bearer.Groups["name"].Value]);
            }

            if (Data().Match(command) is { Success: true } data)
            {
                Assert.Contains("-H 'Content-Type: application/json'", command, StringComparison.Ordinal);
                request.Content = new StringContent(data.Groups["body"].Value, Encoding.UTF8, "application/json");
            }

            using var client = app.CreateClient();
            using var response = await client.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            Assert.True(response.IsSuccessStatusCode, $"{method} {url} → {(int)response.StatusCode}: {text}");
            var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            Responses.Add((response.StatusCode, body));
            return body;
        }

        private string Expand(string text) =>
            Variable().Replace(text, v => Variables.TryGetValue(v.Groups["name"].Value, out var value) ? value : throw new InvalidOperationException($"${v.Groups["name"].Value} is not set."));

        [GeneratedRegex(@"^(?<name>[A-Z_]+)=\$\((?<curl>curl .*) \| jq (?:-r )?\.(?<field>[a-zA-Z]+)\)$", RegexOptions.Singleline)]
        private static partial Regex Capture();

        [GeneratedRegex(@"^(?<name>[A-Z_]+)=(?<value>[^\s$]+)$")]
        private static partial Regex Assignment();

        [GeneratedRegex(@"""(?<url>\$CONVENE[^""]*)""")]
        private static partial Regex Url();

        [GeneratedRegex(@" -X (?<method>[A-Z]+) ")]
        private static partial Regex Method();

        [GeneratedRegex(@"-H ""Authorization: Bearer \$(?<name>[A-Z_]+)""")]
        private static partial Regex Bearer();

        [GeneratedRegex(@" -d '(?<body>[^']*)'", RegexOptions.Singleline)]
        private static partial Regex Data();

        [GeneratedRegex(@"\$(?<name>[A-Z_]+)")]
        private static partial Regex Variable();
    }
}
