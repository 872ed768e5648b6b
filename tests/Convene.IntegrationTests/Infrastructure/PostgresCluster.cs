using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Convene.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the test run: initdb + pg_ctl on a free loopback port in a temp folder,
/// started on first use and stopped when the test process exits. Set CONVENE_TEST_POSTGRES to a connection
/// string (a superuser on a server of your own) to use that server instead.
/// </summary>
public sealed class PostgresCluster
{
    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartAsync);
    private readonly string? _dataDirectory;
    private readonly string? _binDirectory;

    private PostgresCluster(string? adminConnectionString, string? unavailable, string? dataDirectory = null, string? binDirectory = null)
    {
        AdminConnectionString = adminConnectionString;
        Unavailable = unavailable;
        _dataDirectory = dataDirectory;
        _binDirectory = binDirectory;
    }

    /// <summary>Why there is no server (binaries missing or start failed), or null when there is one.</summary>
    public string? Unavailable { get; }

    public string? AdminConnectionString { get; }

    public static Task<PostgresCluster> GetAsync() => Shared.Value;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"convene_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 50 }.ConnectionString;
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("CONVENE_TEST_POSTGRES") is { Length: > 0 } external)
        {
            return new PostgresCluster(external, null);
        }

        var bin = FindBinaries();
        if (bin is null)
        {
            return new PostgresCluster(null, "PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql");
        }

        var root = Path.Combine(Path.GetTempPath(), $"convene-pg-{Guid.NewGuid():N}");
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb refuses to run as root: the server runs as the postgres user, which must own the folder.
            await RunAsync("chown", ["postgres:postgres", root]);
        }

        var port = FreePort();
        try
        {
            await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], asRoot);
            var options = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400";
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o", options, "start"], asRoot);
        }
        catch (InvalidOperationException e)
        {
            return new PostgresCluster(null, $"Could not start a PostgreSQL server: {e.Message}");
        }

        var cluster = new PostgresCluster($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false", null, data, bin);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop(root, asRoot);
        return cluster;
    }

    private void Stop(string root, bool asRoot)
    {
        try
        {
            var arguments = new[] { Path.Combine(_binDirectory!, "pg_ctl"), "-D", _dataDirectory!, "-m", "immediate", "stop" };
            using var process = Process.Start(Start(arguments[0], arguments[1..], asRoot))!;
            process.WaitForExit(20_000);
            Directory.Delete(root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // best effort at process exit: a temp folder
        }
    }

    private static string? FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderByDescending(d => d, StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return candidates.Concat(onPath).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ProcessStartInfo Start(string file, IEnumerable<string> arguments, bool asPostgres)
    {
        var info = new ProcessStartInfo(asPostgres ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                info.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        return info;
    }

    private static async Task RunAsync(string file, IEnumerable<string> arguments, bool asPostgres = false)
    {
        using var process = Process.Start(Start(file, arguments, asPostgres)) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
