using Convene.Core.Series;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using NodaTime.Text;

namespace Convene.Persistence.Configurations;

/// <summary>Issue 7: the <c>recurrence_rule</c> table (migration 0007).</summary>
internal sealed class SeriesRuleConfiguration : IEntityTypeConfiguration<SeriesRule>
{
    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss");

    public void Configure(EntityTypeBuilder<SeriesRule> builder)
    {
        builder.ToTable("recurrence_rule");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("recurrence_rule_id");
        builder.Property(r => r.OwnerId).HasColumnName("owner_id");
        builder.Property(r => r.Lines).HasColumnName("rule_lines");
        builder.Property(r => r.TimeZone).HasColumnName("time_zone");
        // Wall-clock time as text on both providers: it is not an instant and must never be shifted by a zone.
        builder.Property(r => r.LocalStart).HasColumnName("local_start").HasConversion(new ValueConverter<LocalDateTime, string>(
            v => LocalPattern.Format(v),
            v => LocalPattern.Parse(v).Value));
        builder.Property(r => r.DurationSeconds).HasColumnName("duration_seconds");
        builder.Property(r => r.Registered).HasColumnName("registered");
        builder.Property(r => r.Updated).HasColumnName("updated");
        builder.Property(r => r.Version).HasColumnName("version").IsConcurrencyToken();
        builder.Ignore(r => r.LineList);
        builder.Ignore(r => r.Duration);
    }
}
