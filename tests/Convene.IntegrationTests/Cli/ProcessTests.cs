using System.Diagnostics;
using Convene.Cli;

namespace Convene.IntegrationTests.Cli;

/// <summary>The built <c>convene</c> executable as a real process (copied next to the tests by the project reference).</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly CliRunner _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Help_AsProcess_ListsTheCommandsAndExitsZero()
    {
        var (exitCode, stdout, _) = await RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, exitCode);
        foreach (var command in new[] { "login", "invite", "invitations", "accept", "decline", "diary", "associate", "db" })
        {
            Assert.Contains(command, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DbMigrate_AsProcess_CreatesTheDatabase()
    {
        var file = Path.Combine(_temp.Folder, "process.db");

        var (exitCode, stdout, stderr) = await RunAsync("db", "migrate", "--connection", $"Data Source={file}");

        Assert.True(exitCode == ExitCodes.Ok, stderr);
        Assert.Contains("Applied 0001_initial", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(file));
    }

    [Fact]
    public async Task UnknownCommand_AsProcess_ExitsTwoWithoutStackTrace()
    {
        var (exitCode, stdout, stderr) = await RunAsync("frobnicate");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "convene.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing; the test project references the CLI project.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = _temp.Folder,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CONVENE_CONFIG"] = _temp.ConfigPath;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var ct = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout, await stderr);
    }
}
