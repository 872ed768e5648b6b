using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Convene.Persistence.Stores;

/// <summary>
/// Multi-row INSERTs built from the EF model (table, columns, value converters), for writes of thousands of rows in one
/// transaction — a new series (issue 7) — where EF Core's one statement per row costs seconds. Ids are reserved first, so
/// rows can point at each other (mother_id, text_id) before they are written.
/// </summary>
internal static class BulkInsert
{
    // PostgreSQL: many rows per statement (one round trip each; 65,535 parameters at most). SQLite runs in-process, so
    // round trips cost nothing, but Microsoft.Data.Sqlite looks every parameter up by name at each execution
    // (sqlite3_bind_parameter_index, linear in the statement's parameters): one row per statement, prepared once and
    // executed for every row, is the fast form there.
    private const int MaxPostgresParameters = 8_000;

    /// <summary>
    /// Reserves <paramref name="count"/> new ids of <paramref name="entityType"/>'s key. PostgreSQL: from the identity
    /// sequence (never handed out twice, even under concurrency). SQLite: above the largest id ever used (the
    /// AUTOINCREMENT sequence), which is safe because SQLite write transactions run one at a time.
    /// </summary>
    public static async Task<IReadOnlyList<int>> ReserveIdsAsync(ConveneDbContext db, Type entityType, int count, CancellationToken ct)
    {
        var (table, key) = TableAndKey(db, entityType);
        await using var command = Command(db);
        if (db.IsPostgres)
        {
            command.CommandText = $"SELECT nextval(pg_get_serial_sequence('{table}', '{key}')) FROM generate_series(1, {count.ToString(CultureInfo.InvariantCulture)})";
            var ids = new List<int>(count);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            }

            return ids;
        }

