using NodaTime;

namespace Convene.Core.Appointments;

/// <summary>A stored notification for one associate; it stays until answered or dismissed.</summary>
public sealed class Notification
{
    private Notification()
    {
        Text = "";
    }

    public int Id { get; private set; }

    public int RecipientId { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary>The recipient's own row of the meeting (the master for the owner).</summary>
    public int AppointmentId { get; private set; }

    /// <summary>The meeting (master id), kept when the row goes.</summary>
    public int MotherId { get; private set; }

    public Instant CreatedAt { get; private set; }

    public string Text { get; private set; }

    public static Notification Create(int recipientId, NotificationKind kind, int appointmentId, int motherId, Instant createdAt, string text) =>
        new()
        {
            RecipientId = recipientId,
            Kind = kind,
            AppointmentId = appointmentId,
            MotherId = motherId,
            CreatedAt = createdAt,
            Text = text,
        };
}
