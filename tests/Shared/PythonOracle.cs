using System.Diagnostics;
using System.Text;

namespace Convene.Tests.Shared;

/// <summary>
/// Shared by Convene.Core.Tests and Convene.ICalendar.Tests (linked source). Runs Debian's python3 (python3-icalendar and python3-dateutil, which .ci/run installs) as an independent
/// implementation. A missing module fails the test on CI (CI=true) and skips it elsewhere.
/// </summary>
internal static class PythonOracle
{
    // Debian's interpreter: a pyenv python3 earlier on PATH cannot import Debian's dist-packages.
    private const string Python = "/usr/bin/python3";

    public static void Require(string module, string package)
    {
        string? reason = null;
        if (!File.Exists(Python))
        {
            reason = Python + " is missing";
        }
        else if (Run(string.Empty, "-c", "import " + module).Exit != 0)
        {
            reason = package + " is not installed (apt-get install -y " + package + ")";
        }

        if (reason is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("Oracle unavailable on CI: " + reason + ".");
        }

        Assert.Skip("Oracle unavailable: " + reason + ".");
    }

    public static (int Exit, string Stdout, string Stderr) Run(string stdin, params string[] args)
    {
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("python3 did not exit.");
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
