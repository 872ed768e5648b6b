using Convene.Core.Appointments;
using Convene.Core.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Convene.Persistence.Configurations;

/// <summary>Issue 4's columns on <c>associate</c> (migration 0003): capacity, tags and the working-hours mode (a shadow property).</summary>
internal sealed class AssociateSchedulingConfiguration : IEntityTypeConfiguration<Associate>
{
    public void Configure(EntityTypeBuilder<Associate> builder)
    {
        builder.Property(a => a.Capacity).HasColumnName("capacity");
        builder.Property(a => a.Tags).HasColumnName("tags")
            .HasConversion(
                tags => StoredTags.Format(tags),
                text => StoredTags.Parse(text),
                new ValueComparer<IReadOnlyList<string>>((a, b) => a!.SequenceEqual(b!), t => t.Aggregate(0, (h, s) => HashCode.Combine(h, s)), t => t.ToList()));
        builder.Property<int>(SchedulingColumns.WorkingHoursMode).HasColumnName("working_hours_mode");
    }
}

/// <summary>Travel time on <c>appointment</c> (migration 0003): whole minutes, like the seeds' <c>leadtime</c>/<c>lagtime</c>.</summary>
internal sealed class AppointmentSchedulingConfiguration : IEntityTypeConfiguration<Appointment>
{
    private static readonly ValueConverter<Duration, int> Minutes = new(d => (int)d.TotalMinutes, m => Duration.FromMinutes(m));

    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.Property(a => a.LeadTime).HasColumnName("lead_time").HasConversion(Minutes);
        builder.Property(a => a.LagTime).HasColumnName("lag_time").HasConversion(Minutes);
    }
}

/// <summary>How <c>associate.tags</c> holds a resource's tags: one comma-separated text (EF Core's converter and the hand-written reads).</summary>
internal static class StoredTags
{
    public static string Format(IReadOnlyList<string> tags) => string.Join(',', tags);

    public static string[] Parse(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal static class SchedulingColumns
{
    public const string WorkingHoursMode = "WorkingHoursMode";
}

internal sealed class WorkingPeriodRow
{
    public int AssociateId { get; set; }

    public int DayOfWeek { get; set; }

    public int StartMinute { get; set; }

    public int EndMinute { get; set; }
}

internal sealed class GroupViewRow
{
    public int Id { get; set; }

    public int OwnerId { get; set; }

    public string Name { get; set; } = "";

    public Instant Registered { get; set; }

    public Instant Updated { get; set; }
}

internal sealed class GroupViewMemberRow
{
    public int GroupViewId { get; set; }

    public int Position { get; set; }

    public int AssociateId { get; set; }
}

internal sealed class WorkingPeriodConfiguration : IEntityTypeConfiguration<WorkingPeriodRow>
{
    public void Configure(EntityTypeBuilder<WorkingPeriodRow> builder)
    {
        builder.ToTable("working_period");
        builder.HasKey(p => new { p.AssociateId, p.DayOfWeek, p.StartMinute });
        builder.Property(p => p.AssociateId).HasColumnName("associate_id");
        builder.Property(p => p.DayOfWeek).HasColumnName("day_of_week");
        builder.Property(p => p.StartMinute).HasColumnName("start_minute");
        builder.Property(p => p.EndMinute).HasColumnName("end_minute");
    }
}

internal sealed class GroupViewConfiguration : IEntityTypeConfiguration<GroupViewRow>
{
    public void Configure(EntityTypeBuilder<GroupViewRow> builder)
    {
        builder.ToTable("group_view");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).HasColumnName("group_view_id");
        builder.Property(v => v.OwnerId).HasColumnName("owner_id");
        builder.Property(v => v.Name).HasColumnName("name");
        builder.Property(v => v.Registered).HasColumnName("registered");
        builder.Property(v => v.Updated).HasColumnName("updated");
    }
}

internal sealed class GroupViewMemberConfiguration : IEntityTypeConfiguration<GroupViewMemberRow>
{
    public void Configure(EntityTypeBuilder<GroupViewMemberRow> builder)
    {
        builder.ToTable("group_view_member");
        builder.HasKey(m => new { m.GroupViewId, m.Position });
        builder.Property(m => m.GroupViewId).HasColumnName("group_view_id");
        builder.Property(m => m.Position).HasColumnName("position");
        builder.Property(m => m.AssociateId).HasColumnName("associate_id");
    }
}
