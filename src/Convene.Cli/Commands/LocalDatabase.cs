using System.CommandLine;
using System.Data.Common;
using Convene.Core.Common;
using Convene.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Convene.Cli.Commands;

/// <summary>
/// <c>--provider</c> and <c>--connection</c> of a command that works on the database directly (trusted local
/// administration, no server), and the Core services over it.
/// </summary>
internal sealed class LocalDatabase
{
    public const string DefaultSqlite = "Data Source=convene.db";

    private readonly Option<string> _provider = new Option<string>("--provider")
    {
        Description = "sqlite or postgres (default: CONVENE_DB_PROVIDER, else sqlite).",
    }.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "sqlite", "postgres");

    private readonly Option<string> _connection = new("--connection")
    {
        Description = $"Connection string (default: CONVENE_CONNECTION, else '{DefaultSqlite}' for sqlite).",
    };

    private LocalDatabase()
    {
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public static LocalDatabase For(Command command)
    {
        var database = new LocalDatabase();
        command.Options.Add(database._provider);
        command.Options.Add(database._connection);
        return database;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a service scope over the database. A database that cannot be used fails with
    /// exit code 7; with <paramref name="create"/> false a missing SQLite file is not created but reported.
    /// </summary>
    public async Task<T> RunAsync<T>(CliContext cli, ParseResult parse, bool create, Func<IServiceProvider, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var (provider, connectionString) = Resolve(cli, parse);
        if (provider == DatabaseProvider.Sqlite)
        {
            PrepareSqliteFile(connectionString, create);
        }

        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddConvene(provider, connectionString)
            .BuildServiceProvider(validateScopes: true);
        await using (services)
        {
            await using var scope = services.CreateAsyncScope();
            try
            {
                return await work(scope.ServiceProvider, ct);
            }
            catch (Exception e) when (e is DbException or DbUpdateException)
            {
                var message = (e.InnerException ?? e).Message;
                throw CliException.Unavailable("db.error", $"The {provider} database failed: {message} (is it migrated? run 'convene db migrate')");
            }
            finally
            {
                if (scope.ServiceProvider.GetRequiredService<ConveneDbContext>().Database.GetDbConnection() is SqliteConnection sqlite)
                {
                    SqliteConnection.ClearPool(sqlite); // let go of the file when the command is done
                }
            }
        }
    }

    /// <summary>A Core result's value, or its error as the command's failure.</summary>
    public static T Unwrap<T>(Result<T> result) => result.IsSuccess ? result.Value : throw new CliException(result.Error!);

    private (DatabaseProvider Provider, string ConnectionString) Resolve(CliContext cli, ParseResult parse)
    {
        var text = parse.GetValue(_provider) ?? cli.Env("CONVENE_DB_PROVIDER");
        DatabaseProvider provider;
        try
        {
            provider = ServiceCollectionExtensions.ParseProvider(text);
        }
        catch (InvalidOperationException)
        {
            throw CliException.Usage("cli.unknown_provider", $"The database provider '{text}' is not supported; use sqlite or postgres.");
        }

        var connectionString = parse.GetValue(_connection) ?? cli.Env("CONVENE_CONNECTION")
            ?? (provider == DatabaseProvider.Sqlite
                ? DefaultSqlite
                : throw CliException.Usage("cli.connection_required", "PostgreSQL needs --connection or CONVENE_CONNECTION."));
        return (provider, connectionString);
    }

    private static void PrepareSqliteFile(string connectionString, bool create)
    {
        string file;
        try
        {
            file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        }
        catch (ArgumentException e)
        {
            throw CliException.Usage("cli.invalid_connection", $"The connection string is not valid for SQLite: {e.Message}");
        }

        if (file.Length == 0 || file == ":memory:")
        {
            return;
        }

        var path = Path.GetFullPath(file);
        if (create)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        else if (!File.Exists(path))
        {
            throw new CliException(Error.NotFound("db.not_found", $"There is no database at {path}; create it with 'convene db migrate'."));
        }
    }
}
