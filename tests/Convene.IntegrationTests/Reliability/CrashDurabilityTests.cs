using Convene.Cli;
using Convene.Crash;
using Convene.IntegrationTests.Cli;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Reliability;

/// <summary>
/// The bounded version of bench/crash/run.sh (docs/reliability.md): a second server process on the class's
/// database, under a write load of four clients, killed with SIGKILL three times at random moments and restarted;
/// every write it acknowledged is read back with the acknowledged state, and <c>convene db check</c> is clean
/// after every kill. The full run (20+ kills per database) is the script's.
/// </summary>
public abstract class CrashDurabilityTests(ConveneApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task ThreeKillsUnderLoad_LoseNoAcknowledgedWrite_AndBreakNoInvariant()
    {
        var ct = TestContext.Current.CancellationToken;
        using var cli = new CliRunner();
        var target = new Target(App, cli);
        var report = await new CrashLoad(target, kills: 3, clients: 4, seed: 8, TextWriter.Null) { RunMilliseconds = (100, 1500) }.RunAsync(ct);
        await target.KillAsync();

        Assert.True(report.Failures.Count == 0, string.Join('\n', report.Failures.Prepend(report.ToString())));
        Assert.Equal(3, report.Kills);
        Assert.True(report.AcknowledgedWrites > 0, report.ToString());
    }

    private sealed class Target(ConveneApp app, CliRunner cli) : ICrashTarget
    {
        private ServerProcess? _server;

        public async Task<Uri> StartAsync(CancellationToken ct)
        {
            _server = await ServerProcess.StartAsync(app.Provider.ToString(), app.ConnectionString, ct);
            return _server.BaseAddress;
        }

        public async Task KillAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync(); // Process.Kill: SIGKILL on Linux
                _server = null;
            }
        }

        public async Task<string?> CheckAsync(CancellationToken ct)
        {
            var result = await app.CheckAsync(cli);
            return result.ExitCode == ExitCodes.Ok ? null : result.Stdout + result.Stderr;
        }
    }
}

public sealed class CrashDurabilityTests_Sqlite(ConveneApp app) : CrashDurabilityTests(app), IClassFixture<ConveneApp>;

public sealed class CrashDurabilityTests_Postgres(PostgresConveneApp app) : CrashDurabilityTests(app), IClassFixture<PostgresConveneApp>;
