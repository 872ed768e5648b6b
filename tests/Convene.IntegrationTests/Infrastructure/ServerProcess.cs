using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Convene.IntegrationTests.Infrastructure;

/// <summary>
/// A second Convene.Web server as its own operating-system process (the built Convene.Web.dll), on a free loopback
/// port, against a database of the caller's choosing — for tests of several instances on one database.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(string provider, string connectionString, CancellationToken ct)
    {
        var dll = WebAssemblyPath();
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(dll);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Database__Provider"] = provider;
        info.Environment["ConnectionStrings__Convene"] = connectionString;
        info.Environment["Convene__SeedDemoData"] = "false";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The second server exited with {process.ExitCode}: {server.Output}");
            }

            try
            {
                if ((await client.GetAsync("/health/ready", ct)).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100, ct);
        }

        await server.DisposeAsync();
        throw new TimeoutException($"The second server did not become ready: {server.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>The Convene.Web.dll built in the same configuration as these tests.</summary>
    private static string WebAssemblyPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Convene.slnx")))
        {
            directory = directory.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Convene.slnx not found"), "src", "Convene.Web", "bin", configuration, "net10.0", "Convene.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first.", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
