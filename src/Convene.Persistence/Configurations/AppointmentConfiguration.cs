using Convene.Core.Appointments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Convene.Persistence.Configurations;

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.ToTable("appointment");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("appointment_id");
        builder.Property(a => a.AssociateId).HasColumnName("associate_id");
        builder.Property(a => a.MotherId).HasColumnName("mother_id");
        builder.Property(a => a.MotherAssociateId).HasColumnName("mother_associate_id");
        builder.Property(a => a.TextId).HasColumnName("text_id");
        // The schema's foreign key, known to the model so that one SaveChanges inserts a new text before its rows.
        builder.HasOne<TextRecord>().WithMany().HasForeignKey(a => a.TextId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.InvitedPersonId).HasColumnName("invited_person_id");
        builder.Property(a => a.ContactId).HasColumnName("contact_id");
        builder.Property(a => a.PersonId).HasColumnName("person_id");
        builder.Property(a => a.Start).HasColumnName("do_by");
        builder.Property(a => a.End).HasColumnName("end_date");
        builder.Property(a => a.Type).HasColumnName("type");
        builder.Property(a => a.Status).HasColumnName("status");
        builder.Property(a => a.RejectReason).HasColumnName("reject_reason");
        builder.Property(a => a.RejectCounter).HasColumnName("reject_counter");
        builder.Property(a => a.Private).HasColumnName("private");
        builder.Property(a => a.Free).HasColumnName("free_busy").HasConversion(new BoolToZeroOneConverter<int>());
        builder.Property(a => a.Title).HasColumnName("title");
        builder.Property(a => a.Location).HasColumnName("location");
        builder.Property(a => a.AssignedBy).HasColumnName("assigned_by");
        builder.Property(a => a.Registered).HasColumnName("registered");
        builder.Property(a => a.RegisteredAssociateId).HasColumnName("registered_associate_id");
        builder.Property(a => a.Updated).HasColumnName("updated");
        builder.Property(a => a.UpdatedAssociateId).HasColumnName("updated_associate_id");
        builder.Property(a => a.RecurrenceRuleId).HasColumnName("recurrence_rule_id");
        builder.Property(a => a.OriginalStart).HasColumnName("original_start_date");
        // Optimistic concurrency: an UPDATE only applies when the row still has the version that was read.
        builder.Property(a => a.Version).HasColumnName("version").IsConcurrencyToken();
        builder.Ignore(a => a.IsMaster);
        builder.Ignore(a => a.IsPrivate);
        builder.Ignore(a => a.BlocksTime);
    }
}

internal sealed class TextConfiguration : IEntityTypeConfiguration<TextRecord>
{
    public void Configure(EntityTypeBuilder<TextRecord> builder)
    {
        builder.ToTable("text");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasColumnName("text_id");
        builder.Property(t => t.Body).HasColumnName("text");
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notification");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).HasColumnName("notification_id");
        builder.Property(n => n.RecipientId).HasColumnName("recipient_id");
        builder.Property(n => n.Kind).HasColumnName("kind").HasConversion<string>();
        builder.Property(n => n.AppointmentId).HasColumnName("appointment_id");
        // The schema's foreign key (ON DELETE CASCADE), known to the model so that one SaveChanges inserts rows first.
        builder.HasOne<Appointment>().WithMany().HasForeignKey(n => n.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(n => n.MotherId).HasColumnName("mother_id");
        builder.Property(n => n.CreatedAt).HasColumnName("created_at");
        builder.Property(n => n.Text).HasColumnName("text");
    }
}

internal sealed class HistoryConfiguration : IEntityTypeConfiguration<HistoryEntry>
{
    public void Configure(EntityTypeBuilder<HistoryEntry> builder)
    {
        builder.ToTable("appointment_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).HasColumnName("history_id");
        builder.Property(h => h.MotherId).HasColumnName("mother_id");
        builder.Property(h => h.AppointmentId).HasColumnName("appointment_id");
        builder.Property(h => h.ActorId).HasColumnName("actor_id");
        builder.Property(h => h.At).HasColumnName("at");
        builder.Property(h => h.Action).HasColumnName("action").HasConversion<string>();
        builder.Property(h => h.SubjectAssociateId).HasColumnName("subject_associate_id");
        builder.Property(h => h.SubjectPersonId).HasColumnName("subject_person_id");
        builder.Property(h => h.FromStatus).HasColumnName("from_status");
        builder.Property(h => h.ToStatus).HasColumnName("to_status");
        builder.Property(h => h.Reason).HasColumnName("reason");
        builder.Property(h => h.Details).HasColumnName("details");
    }
}
