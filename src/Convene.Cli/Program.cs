using System.CommandLine;
using Convene.Cli.Commands;

namespace Convene.Cli;

/// <summary>
/// <c>convene</c>: the scripting path to a Convene server (HTTP with a bearer token) and trusted local administration
/// of its database. Exit codes are in <see cref="ExitCodes"/>.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Runs one command line. <paramref name="environment"/>, when given, replaces the process's environment.</summary>
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        IReadOnlyDictionary<string, string?>? environment = null,
        TextReader? stdin = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var cli = new CliContext(stdout, environment, stdin ?? Console.In);
        var parse = BuildRoot(cli).Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"error: {error.Message} (usage)");
            }

            stderr.WriteLine("Run 'convene --help' for the commands and their options.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            stderr.WriteLine($"error: {e.Message} ({e.Code})");
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("error: cancelled (cli.cancelled)");
            return ExitCodes.Unexpected;
        }
#pragma warning disable CA1031 // the last resort: one line, no stack trace, exit code 1
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"error: {e.Message} (unexpected {e.GetType().Name})");
            return ExitCodes.Unexpected;
        }
    }

    private static RootCommand BuildRoot(CliContext cli)
    {
        var root = new RootCommand("Convene: meetings and invitations from the command line, and local administration of the database.");
        root.Options.Add(cli.Json);
        root.Options.Add(cli.Server);
        root.Options.Add(cli.Token);
        foreach (var command in SessionCommands.Create(cli)
            .Concat(MeetingCommands.Create(cli))
            .Concat(DiaryCommands.Create(cli))
            .Concat(AdminCommands.Create(cli))
            .Append(ItipCommands.Create(cli))
            .Append(DbCommands.Create(cli)))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
