using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace Convene.Persistence.Stores;

/// <summary>
/// Hand-written SQL on the context's own connection (and its transaction, when one is open), read with a plain data
/// reader. For the reads every request or most requests make — authentication, a diary, the invitations, the busy rows:
/// EF Core's per-query work (parameter extraction from the expression tree, the compiled-query cache lookup, the
/// shaper) was about a fifth of the server's CPU on a diary read (issue 8, docs/benchmarks.md). The SQL uses the
/// schema's names, which both providers share; values are always parameters, bound as EF Core binds them (instants as
/// UTC <see cref="DateTime"/>: TEXT on SQLite, timestamptz on PostgreSQL), so comparisons match EF's own queries.
/// </summary>
internal static class AdoQuery
{
    public static async Task<List<T>> ListAsync<T>(
        ConveneDbContext db, string sql, IReadOnlyList<(string Name, object Value)> parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection sqlite)
            {
                // The statement compiled once per pooled connection (SqliteStatements); on the request's transaction,
                // if one is open, since the native connection is the same.
                return SqliteStatements.List(sqlite, sql, parameters, read);
            }

            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            Bind(command.Parameters, command.CreateParameter, parameters);

            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        finally
        {
            // Reference-counted by EF Core: a connection the request opened earlier (a transaction) stays open.
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Adds the named values to a command's (or a batch command's) parameters.</summary>
    public static void Bind(DbParameterCollection target, Func<DbParameter> create, IEnumerable<(string Name, object Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameter.Value = value;
            target.Add(parameter);
        }
    }

    /// <summary>Adds <c>@prefix0, @prefix1, …</c> for <paramref name="values"/> and returns the list for an <c>IN (…)</c>.</summary>
    public static string AddList(List<(string Name, object Value)> parameters, string prefix, IEnumerable<int> values)
    {
        var list = new StringBuilder();
        foreach (var value in values)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"@{prefix}{parameters.Count}");
            list.Append(list.Length == 0 ? "" : ",").Append(name);
            parameters.Add((name, value));
        }

        return list.ToString();
    }

    /// <summary>
    /// Domain codes (statuses, types) for an <c>IN (…)</c> in the SQL text: constants of the enums, never input, so they
    /// are written as numbers and the statement text stays the same from call to call.
    /// </summary>
    public static string Codes<TEnum>(params IEnumerable<TEnum> codes)
        where TEnum : struct, Enum =>
        string.Join(',', codes.Select(c => Convert.ToInt32(c, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// An instant column. On SQLite it is TEXT as EF Core writes it (<c>yyyy-MM-dd HH:mm:ss[.FFFFFFF]</c>), read here
    /// digit by digit: Microsoft.Data.Sqlite's <c>GetDateTime</c> goes through <see cref="DateTime.Parse(string)"/>, which
    /// was ~2 % of the server's CPU under the load benchmark's mix (an invitations list reads ~240 of them; issue 8).
    /// Anything else is left to the provider.
    /// </summary>
    public static Instant GetInstant(this DbDataReader reader, int ordinal) =>
        reader switch
        {
            SqliteStatementReader raw when SqliteTimestamp.TryParse(raw.GetUtf8(ordinal), out var instant) => instant,
            Microsoft.Data.Sqlite.SqliteDataReader when SqliteTimestamp.TryParse(reader.GetString(ordinal), out var instant) => instant,
            _ => Instant.FromDateTimeUtc(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc)),
        };

    public static Instant? GetNullableInstant(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInstant(ordinal);

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
