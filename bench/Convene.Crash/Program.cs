using System.Diagnostics;
using System.Globalization;
using System.Net;
using Convene.Core.Directory;
using Convene.Crash;
using Convene.Persistence;
using Convene.Persistence.Seeding;
using Microsoft.Extensions.DependencyInjection;

// Usage (bench/crash/run.sh wraps it; see docs/reliability.md):
//   Convene.Crash <sqlite|postgres> <connection string> <Convene.Web.dll> <convene.dll (the CLI)> <port> [kills] [clients] [seed]
if (args.Length < 5)
{
    Console.Error.WriteLine("usage: Convene.Crash <sqlite|postgres> <connection string> <Convene.Web.dll> <convene.dll> <port> [kills=20] [clients=6] [seed]");
    return 2;
}

var provider = ServiceCollectionExtensions.ParseProvider(args[0]);
var connectionString = args[1];
var kills = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 20;
var clients = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 6;
var seed = args.Length > 7 ? int.Parse(args[7], CultureInfo.InvariantCulture) : Environment.TickCount;

// Production never seeds the demo company, so the run seeds it once into the empty database (migrations first).
await using (var services = new ServiceCollection().AddConvene(provider, connectionString).BuildServiceProvider())
{
    await using var scope = services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<ConveneDbContext>();
    await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);
    await DemoData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<DirectoryService>(), CancellationToken.None);
}

Console.WriteLine($"crash run: {provider}, {kills} kills, {clients} clients, seed {seed}");
var target = new ProcessTarget(provider, connectionString, args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture));
var clock = Stopwatch.StartNew();
var report = await new CrashLoad(target, kills, clients, seed, Console.Out).RunAsync(CancellationToken.None);
Console.WriteLine($"{provider}: {report} in {clock.Elapsed.TotalSeconds:0} s");
foreach (var failure in report.Failures)
{
    Console.WriteLine($"FAIL {failure}");
}

return report.Failures.Count == 0 ? 0 : 1;

/// <summary>The built Convene.Web.dll as its own process in the Production environment, killed with SIGKILL.</summary>
internal sealed class ProcessTarget(DatabaseProvider provider, string connectionString, string webDll, string cliDll, int port) : ICrashTarget
{
    private Process? _server;

    public async Task<Uri> StartAsync(CancellationToken ct)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(webDll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(webDll);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Database__Provider"] = provider.ToString();
        info.Environment["ConnectionStrings__Convene"] = connectionString;
        _server = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { Console.Error.WriteLine($"  server: {line}"); } };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}/");
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {_server.ExitCode}");
            }

            try
            {
                if ((await client.GetAsync("/health/ready", ct)).StatusCode == HttpStatusCode.OK)
                {
                    return address;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException("the server did not become ready in 60 s");
    }

    public async Task KillAsync()
    {
        if (_server is { } server)
        {
            server.Kill(entireProcessTree: true); // SIGKILL on Linux
            await server.WaitForExitAsync();
            server.Dispose();
            _server = null;
        }
    }

    public async Task<string?> CheckAsync(CancellationToken ct)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { cliDll, "db", "check", "--provider", provider.ToString().ToLowerInvariant(), "--connection", connectionString })
        {
            info.ArgumentList.Add(a);
        }

        using var check = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var output = check.StandardOutput.ReadToEndAsync(ct);
        var error = check.StandardError.ReadToEndAsync(ct);
        await check.WaitForExitAsync(ct);
        return check.ExitCode == 0 ? null : $"exit {check.ExitCode}: {await output}{await error}";
    }
}
