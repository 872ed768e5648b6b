using System.CommandLine;
using Convene.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Convene.Cli.Commands;

/// <summary><c>db migrate</c>: the versioned SQL migrations, applied without a server.</summary>
internal static class DbCommands
{
    public static Command Create(CliContext cli) => new("db", "The database, directly (no server needed).") { Migrate(cli), DbCheckCommands.Check(cli), DbCheckCommands.Backup(cli) };

    private static Command Migrate(CliContext cli)
    {
        var command = new Command("migrate", "Create the database or bring it up to the newest schema.");
        var database = LocalDatabase.For(command);
        command.SetAction(async (parse, ct) =>
        {
            var applied = await database.RunAsync(cli, parse, create: true, (services, token) =>
                DatabaseMigrator.MigrateAsync(services.GetRequiredService<ConveneDbContext>(), token), ct);
            cli.OutputFor(parse).Write(
                new { Applied = applied.Select(m => new { m.Version, m.Name }) },
                w =>
                {
                    foreach (var m in applied)
                    {
                        w.WriteLine($"Applied {Output.Number(m.Version).PadLeft(4, '0')}_{m.Name}");
                    }

                    w.WriteLine(applied.Count == 0 ? "The database is up to date." : $"Applied {Output.Number(applied.Count)} migration(s).");
                });
        });
        return command;
    }
}
