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

        var type = db.Model.FindEntityType(typeof(T))!;
        var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        // Shadow properties (lead/lag time) are left to their column defaults.
        var properties = type.GetProperties().Where(p => (withKey || !p.IsPrimaryKey()) && !p.IsShadowProperty()).ToList();
        var columns = string.Join(", ", properties.Select(p => p.GetColumnName(store)));
        var converters = properties.Select(p => p.GetRelationalTypeMapping().Converter).ToList();
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
                command.CommandText = Statement(type.GetTableName()!, columns, properties.Count, chunk.Count);
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
        var n = 0;
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

                command.Parameters[n++].Value = value ?? DBNull.Value;
            }
        }
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
