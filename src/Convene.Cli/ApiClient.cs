using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Convene.Core.Common;

namespace Convene.Cli;

/// <summary>
/// The server's HTTP API v1 with a bearer token. Every failure becomes a <see cref="CliException"/>: a problem+json
/// answer through its status's <see cref="ErrorKind"/> with the server's <c>code</c> and <c>detail</c>; an unreachable
/// server or a 5xx as unavailable.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;

    public ApiClient(Uri server, string? token)
    {
        Server = server;
        _http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(100) };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Uri Server { get; }

    /// <summary>An absolute http(s) URL, with a trailing slash so that API paths resolve below it.</summary>
    public static Uri ParseServer(string text)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw CliException.Usage("cli.invalid_server", $"'{text}' is not an http or https URL, e.g. http://localhost:5080.");
        }

        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
    }

    public Task<JsonElement> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body, ct);

    /// <summary>A POST with a body that is not JSON (e.g. text/calendar).</summary>
    public Task<JsonElement> PostContentAsync(string path, HttpContent content, CancellationToken ct) => SendAsync(HttpMethod.Post, path, content, ct);

    public async Task<T> GetAsync<T>(string path, CancellationToken ct) => Read<T>(await GetAsync(path, ct));

    public static T Read<T>(JsonElement json) =>
        json.Deserialize<T>(Json) ?? throw CliException.Unavailable("server.bad_response", "The server answered with an empty body.");

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, "api/v1/" + path);
        if (body is HttpContent content)
        {
            request.Content = content;
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw CliException.Unavailable("server.unreachable", $"Cannot reach the server at {Server}: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw CliException.Unavailable("server.timeout", $"The server at {Server} did not answer in time.");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw Problem((int)response.StatusCode, response.ReasonPhrase, text);
            }

            try
            {
                return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                throw CliException.Unavailable("server.bad_response", $"The server at {Server} did not answer with JSON; is it a Convene server?");
            }
        }
    }

    /// <summary>RFC 9457: the <c>code</c> extension and <c>detail</c> (else <c>title</c>) of a problem.</summary>
    private static CliException Problem(int status, string? reason, string body)
    {
        string? code = null, detail = null;
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object)
            {
                code = Text(problem.RootElement, "code");
                detail = Text(problem.RootElement, "detail") ?? Text(problem.RootElement, "title");
            }
        }
        catch (JsonException)
        {
            // not a problem document: fall back to the status line
        }

        code ??= $"http.{status}";
        detail ??= $"The server answered {status} {reason}.";
        return ExitCodes.KindFor(status) is { } kind
            ? new CliException(new Error(kind, code, detail))
            : CliException.Unavailable(code, detail);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
