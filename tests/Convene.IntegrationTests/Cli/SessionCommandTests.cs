using Convene.Cli;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Cli;

public sealed class SessionCommandTests(ConveneApp app) : IClassFixture<ConveneApp>, IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Login_WithPassword_StoresServerTokenAndUserInOwnerOnlyFile()
    {
        var result = (await _cli.RunAsync("login", "--server", app.BaseAddress.ToString(), "--user", "frode", "--password", "demo")).Succeeded();

        Assert.Contains("Logged in", result.Stdout, StringComparison.Ordinal);
        var stored = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(_cli.ConfigPath, TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(app.BaseAddress.ToString(), stored.GetProperty("server").GetString());
        Assert.Equal("frode", stored.GetProperty("userName").GetString());
        Assert.Equal(await app.IdAsync("frode"), stored.GetProperty("associateId").GetInt32());
        Assert.False(string.IsNullOrEmpty(stored.GetProperty("token").GetString()));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_cli.ConfigPath));
        }
    }

    [Fact]
    public async Task Login_WithoutPasswordOption_ReadsItFromStdin()
    {
        (await _cli.RunWithInputAsync("demo\n", "login", "--server", app.BaseAddress.ToString(), "--user", "kari")).Succeeded();

        var invitations = (await _cli.RunAsync("invitations")).Succeeded();
        Assert.NotEqual("", invitations.Stdout);
    }

    [Fact]
    public async Task Login_WithPasswordFromEnvironment_AndJson_PrintsOnlyJson()
    {
        _cli.Environment["CONVENE_PASSWORD"] = "demo";
        _cli.Environment["CONVENE_SERVER"] = app.BaseAddress.ToString();

        var json = (await _cli.RunAsync("login", "--user", "ingrid", "--json")).Json;

        Assert.Equal("ingrid", json.GetProperty("userName").GetString());
        Assert.Equal(await app.IdAsync("ingrid"), json.GetProperty("associateId").GetInt32());
        Assert.False(json.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task Login_WithWrongPassword_ExitsThreeAndStoresNothing()
    {
        var result = await _cli.RunAsync("login", "--server", app.BaseAddress.ToString(), "--user", "frode", "--password", "wrong");

        result.Failed(ExitCodes.Unauthorized, "auth.invalid_credentials");
        Assert.False(File.Exists(_cli.ConfigPath));
    }

    [Fact]
    public async Task Invitations_WhenNotLoggedIn_ExitsThree()
    {
        var result = await _cli.RunAsync("invitations");

        result.Failed(ExitCodes.Unauthorized, "cli.not_logged_in");
    }

    [Fact]
    public async Task Logout_RevokesTheTokenAndDeletesTheFile()
    {
        (await _cli.RunAsync("login", "--server", app.BaseAddress.ToString(), "--user", "frode", "--password", "demo")).Succeeded();
        var token = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(_cli.ConfigPath, TestContext.Current.CancellationToken))
            .RootElement.GetProperty("token").GetString()!;

        (await _cli.RunAsync("logout")).Succeeded();

        Assert.False(File.Exists(_cli.ConfigPath));
        (await _cli.RunAsync("invitations", "--server", app.BaseAddress.ToString(), "--token", token)).Failed(ExitCodes.Unauthorized, "auth.invalid_token");
    }

    [Fact]
    public async Task ServerAndTokenOptions_WorkWithoutStoredCredentials()
    {
        var token = await app.LoginAsync("kari", "demo");

        var json = (await _cli.RunAsync("notifications", "--json", "--server", app.BaseAddress.ToString(), "--token", token)).Json;

        Assert.Equal(System.Text.Json.JsonValueKind.Array, json.ValueKind);
    }

    [Fact]
    public async Task AnyCommand_WhenServerIsUnreachable_ExitsSeven()
    {
        var result = await _cli.RunAsync("invitations", "--server", "http://127.0.0.1:1", "--token", "whatever");

        result.Failed(ExitCodes.Unavailable, "server.unreachable");
    }
}
