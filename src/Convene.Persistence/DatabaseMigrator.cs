using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Convene.Persistence;

/// <summary>One versioned SQL migration file, embedded in this assembly.</summary>
public sealed record SqlMigration(int Version, string Name, string Sql);

/// <summary>
/// Applies the versioned SQL files under <c>Migrations/&lt;Provider&gt;/NNNN_name.sql</c> in order, each in its own
/// transaction together with its row in <c>schema_migrations</c>. Safe to run from several processes at once.
/// </summary>
/// <remarks>EF Core's migration tooling is not available here (ADR 0002); the SQL files are the schema's source of truth.</remarks>
public static partial class DatabaseMigrator
{
    public static IReadOnlyList<SqlMigration> Migrations(DatabaseProvider provider)
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        var prefix = $"migrations/{provider}/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.Replace('\\', '/').StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => (Resource: n, Match: FileName().Match(n)))
            .Where(x => x.Match.Success)
            .Select(x => new SqlMigration(
                int.Parse(x.Match.Groups["version"].Value, CultureInfo.InvariantCulture),
                x.Match.Groups["name"].Value,
                Read(assembly, x.Resource)))
            .OrderBy(m => m.Version)
            .ToList();
    }

    /// <summary>The migrations this build knows that the database has not applied (all of them on an empty database).</summary>
    public static async Task<IReadOnlyList<SqlMigration>> PendingAsync(ConveneDbContext db, CancellationToken cancellationToken)
    {
        var provider = db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var exists = connection.CreateCommand();
            exists.CommandText = provider == DatabaseProvider.Sqlite
                ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
                : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'";
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
            {
                return Migrations(provider);
            }

            await using var applied = connection.CreateCommand();
            applied.CommandText = "SELECT version FROM schema_migrations";
            var versions = new HashSet<int>();
            await using var reader = await applied.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                versions.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            }

            return Migrations(provider).Where(m => !versions.Contains(m.Version)).ToList();
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>Brings the database up to the newest schema; returns the migrations it applied.</summary>
    public static async Task<IReadOnlyList<SqlMigration>> MigrateAsync(ConveneDbContext db, CancellationToken cancellationToken)
    {
        var provider = db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            return await MigrateAsync(connection, provider, cancellationToken);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    public static async Task<IReadOnlyList<SqlMigration>> MigrateAsync(DbConnection connection, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers run while one writer commits; it is a property of the file, set once.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await ExecuteAsync(connection, null, provider == DatabaseProvider.Sqlite
            ? "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);"
            : "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());",
            cancellationToken);

        var applied = new List<SqlMigration>();
        foreach (var migration in Migrations(provider))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (provider == DatabaseProvider.Postgres)
            {
                // Several servers may start at once: one applies, the others wait and then see it applied.
                await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(7283901);", cancellationToken);
            }

            await using (var check = connection.CreateCommand())
            {
                check.Transaction = transaction;
                check.CommandText = $"SELECT COUNT(*) FROM schema_migrations WHERE version = {migration.Version.ToString(CultureInfo.InvariantCulture)}";
                var count = Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
                if (count > 0)
                {
                    await transaction.CommitAsync(cancellationToken);
                    continue;
                }
            }

            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name) VALUES (@version, @name)";
                AddParameter(record, "@version", migration.Version);
                AddParameter(record, "@name", migration.Name);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            applied.Add(migration);
        }

        return applied;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"(?<version>\d{4})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}
