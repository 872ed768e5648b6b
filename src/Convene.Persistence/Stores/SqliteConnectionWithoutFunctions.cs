using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace Convene.Persistence.Stores;

/// <summary>
/// EF Core's SQLite connection without the user functions EF Core adds to every connection it creates (ef_mod, ef_add,
/// ef_compare … for decimal arithmetic, regexp for Regex.IsMatch; Convene's model and queries use none of them).
/// Microsoft.Data.Sqlite registers them with SQLite on every open and deletes them on every close, and deleting a
/// function expires every prepared statement of the native connection (sqlite3_create_function,
/// https://www.sqlite.org/c3ref/create_function.html) — so <see cref="SqliteStatements"/> kept statements that SQLite
/// compiled again on their next use (perf: sqlite3ExpirePreparedStatements and the parser as high as without the cache;
/// issue 8). A query that needed one of those functions would fail with "no such function", not give a wrong answer.
/// </summary>
#pragma warning disable EF1001 // EF Core's internal API: the one place where the connection EF Core creates can be chosen.
internal sealed class SqliteConnectionWithoutFunctions(
    RelationalConnectionDependencies dependencies, IRawSqlCommandBuilder rawSqlCommandBuilder, IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    protected override DbConnection CreateDbConnection() => new SqliteConnection(GetValidatedConnectionString());
}
#pragma warning restore EF1001
