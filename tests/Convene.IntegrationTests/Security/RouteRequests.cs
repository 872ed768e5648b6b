using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Security;

/// <summary>A route of the OpenAPI document: "METHOD /template".</summary>
public sealed record ApiRoute(string Method, string Template, JsonElement Operation)
{
    public string Key => $"{Method} {Template}";

    /// <summary>Every operation of the running server's OpenAPI document (GET /openapi/v1.json).</summary>
    public static async Task<List<ApiRoute>> FromOpenApiAsync(ConveneApp app)
    {
        using var client = app.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var routes = new List<ApiRoute>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                routes.Add(new ApiRoute(operation.Name.ToUpperInvariant(), path.Name, operation.Value.Clone()));
            }
        }

        return [.. routes.OrderBy(r => r.Key, StringComparer.Ordinal)];
    }
}

/// <summary>
/// The objects one request of the matrix acts on, made fresh for each request so that requests that change or
/// delete something (cancel, revoke, delete a view) never affect another cell: a private meeting of frode's with
/// ingrid (who accepted), kari (who has not answered), a person and a room, and a group view of frode's.
/// </summary>
public sealed record MatrixScene(int MeetingId, int KariRowId, int KariNotificationId, int GroupViewId, int FrodeId, int AdminId, int ContactId, int PersonId, DateTimeOffset Start)
{
    private static int _counter;

    public static async Task<MatrixScene> CreateAsync(ConveneApp app)
    {
        using var frode = await app.ClientForAsync("frode");
        using var ingrid = await app.ClientForAsync("ingrid");
        using var kari = await app.ClientForAsync("kari");
        var (frodeId, kariId) = (await app.IdAsync("frode"), await app.IdAsync("kari"));
        var slot = app.NextSlot();
        var meeting = await (await frode.PostJsonAsync("/api/v1/appointments", new
        {
            title = "Matrix",
            start = slot.Start.Iso(),
            end = slot.End.Iso(),
            @private = true,
            participants = new object[] { new { associateId = await app.IdAsync("ingrid") }, new { associateId = kariId }, new { personId = await app.IdAsync("Frantz Olsen") }, new { associateId = await app.IdAsync("Room Fjord") } },
        })).JsonAsync(System.Net.HttpStatusCode.Created);
        var id = meeting.GetProperty("id").GetInt32();
        (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/accept")).EnsureSuccessStatusCode();
        var kariRow = meeting.Participant(kariId).GetProperty("rowId").GetInt32();
        var notifications = await (await kari.GetAsync(new Uri("/api/v1/notifications", UriKind.Relative))).JsonAsync(System.Net.HttpStatusCode.OK);
        var notification = notifications.EnumerateArray().First(n => n.GetProperty("appointmentId").GetInt32() == id).GetProperty("id").GetInt32();
        var view = await (await frode.PostJsonAsync("/api/v1/group-views", new { name = $"View {Interlocked.Increment(ref _counter)}", memberIds = new[] { frodeId } }))
            .JsonAsync(System.Net.HttpStatusCode.Created);
        return new MatrixScene(id, kariRow, notification, view.GetProperty("id").GetInt32(), frodeId, await app.IdAsync("admin"), await app.IdAsync("Nordic Fisk AS"), await app.IdAsync("Frantz Olsen"), slot.Start);
    }

    /// <summary>The request for <paramref name="route"/> on this scene: path parameters filled, a plausible body.</summary>
    public HttpRequestMessage Request(ApiRoute route)
    {
        var n = Interlocked.Increment(ref _counter);
        var prefix = route.Template.Split('/', StringSplitOptions.RemoveEmptyEntries) is [_, _, var section, ..] ? section : "";
        var path = route.Template
            .Replace("{rowId}", Num(KariRowId), StringComparison.Ordinal)
            .Replace("{token}", "no-such-token", StringComparison.Ordinal)
            .Replace("{id}", prefix switch
            {
                "appointments" => Num(MeetingId),
                "associates" => Num(FrodeId),
                "contacts" => Num(ContactId),
                "persons" => Num(PersonId),
                "group-views" => Num(GroupViewId),
                "notifications" => Num(KariNotificationId),
                _ => "1",
            }, StringComparison.Ordinal);
        var (from, to) = (Uri.EscapeDataString(Start.AddDays(-1).Iso()), Uri.EscapeDataString(Start.AddDays(1).Iso()));
        var query = route.Key switch
        {
            "GET /api/v1/diary" or "GET /api/v1/freebusy.ics" or "GET /api/v1/group-views/{id}/diary" or "GET /api/v1/contacts/{id}/activities" => $"?from={from}&to={to}",
            "GET /api/v1/freebusy" => $"?from={from}&to={to}&associateIds={Num(FrodeId)}",
            "GET /api/v1/availability/first" => $"?associateIds={Num(FrodeId)}&duration=PT1H&from={from}&to={to}",
            _ => "",
        };
        var request = new HttpRequestMessage(new HttpMethod(route.Method), path + query);
        object? body = route.Key switch
        {
            "POST /api/v1/auth/token" or "POST /api/v1/auth/session" => new { userName = "nobody", password = "wrong" },
            "POST /api/v1/appointments" => new { title = "Made", start = Start.AddHours(3).Iso(), end = Start.AddHours(4).Iso() },
            "POST /api/v1/appointments/validate" => new { title = "Checked", start = Start.AddHours(3).Iso(), end = Start.AddHours(4).Iso(), recurrence = new[] { "RRULE:FREQ=DAILY;COUNT=2" } },
            "PATCH /api/v1/appointments/{id}" => new { title = "Renamed" },
            "POST /api/v1/appointments/{id}/participants" => new { associateId = AdminId },
            "POST /api/v1/appointments/{id}/decline" => new { reason = "No" },
            "POST /api/v1/appointments/{id}/assign" => new { associateId = AdminId, note = "Please" },
            "POST /api/v1/associates/{id}/reassign-meetings" => new { toAssociateId = AdminId },
            "PUT /api/v1/appointments/{id}/email" => new { sendEmail = false },
            "POST /api/v1/associates" => new { name = $"Room M{n}", kind = "Resource" },
            "PATCH /api/v1/associates/{id}" => new { name = "Frode Nilsen" },
            "PUT /api/v1/associates/{id}/working-hours" => new { mode = "Always" },
            "POST /api/v1/contacts" => new { name = $"Company {n}" },
            "PATCH /api/v1/contacts/{id}" => new { name = "Nordic Fisk AS" },
            "POST /api/v1/persons" => new { contactId = ContactId, name = $"Person {n}" },
            "PATCH /api/v1/persons/{id}" => new { name = "Frantz Olsen" },
            "POST /api/v1/availability/search" => new { required = new[] { FrodeId }, duration = "PT1H", from = Start.AddDays(-1).Iso(), to = Start.AddDays(1).Iso() },
            "POST /api/v1/group-views" => new { name = $"View {n}", memberIds = new[] { FrodeId } },
            "PUT /api/v1/group-views/{id}" => new { name = $"View {n}", memberIds = new[] { FrodeId } },
            _ => null,
        };
        if (route.Key == "POST /api/v1/itip")
        {
            request.Content = new StringContent("BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n", Encoding.UTF8, "text/calendar");
        }
        else if (route.Template.StartsWith("/rsvp/", StringComparison.Ordinal) && route.Method == "POST")
        {
            request.Content = new FormUrlEncodedContent([new("reason", "no")]);
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: ConveneApp.Json);
        }

        return request;
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
