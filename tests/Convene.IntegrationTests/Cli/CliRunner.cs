using System.Text.Json;
using CliProgram = Convene.Cli.Program;

namespace Convene.IntegrationTests.Cli;

/// <summary>What one in-process run of <c>convene</c> printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json
    {
        get
        {
            Assert.True(ExitCode == 0, $"exit code {ExitCode}: {Stderr}");
            return JsonDocument.Parse(Stdout).RootElement.Clone();
        }
    }

    public CliResult Succeeded()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}: {Stderr}");
        Assert.Equal("", Stderr);
        return this;
    }

    /// <summary>An expected failure: the exit code, one <c>error: ... (code)</c> line on stderr, nothing on stdout.</summary>
    public CliResult Failed(int exitCode, string code)
    {
        Assert.True(ExitCode == exitCode, $"expected exit code {exitCode} but got {ExitCode}: {Stderr}");
        Assert.StartsWith("error: ", Stderr, StringComparison.Ordinal);
        Assert.Contains($"({code})", Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Stderr, StringComparison.Ordinal);
        Assert.Equal("", Stdout);
        return this;
    }
}

/// <summary>Runs <see cref="CliProgram.RunAsync"/> with its own environment and credentials file in a temp folder.</summary>
public sealed class CliRunner : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "convene-cli-tests", Guid.NewGuid().ToString("N"));

    public CliRunner()
    {
        Directory.CreateDirectory(_directory);
        Environment = new Dictionary<string, string?> { ["CONVENE_CONFIG"] = ConfigPath };
    }

    public string ConfigPath => Path.Combine(_directory, "config", "credentials.json");

    public string Folder => _directory;

    public Dictionary<string, string?> Environment { get; }

    public async Task<CliResult> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    public async Task<CliResult> RunWithInputAsync(string? stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = new StringReader(stdin ?? "");
        var exitCode = await CliProgram.RunAsync(args, stdout, stderr, Environment, input);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }
    }
}
