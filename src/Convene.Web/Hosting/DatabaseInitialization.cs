using Convene.Core.Directory;
using Convene.Persistence;
using Convene.Persistence.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Convene.Web.Hosting;

internal static class DatabaseInitialization
{
    /// <summary>Applies the SQL migrations and, outside Production, seeds the demo company into an empty database.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Convene.Database");
        if (db.Database.IsSqlite())
        {
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var directory = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(directory) && file != ":memory:")
            {
                Directory.CreateDirectory(directory);
            }
        }

        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            var applied = await DatabaseMigrator.MigrateAsync(db, app.Lifetime.ApplicationStopping);
            foreach (var migration in applied)
            {
                logger.LogInformation("Applied migration {Version} {Name}", migration.Version, migration.Name);
            }
        }

        if (app.Configuration.GetValue("Convene:SeedDemoData", false) && !app.Environment.IsProduction())
        {
            var directory = scope.ServiceProvider.GetRequiredService<DirectoryService>();
            if (await DemoData.SeedAsync(db, directory, app.Lifetime.ApplicationStopping))
            {
                logger.LogInformation("Seeded the demo company (users admin, frode, ingrid, kari; password '{Password}')", DemoData.Password);
            }
        }
    }
}
