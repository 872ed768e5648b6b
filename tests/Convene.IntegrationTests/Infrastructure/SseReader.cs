using System.Text;
using System.Text.Json;

namespace Convene.IntegrationTests.Infrastructure;

/// <summary>One server-sent event.</summary>
public sealed record SseEvent(string Type, string? Id, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();
}

/// <summary>Reads a text/event-stream response event by event (the WHATWG event-stream format).</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseReader(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _reader = new StreamReader(stream, Encoding.UTF8);
    }

    public static async Task<SseReader> OpenAsync(HttpClient client, string path, CancellationToken ct)
    {
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseReader(response, await response.Content.ReadAsStreamAsync(ct));
    }

    /// <summary>The test's token, cancelled after 30 s: a missing event fails the test instead of hanging the run.</summary>
    public static CancellationTokenSource Deadline()
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        return deadline;
    }

    /// <summary>The caller's events stream, once the server has subscribed it (its "ready" event).</summary>
    public static async Task<SseReader> ListenAsync(HttpClient client, CancellationToken ct)
    {
        var stream = await OpenAsync(client, "/api/v1/events", ct);
        await stream.NextAsync("ready", ct);
        return stream;
    }

    /// <summary>The next event of the given type (others, such as pings, are skipped).</summary>
    public async Task<SseEvent> NextAsync(string type, CancellationToken ct)
    {
        while (true)
        {
            var next = await NextAsync(ct);
            if (next.Type == type)
            {
                return next;
            }
        }
    }

    public async Task<SseEvent> NextAsync(CancellationToken ct)
    {
        string type = "message", data = "";
        string? id = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(ct) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.Length == 0)
            {
                if (data.Length > 0 || type != "message")
                {
                    return new SseEvent(type, id, data);
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event":
                    type = value;
                    break;
                case "data":
                    data = data.Length == 0 ? value : data + "\n" + value;
                    break;
                case "id":
                    id = value;
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}