        command.CommandText = $"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0), COALESCE((SELECT MAX({key}) FROM {table}), 0))";
        var last = Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        return Enumerable.Range(last + 1, count).ToList();
    }

    /// <summary>
    /// Reserves ids for several tables at once: on PostgreSQL in one round trip (one array of new ids per table), on
    /// SQLite one table after another (in-process, so nothing is saved by combining them).
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyList<int>>> ReserveIdsAsync(ConveneDbContext db, IReadOnlyList<(Type EntityType, int Count)> requests, CancellationToken ct)
    {
        if (!db.IsPostgres || requests.Count(r => r.Count > 0) < 2)
        {
            var each = new List<IReadOnlyList<int>>(requests.Count);
            foreach (var (entityType, count) in requests)
            {
                each.Add(count == 0 ? [] : await ReserveIdsAsync(db, entityType, count, ct));
            }

            return each;
        }

        await using var command = Command(db);
        command.CommandText = "SELECT " + string.Join(", ", requests.Select(r =>
        {
            var (table, key) = TableAndKey(db, r.EntityType);
            return $"ARRAY(SELECT nextval(pg_get_serial_sequence('{table}', '{key}')) FROM generate_series(1, {r.Count.ToString(CultureInfo.InvariantCulture)}))";
        }));
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return requests.Select((_, i) => (IReadOnlyList<int>)reader.GetFieldValue<long[]>(i).Select(id => checked((int)id)).ToList()).ToList();
    }

    /// <summary>Sets the key of an entity that is not tracked (its setter is private to the domain).</summary>
    public static void SetKey<T>(ConveneDbContext db, T entity, int id)
        where T : class
    {
        var key = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties[0];
        key.PropertyInfo!.SetValue(entity, key.ClrType == typeof(long) ? (object)(long)id : id);
    }

    /// <summary>Inserts the entities as they are (with their keys when <paramref name="withKey"/>), in few statements; they stay untracked.</summary>
    public static async Task InsertAsync<T>(ConveneDbContext db, IReadOnlyList<T> entities, bool withKey, CancellationToken ct)
        where T : class
    {
        if (entities.Count == 0)
        {
            return;
        }

        var (table, properties, columns, converters) = Shape<T>(db, withKey);
        var perStatement = db.IsPostgres ? Math.Max(1, MaxPostgresParameters / properties.Count) : 1;
        DbCommand? reused = null;
        try
        {
            for (var offset = 0; offset < entities.Count; offset += perStatement)
            {
                var chunk = entities.Skip(offset).Take(perStatement).ToList();
                if (reused is not null && chunk.Count == perStatement)
                {
                    Bind(reused, chunk, properties, converters);
                    await reused.ExecuteNonQueryAsync(ct);
                    continue;
                }

                var command = Command(db);
                command.CommandText = Statement(table, columns, properties.Count, chunk.Count);
                for (var i = 0; i < chunk.Count * properties.Count; i++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                    command.Parameters.Add(parameter);
                }

                Bind(command, chunk, properties, converters);
                await command.ExecuteNonQueryAsync(ct);
                if (reused is null && chunk.Count == perStatement)
                {
                    reused = command;
                }
                else
                {
                    await command.DisposeAsync();
                }
            }
        }
        finally
        {
            if (reused is not null)
            {
                await reused.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Inserts each set of rows in order, then runs <paramref name="postgresThen"/> (PostgreSQL only): on PostgreSQL all
    /// of it in one round trip (a DbBatch of multi-row INSERTs), on SQLite set after set as <see cref="InsertAsync{T}"/>
    /// does. A meeting's create wrote its text, rows, notifications and history, then its NOTIFY, in five round trips.
    /// </summary>
    public static async Task InsertAllAsync(ConveneDbContext db, IReadOnlyList<Rows> sets, (string Sql, IReadOnlyList<(string Name, object Value)> Parameters)? postgresThen, CancellationToken ct)
    {
        if (!db.IsPostgres)
        {
            foreach (var set in sets)
            {
                await set.InsertAsync(db, ct);
            }

            return;
        }

        await using var batch = db.Database.GetDbConnection().CreateBatch();
        batch.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var set in sets)
        {
            set.AddTo(db, batch);
        }

        if (postgresThen is var (sql, parameters))
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            AdoQuery.Bind(command.Parameters, command.CreateParameter, parameters);
            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The rows of one entity type for <see cref="InsertAllAsync"/>.</summary>
    public sealed class Rows
    {
        private readonly Func<ConveneDbContext, CancellationToken, Task> _insert;
        private readonly Action<ConveneDbContext, DbBatch> _addTo;

        private Rows(Func<ConveneDbContext, CancellationToken, Task> insert, Action<ConveneDbContext, DbBatch> addTo) => (_insert, _addTo) = (insert, addTo);

        public static Rows Of<T>(IReadOnlyList<T> entities, bool withKey)
            where T : class =>
            new((db, ct) => BulkInsert.InsertAsync(db, entities, withKey, ct), (db, batch) => AddCommands(db, batch, entities, withKey));

        internal Task InsertAsync(ConveneDbContext db, CancellationToken ct) => _insert(db, ct);

        internal void AddTo(ConveneDbContext db, DbBatch batch) => _addTo(db, batch);
    }

    private static void AddCommands<T>(ConveneDbContext db, DbBatch batch, IReadOnlyList<T> entities, bool withKey)
        where T : class
    {
        if (entities.Count == 0)
        {
            return;
        }

        var (table, properties, columns, converters) = Shape<T>(db, withKey);
        var perStatement = Math.Max(1, MaxPostgresParameters / properties.Count);
        for (var offset = 0; offset < entities.Count; offset += perStatement)
        {
            var chunk = entities.Skip(offset).Take(perStatement).ToList();
            var command = batch.CreateBatchCommand();
            command.CommandText = Statement(table, columns, properties.Count, chunk.Count);
            AdoQuery.Bind(command.Parameters, command.CreateParameter, Values(chunk, properties, converters).Select((value, i) => ("@p" + i.ToString(CultureInfo.InvariantCulture), value)));
            batch.BatchCommands.Add(command);
        }
    }

    private static (string Table, List<IProperty> Properties, string Columns, List<Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter?> Converters) Shape<T>(ConveneDbContext db, bool withKey)
    {
        var type = db.Model.FindEntityType(typeof(T))!;
        var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        // Shadow properties (lead/lag time) are left to their column defaults.
        var properties = type.GetProperties().Where(p => (withKey || !p.IsPrimaryKey()) && !p.IsShadowProperty()).ToList();
        var columns = string.Join(", ", properties.Select(p => p.GetColumnName(store)));
        var converters = properties.Select(p => p.GetRelationalTypeMapping().Converter).ToList();
        return (type.GetTableName()!, properties, columns, converters);
    }

    private static string Statement(string table, string columns, int columnCount, int rows)
    {
        var sql = new StringBuilder($"INSERT INTO {table} ({columns}) VALUES ");
        var n = 0;
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var c = 0; c < columnCount; c++)
            {
                sql.Append(c == 0 ? "@p" : ", @p").Append(n++.ToString(CultureInfo.InvariantCulture));
            }

            sql.Append(')');
        }

        return sql.ToString();
    }

    private static void Bind<T>(DbCommand command, List<T> chunk, List<IProperty> properties, List<Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter?> converters)
    {
        var values = Values(chunk, properties, converters);
        for (var i = 0; i < values.Count; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }

    // The provider values of every column of every row, row after row (the parameter order of Statement).
    private static List<object> Values<T>(List<T> chunk, List<IProperty> properties, List<Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter?> converters)
    {
        var values = new List<object>(chunk.Count * properties.Count);
        foreach (var entity in chunk)
        {
            for (var c = 0; c < properties.Count; c++)
            {
                var value = properties[c].PropertyInfo is { } info ? info.GetValue(entity)
                    : properties[c].FieldInfo is { } field ? field.GetValue(entity)
                    : throw new InvalidOperationException($"{typeof(T).Name}.{properties[c].Name} has no CLR member to read.");
                if (value is not null && converters[c] is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                values.Add(value ?? DBNull.Value);
            }
        }

        return values;
    }

    private static (string Table, string Key) TableAndKey(ConveneDbContext db, Type entityType)
    {
        var type = db.Model.FindEntityType(entityType)!;
        var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        return (type.GetTableName()!, type.FindPrimaryKey()!.Properties[0].GetColumnName(store)!);
    }

    private static DbCommand Command(ConveneDbContext db)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }
}
