using Convene.Core.Appointments;
using Convene.Core.Directory;
using Convene.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Convene.Persistence;

/// <summary>The EF Core model over the schema that the SQL migrations create (EF never creates tables here).</summary>
public sealed class ConveneDbContext(DbContextOptions<ConveneDbContext> options) : DbContext(options)
{
    public DbSet<Associate> Associates => Set<Associate>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<Person> Persons => Set<Person>();

    public DbSet<Appointment> Appointments => Set<Appointment>();

    public DbSet<TextRecord> Texts => Set<TextRecord>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<HistoryEntry> History => Set<HistoryEntry>();

    public DbSet<AuthToken> AuthTokens => Set<AuthToken>();

    /// <summary>
    /// Whether this context talks to PostgreSQL. <c>Database.IsNpgsql()</c> reads the provider assembly's name on every
    /// call (a reflection lookup and allocations, several times per request); a context's provider never changes, so
    /// it is asked once per (pooled) context.
    /// </summary>
    internal bool IsPostgres => _isPostgres ??= Database.IsNpgsql();

    private bool? _isPostgres;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as UTC date-times: TEXT on SQLite (ordered as text), timestamptz on PostgreSQL.
        configurationBuilder.Properties<Instant>().HaveConversion<InstantConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ConveneDbContext).Assembly);

    private sealed class InstantConverter() : ValueConverter<Instant, DateTime>(
        instant => instant.ToDateTimeUtc(),
        value => Instant.FromDateTimeUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc)));
}
