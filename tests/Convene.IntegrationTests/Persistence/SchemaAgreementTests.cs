using System.Data.Common;
using Convene.IntegrationTests.Infrastructure;
using Convene.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Convene.IntegrationTests.Persistence;

/// <summary>
/// The EF Core model and each provider's migrated schema agree: every mapped column exists with the same
/// nullability, and no unmapped column is NOT NULL without a default (an insert through EF would fail).
/// </summary>
public abstract class SchemaAgreementTests(ConveneApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task EfModel_MatchesTheMigratedSchema()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new DbContextOptionsBuilder<ConveneDbContext>();
        _ = App.Provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(App.ConnectionString),
            DatabaseProvider.Postgres => options.UseNpgsql(App.ConnectionString),
        };
        await using var db = new ConveneDbContext(options.Options);
        Assert.Empty(await DatabaseMigrator.PendingAsync(db, ct));
        await using var connection = await App.OpenConnectionAsync();

        var problems = new List<string>();
        var compared = 0;
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var columns = await ColumnsAsync(connection, table);
            Assert.True(columns.Count > 0, $"table {table} of {entity.ClrType.Name} does not exist");
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var mapped = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in entity.GetProperties())
            {
                var name = property.GetColumnName(store)!;
                mapped.Add(name);
                compared++;
                if (!columns.TryGetValue(name, out var column))
                {
                    problems.Add($"{table}.{name} ({entity.ClrType.Name}.{property.Name}) is not in the schema");
                }
                else if (!property.IsPrimaryKey() && property.IsColumnNullable(store) != column.Nullable)
                {
                    problems.Add($"{table}.{name}: EF says nullable={property.IsColumnNullable(store)}, the schema says {column.Nullable}");
                }
            }

            problems.AddRange(columns.Where(c => !mapped.Contains(c.Key) && !c.Value.Nullable && !c.Value.HasDefault)
                .Select(c => $"{table}.{c.Key} is NOT NULL without a default but not mapped"));
        }

        Assert.Empty(problems);
        Assert.True(compared > 100, $"only {compared} columns compared"); // the model really was walked
    }

    private async Task<Dictionary<string, (bool Nullable, bool HasDefault)>> ColumnsAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = App.Provider == DatabaseProvider.Sqlite
            ? $"SELECT name, \"notnull\", dflt_value IS NOT NULL, pk FROM pragma_table_info('{table}')"
            : $"SELECT column_name, is_nullable = 'NO', column_default IS NOT NULL OR is_identity = 'YES', false FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}'";
        var columns = new Dictionary<string, (bool, bool)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var notNull = Convert.ToBoolean(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
            var hasDefault = Convert.ToBoolean(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture)
                || Convert.ToBoolean(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture); // SQLite INTEGER PRIMARY KEY is the rowid
            columns[reader.GetString(0)] = (!notNull, hasDefault);
        }

        return columns;
    }
}

public sealed class SchemaAgreementTests_Sqlite(ConveneApp app) : SchemaAgreementTests(app), IClassFixture<ConveneApp>;

public sealed class SchemaAgreementTests_Postgres(PostgresConveneApp app) : SchemaAgreementTests(app), IClassFixture<PostgresConveneApp>;
