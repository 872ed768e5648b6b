using Convene.Core.Appointments;
using Convene.Core.Diary;
using Convene.Core.Directory;
using Convene.Core.GroupViews;
using Convene.Core.Identity;
using Convene.Core.Itip;
using Convene.Core.Notifications;
using Convene.Core.Ports;
using Convene.Core.Scheduling;
using Convene.Persistence.Signals;
using Convene.Persistence.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Convene.Persistence;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database, the stores and the Core services (everything but the front end). With
    /// <c>backgroundCheckpoints</c> (the server), SQLite's WAL is checkpointed by a hosted service instead of inside
    /// commits; only a host runs it, so the CLI keeps SQLite's automatic checkpoints.
    /// </summary>
    public static IServiceCollection AddConvene(this IServiceCollection services, DatabaseProvider provider, string connectionString, string? sqliteSynchronous = null, bool backgroundCheckpoints = false)
    {
        var sqliteSettings = provider == DatabaseProvider.Sqlite ? SqliteConnectionSettings.For(sqliteSynchronous, backgroundCheckpoints) : null;
        // Pooled: a request leases a context instead of building one (and its internal services) each time (issue 8).
        services.AddDbContextPool<ConveneDbContext>(options =>
        {
            _ = provider switch
            {
                DatabaseProvider.Sqlite => UseSqlite(options, connectionString, sqliteSettings!),
                DatabaseProvider.Postgres => options.UseNpgsql(WithAutoPrepare(connectionString)),
            };
        });
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton<IPasswordHasher, AspNetPasswordHasher>();
        services.AddSingleton<INotificationSignals, NotificationSignals>();
        services.AddSingleton<IDiarySignals, DiarySignals>();
        services.AddScoped<PendingSignals>();
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddHostedService(sp => new PostgresNotificationListener(
                connectionString, sp.GetRequiredService<INotificationSignals>(), sp.GetRequiredService<IDiarySignals>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<PostgresNotificationListener>>()));
        }

        if (sqliteSettings is not null && backgroundCheckpoints)
        {
            services.AddHostedService(sp => new SqliteCheckpointer(connectionString, sqliteSettings, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SqliteCheckpointer>>()));
        }

        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<MeetingStore>();
        services.AddScoped<IMeetingStore>(sp => sp.GetRequiredService<MeetingStore>());
        services.AddScoped<IDirectoryStore, DirectoryStore>();
        services.AddScoped<IDiaryReader, DiaryReader>();
        services.AddScoped<INotificationStore, NotificationStore>();
        services.AddScoped<IAuthTokenStore, AuthTokenStore>();
        services.AddScoped<IItipStore, ItipStore>();
        services.AddScoped<OutboxStore>();
        services.TryAddSingleton<IItipSettings>(new FixedItipSettings(new Uri("http://localhost:5080/"), "E-mail is not configured (Smtp:Host is not set)."));
        services.AddScoped<MeetingService>();
        services.AddScoped<DirectoryService>();
        services.AddScoped<DiaryService>();
        services.AddScoped<NotificationService>();
        services.AddSingleton<AuthTokenCache>();
        services.AddScoped<AuthService>();
        services.AddScoped<ISchedulingStore, SchedulingStore>();
        services.AddScoped<IGroupViewStore, GroupViewStore>();
        services.AddScoped<SchedulingService>();
        services.AddScoped<GroupViewService>();
        services.AddScoped<ItipPublisher>();
        services.AddScoped<ReplyService>();
        services.AddScoped<CalendarService>();
        services.AddScoped<DeliveryService>();
        services.AddScoped<ISeriesStore, SeriesStore>(); // issue 7: recurring meetings
        services.AddScoped<Convene.Core.Series.SeriesService>();
        return services;
    }

    /// <summary>
    /// Lets Npgsql prepare the statements a connection runs again and again (every request runs the same few dozen), so
    /// PostgreSQL parses and plans them once per connection instead of on every execution — unless the connection string
    /// sets <c>Max Auto Prepare</c> itself (https://www.npgsql.org/doc/prepare.html#automatic-preparation; issue 8).
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase) || connectionString.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        builder.MaxAutoPrepare = 128;
        builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }

    // The connection settings; compiled statements kept per connection, for EF Core's commands too, on connections
    // without EF Core's user functions, whose registration on every open would expire those statements.
#pragma warning disable EF1001 // EF Core's internal connection service, replaced (Stores/SqliteConnectionWithoutFunctions.cs)
    internal static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder options, string connectionString, SqliteConnectionSettings settings) =>
        options.UseSqlite(connectionString)
            .AddInterceptors(settings, Stores.SqliteStatementInterceptor.Instance)
            .ReplaceService<Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal.ISqliteRelationalConnection, Stores.SqliteConnectionWithoutFunctions>();
#pragma warning restore EF1001

    /// <summary>Parses <c>Database:Provider</c> (Sqlite or Postgres; case-insensitive).</summary>
    public static DatabaseProvider ParseProvider(string? value) =>
        string.IsNullOrWhiteSpace(value) ? DatabaseProvider.Sqlite
        : Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider
        : value.Equals("postgresql", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres
        : throw new InvalidOperationException($"Database:Provider '{value}' is not supported; use Sqlite or Postgres.");
}

/// <summary>iTIP settings that do not change (the CLI's local database commands, or a host without configuration).</summary>
public sealed record FixedItipSettings(Uri PublicBaseUrl, string? EmailOffReason) : IItipSettings;
