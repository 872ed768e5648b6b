using System.Net;
using System.Text.Json;
using Convene.IntegrationTests.Cli;

namespace Convene.IntegrationTests.Infrastructure;

/// <summary>
/// The normal life of meetings through the HTTP API (create, see, accept, decline, move, remove, cancel, delete
/// from the diary), for tests that then look at the whole database (db check, backup and restore).
/// </summary>
public static class MeetingFlows
{
    /// <summary>Runs the flows; returns the ids of the meetings that still exist.</summary>
    public static async Task<List<int>> RunAsync(ConveneApp app)
    {
        using var frode = await app.ClientForAsync("frode");
        using var ingrid = await app.ClientForAsync("ingrid");
        using var kari = await app.ClientForAsync("kari");
        var (ingridId, kariId, frantzId, roomId) = (await app.IdAsync("ingrid"), await app.IdAsync("kari"), await app.IdAsync("Frantz Olsen"), await app.IdAsync("Room Fjord"));
        var live = new List<int>();

        async Task<int> CreateAsync(string title, params object[] participants)
        {
            var slot = app.NextSlot();
            var response = await frode.PostJsonAsync("/api/v1/appointments", new { title, description = $"About {title}", start = slot.Start.Iso(), end = slot.End.Iso(), participants });
            return (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        }

        async Task OkAsync(Task<HttpResponseMessage> request)
        {
            using var response = await request;
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        }

        var everyone = new object[] { new { associateId = ingridId }, new { associateId = kariId }, new { personId = frantzId }, new { associateId = roomId } };

        // Answered both ways, then moved (answers asked again), declined again, then accepted.
        var answered = await CreateAsync("Answered", everyone);
        await OkAsync(ingrid.PostJsonAsync($"/api/v1/appointments/{answered}/seen"));
        await OkAsync(ingrid.PostJsonAsync($"/api/v1/appointments/{answered}/accept"));
        await OkAsync(kari.PostJsonAsync($"/api/v1/appointments/{answered}/decline", new { reason = "Away" }));
        var moved = app.NextSlot();
        await OkAsync(frode.PatchJsonAsync($"/api/v1/appointments/{answered}", new { start = moved.Start.Iso(), end = moved.End.Iso(), title = "Answered, moved" }));
        await OkAsync(kari.PostJsonAsync($"/api/v1/appointments/{answered}/decline"));
        await OkAsync(kari.PostJsonAsync($"/api/v1/appointments/{answered}/accept"));
        await OkAsync(ingrid.DeleteAsync(new Uri($"/api/v1/appointments/{answered}", UriKind.Relative))); // counts as a decline
        live.Add(answered);

        // A participant removed after seeing it (keeps a cancelled row), another added.
        var changed = await CreateAsync("Changed", new { associateId = ingridId });
        await OkAsync(ingrid.PostJsonAsync($"/api/v1/appointments/{changed}/seen"));
        var rows = await app.RowsOfMeetingAsync(changed);
        var ingridRow = rows.Single(r => r.AssociateId == ingridId).AppointmentId;
        await OkAsync(frode.DeleteAsync(new Uri($"/api/v1/appointments/{changed}/participants/{ingridRow}", UriKind.Relative)));
        await OkAsync(frode.PostJsonAsync($"/api/v1/appointments/{changed}/participants", new { associateId = kariId }));
        live.Add(changed);

        // Cancelled after both invitees saw it: their status-10 rows outlive the master.
        var cancelled = await CreateAsync("Cancelled", everyone);
        await OkAsync(ingrid.PostJsonAsync($"/api/v1/appointments/{cancelled}/accept"));
        await OkAsync(kari.PostJsonAsync($"/api/v1/appointments/{cancelled}/seen"));
        await OkAsync(frode.PostJsonAsync($"/api/v1/appointments/{cancelled}/cancel"));

        // Cancelled, and one invitee cleared it from the diary.
        var cleared = await CreateAsync("Cleared", new { associateId = ingridId }, new { associateId = kariId });
        await OkAsync(ingrid.PostJsonAsync($"/api/v1/appointments/{cleared}/seen"));
        await OkAsync(kari.PostJsonAsync($"/api/v1/appointments/{cleared}/decline"));
        await OkAsync(frode.PostJsonAsync($"/api/v1/appointments/{cleared}/cancel"));
        await OkAsync(ingrid.DeleteAsync(new Uri($"/api/v1/appointments/{cleared}", UriKind.Relative)));

        // Assigned (issue 9): one handed over and accepted (the former owner is told on the master row), one pending.
        var handed = await CreateAsync("Handed over", new { associateId = kariId });
        await OkAsync(frode.PostJsonAsync($"/api/v1/appointments/{handed}/assign", new { associateId = ingridId }));
        await OkAsync(ingrid.PostJsonAsync($"/api/v1/appointments/{handed}/accept"));
        live.Add(handed);
        var pending = await CreateAsync("Assigned", new { associateId = ingridId });
        await OkAsync(frode.PostJsonAsync($"/api/v1/appointments/{pending}/assign", new { associateId = kariId }));
        await OkAsync(kari.PostJsonAsync($"/api/v1/appointments/{pending}/seen"));
        live.Add(pending);

        // Untouched.
        live.Add(await CreateAsync("Plain", everyone));
        return live;
    }

    /// <summary><c>convene db check --json</c> on the app's database.</summary>
    public static async Task<CliResult> CheckAsync(this ConveneApp app, CliRunner cli) =>
        await cli.RunAsync("db", "check", "--provider", app.Provider.ToString().ToLowerInvariant(), "--connection", app.ConnectionString, "--json");

    /// <summary>The codes of the invariants the report says are broken.</summary>
    public static List<string> Broken(this CliResult result) =>
        [.. JsonDocument.Parse(result.Stdout).RootElement.GetProperty("invariants").EnumerateArray()
            .Where(i => i.GetProperty("count").GetInt32() > 0).Select(i => i.GetProperty("code").GetString()!)];
}
