using System.CommandLine;
using Convene.Persistence;
using Convene.Persistence.Integrity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Convene.Cli.Commands;

/// <summary><c>db check</c> (the data model's invariants) and <c>db backup</c> (SQLite online backup).</summary>
internal static class DbCheckCommands
{
    public static Command Check(CliContext cli)
    {
        var command = new Command("check", $"Verify the stored meetings' invariants; exit code {ExitCodes.IntegrityViolated} when any is broken.");
        var database = LocalDatabase.For(command);
        command.SetAction(async (parse, ct) =>
        {
            var report = await database.RunAsync(cli, parse, create: false, (services, token) =>
                DatabaseCheck.RunAsync(services.GetRequiredService<ConveneDbContext>(), token), ct);
            cli.OutputFor(parse).Write(
                new
                {
                    Clean = report.IsClean,
                    Violations = report.ViolationCount,
                    Invariants = report.Invariants.Select(i => new { i.Code, i.Description, i.Count, i.Samples }),
                },
                w =>
                {
                    foreach (var invariant in report.Invariants)
                    {
                        w.WriteLine($"{(invariant.Holds ? "ok  " : "FAIL")} {invariant.Code}: {invariant.Description}");
                        foreach (var sample in invariant.Samples)
                        {
                            w.WriteLine($"       {sample}");
                        }

                        if (invariant.Count > invariant.Samples.Count)
                        {
                            w.WriteLine($"       ... and {Output.Number(invariant.Count - invariant.Samples.Count)} more");
                        }
                    }

                    w.WriteLine(report.IsClean
                        ? "The database is consistent."
                        : $"The database violates its invariants: {Output.Number(report.ViolationCount)} violation(s).");
                });
            return report.IsClean ? ExitCodes.Ok : ExitCodes.IntegrityViolated;
        });
        return command;
    }

    public static Command Backup(CliContext cli)
    {
        var command = new Command("backup", "Copy a live SQLite database to a file (online backup). PostgreSQL: use pg_dump (docs/reliability.md).");
        var to = new Option<string>("--to") { Description = "The backup file to write (replaced if it exists).", Required = true };
        command.Options.Add(to);
        var database = LocalDatabase.For(command);
        command.SetAction(async (parse, ct) =>
        {
            var target = Path.GetFullPath(parse.GetValue(to)!);
            var pages = await database.RunAsync(cli, parse, create: false, async (services, token) =>
            {
                var db = services.GetRequiredService<ConveneDbContext>();
                if (db.Database.GetDbConnection() is not SqliteConnection source)
                {
                    throw CliException.Usage("db.backup_unsupported", "db backup copies SQLite databases; back up PostgreSQL with pg_dump (see docs/reliability.md).");
                }

                await source.OpenAsync(token);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var temporary = target + ".partial";
                File.Delete(temporary);
                await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Pooling = false }.ToString()))
                {
                    await destination.OpenAsync(token);
                    // sqlite3_backup (https://sqlite.org/backup.html): a consistent copy while the server keeps writing.
                    source.BackupDatabase(destination);
                }

                // Only a finished copy gets the name: an interrupted backup never looks like a good one.
                File.Move(temporary, target, overwrite: true);
                return new FileInfo(target).Length;
            }, ct);
            cli.OutputFor(parse).Write(new { File = target, Bytes = pages }, w => w.WriteLine($"Backed up to {target} ({pages.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes)."));
        });
        return command;
    }
}
