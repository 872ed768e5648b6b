using Convene.Core.Itip;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Convene.Persistence.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<InvitationRecord>
{
    public void Configure(EntityTypeBuilder<InvitationRecord> builder)
    {
        builder.ToTable("invitation");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasColumnName("invitation_id");
        builder.Property(i => i.MotherId).HasColumnName("appointment_id");
        builder.Property(i => i.Uid).HasColumnName("event_uid");
        builder.Property(i => i.Sequence).HasColumnName("event_sequence");
        builder.Property(i => i.Stamp).HasColumnName("event_dtstamp");
        builder.Property(i => i.OrganizerEmail).HasColumnName("organizer_email");
        builder.Property(i => i.OrganizerName).HasColumnName("organizer_fullname");
        builder.Property(i => i.SendEmail).HasColumnName("send_email");
        builder.Property(i => i.RecurrenceRuleId).HasColumnName("recurrence_rule_id");
    }
}

/// <summary>Issue 7: per-date SEQUENCEs of a series' iCalendar identity (migration 0008).</summary>
internal sealed class InvitationOccurrenceConfiguration : IEntityTypeConfiguration<InvitationOccurrence>
{
    public void Configure(EntityTypeBuilder<InvitationOccurrence> builder)
    {
        builder.ToTable("invitation_occurrence");
        builder.HasKey(o => new { o.InvitationId, o.RecurrenceId });
        builder.Property(o => o.InvitationId).HasColumnName("invitation_id");
        builder.Property(o => o.RecurrenceId).HasColumnName("recurrence_id");
        builder.Property(o => o.Sequence).HasColumnName("event_sequence");
    }
}

internal sealed class InvitationRecipientConfiguration : IEntityTypeConfiguration<InvitationRecipient>
{
    public void Configure(EntityTypeBuilder<InvitationRecipient> builder)
    {
        builder.ToTable("invitation_recipient");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("invitation_recipient_id");
        builder.Property(r => r.MotherId).HasColumnName("mother_id");
        builder.Property(r => r.PersonId).HasColumnName("person_id");
        builder.Property(r => r.Email).HasColumnName("email");
        builder.Property(r => r.SendEmail).HasColumnName("send_email");
        builder.Property(r => r.DeliveryState).HasColumnName("delivery_state").HasConversion<string>();
        builder.Property(r => r.DeliveryError).HasColumnName("delivery_error");
        builder.Property(r => r.DeliveryUpdated).HasColumnName("delivery_updated");
        builder.Property(r => r.ReplySequence).HasColumnName("reply_sequence");
        builder.Property(r => r.ReplyStamp).HasColumnName("reply_dtstamp");
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("imip_outbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasColumnName("outbox_id");
        builder.Property(m => m.MotherId).HasColumnName("mother_id");
        builder.Property(m => m.PersonId).HasColumnName("person_id");
        builder.Property(m => m.Method).HasColumnName("method");
        builder.Property(m => m.RecipientEmail).HasColumnName("recipient_email");
        builder.Property(m => m.RecipientName).HasColumnName("recipient_name");
        builder.Property(m => m.SenderName).HasColumnName("sender_name");
        builder.Property(m => m.ReplyTo).HasColumnName("reply_to");
        builder.Property(m => m.Subject).HasColumnName("subject");
        builder.Property(m => m.TextBody).HasColumnName("text_body");
        builder.Property(m => m.HtmlBody).HasColumnName("html_body");
        builder.Property(m => m.Calendar).HasColumnName("calendar");
        builder.Property(m => m.CreatedAt).HasColumnName("created_at");
        builder.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
        builder.Property(m => m.Attempts).HasColumnName("attempts");
        builder.Property(m => m.State).HasColumnName("state").HasConversion<string>();
        builder.Property(m => m.LastError).HasColumnName("last_error");
        builder.Property(m => m.SentAt).HasColumnName("sent_at");
    }
}

internal sealed class RsvpTokenConfiguration : IEntityTypeConfiguration<RsvpToken>
{
    public void Configure(EntityTypeBuilder<RsvpToken> builder)
    {
        builder.ToTable("rsvp_token");
        builder.HasKey(t => t.TokenHash);
        builder.Property(t => t.TokenHash).HasColumnName("token_hash");
        builder.Property(t => t.MotherId).HasColumnName("mother_id");
        builder.Property(t => t.PersonId).HasColumnName("person_id");
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.ToTable("calendar_feed");
        builder.HasKey(f => f.AssociateId);
        builder.Property(f => f.AssociateId).HasColumnName("associate_id").ValueGeneratedNever();
        builder.Property(f => f.Token).HasColumnName("token");
        builder.Property(f => f.CreatedAt).HasColumnName("created_at");
    }
}
