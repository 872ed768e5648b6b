using System.CommandLine;

namespace Convene.Cli;

/// <summary>
/// One run of the CLI: its output and input, its environment and the global options (<c>--json</c>, <c>--server</c>,
/// <c>--token</c>) every command shares. Nothing here is static, so runs can go in parallel in one process.
/// </summary>
internal sealed class CliContext(TextWriter stdout, IReadOnlyDictionary<string, string?>? environment, TextReader stdin)
{
    public const string DefaultServer = "http://localhost:5080";

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print JSON for scripts (the server's JSON where there is one) and nothing else on stdout.",
        Recursive = true,
    };

    public Option<string> Server { get; } = new("--server")
    {
        Description = "Server URL; overrides CONVENE_SERVER and the stored credentials.",
        Recursive = true,
    };

    public Option<string> Token { get; } = new("--token")
    {
        Description = "Bearer token; overrides CONVENE_TOKEN and the stored credentials.",
        Recursive = true,
    };

    public CredentialStore Credentials => new(Env("CONVENE_CONFIG") is { Length: > 0 } path
        ? path
        : Path.Combine(Env("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "convene", "credentials.json"));

    /// <summary>An environment variable, from the given dictionary when there is one (tests), else the process's.</summary>
    public string? Env(string name) =>
        environment is null ? Environment.GetEnvironmentVariable(name)
        : environment.TryGetValue(name, out var value) ? value
        : null;

    public Output OutputFor(ParseResult parse) => new(stdout, parse.GetValue(Json));

    /// <summary>The server given by --server, CONVENE_SERVER or the stored credentials, in that order.</summary>
    public string? ServerFor(ParseResult parse, Credentials? stored) => parse.GetValue(Server) ?? Env("CONVENE_SERVER") ?? stored?.Server;

    /// <summary>A client for the signed-in session; exit code 3 when there is none.</summary>
    public async Task<ApiClient> ConnectAsync(ParseResult parse, CancellationToken ct)
    {
        var stored = await Credentials.LoadAsync(ct);
        var server = ServerFor(parse, stored);
        var token = parse.GetValue(Token) ?? Env("CONVENE_TOKEN") ?? stored?.Token;
        if (server is null || token is null)
        {
            throw CliException.NotLoggedIn();
        }

        return new ApiClient(ApiClient.ParseServer(server), token);
    }

    /// <summary>A password: the given one, else CONVENE_PASSWORD, else one line from stdin.</summary>
    public string? Password(string? given) => given ?? Env("CONVENE_PASSWORD") ?? stdin.ReadLine();

    /// <summary>All of stdin (for a file argument of '-').</summary>
    public Task<string> ReadStdinAsync(CancellationToken ct) => stdin.ReadToEndAsync(ct);
}
