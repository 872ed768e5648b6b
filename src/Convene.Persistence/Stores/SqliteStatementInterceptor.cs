using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Convene.Persistence.Stores;

/// <summary>
/// Runs EF Core's SQLite commands — its queries and the writes of SaveChanges — on the statements
/// <see cref="SqliteStatements"/> keeps per connection, instead of letting Microsoft.Data.Sqlite compile each command's
/// SQL again (issue 8). A command this cannot run exactly as Microsoft.Data.Sqlite would (more than one statement, a
/// parameter with a type or size that makes Microsoft.Data.Sqlite convert its value) runs as it is.
/// </summary>
internal sealed class SqliteStatementInterceptor : DbCommandInterceptor
{
    public static readonly SqliteStatementInterceptor Instance = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Open(command) is { } reader ? InterceptionResult<DbDataReader>.SuppressWithResult(reader) : result;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ReaderExecuting(command, eventData, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        using var reader = Open(command);
        return reader is null ? result : InterceptionResult<int>.SuppressWithResult(reader.ExecuteToEnd());
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(NonQueryExecuting(command, eventData, result));

    // As Microsoft.Data.Sqlite: the first column of the first row, null without a row; the statement runs to its end.
    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        using var reader = Open(command);
        if (reader is null)
        {
            return result;
        }

        var value = reader.Read() ? reader.GetValue(0) : null;
        reader.ExecuteToEnd();
        return InterceptionResult<object>.SuppressWithResult(value!);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ScalarExecuting(command, eventData, result));

    private static SqliteStatementReader? Open(DbCommand command) =>
        command is SqliteCommand { Connection: { State: System.Data.ConnectionState.Open } connection } sqlite
        && SqliteStatements.Values(sqlite.Parameters) is { } values
            ? SqliteStatements.TryOpen(connection, sqlite.CommandText, values, strict: false)
            : null;
}
