using NodaTime;

namespace Convene.Core.Appointments;

/// <summary>
/// One row of the <c>appointment</c> table: one participant's copy of a meeting, in one diary.
/// </summary>
/// <remarks>
/// The owner's row is the master (<c>mother_id</c> = own id); every other participant has a child row that points to it
/// and shares its <c>text_id</c>. Times are a half-open UTC interval [<see cref="Start"/>, <see cref="End"/>).
/// Only <see cref="Meeting"/> changes a row, so the rows of a meeting never disagree.
/// </remarks>
public sealed class Appointment
{
    internal Appointment()
    {
        Title = "";
    }

    public int Id { get; internal set; }

    /// <summary>The diary this row is in; 0 for an external person's row.</summary>
    public int AssociateId { get; internal set; }

    public int MotherId { get; internal set; }

    /// <summary>The owner of the master row, copied so a cancelled child still knows its organiser.</summary>
    public int MotherAssociateId { get; internal set; }

    public int TextId { get; internal set; }

    /// <summary>The person this row is for (external person, or an employee's person record); 0 for none.</summary>
    public int InvitedPersonId { get; internal set; }

    /// <summary>The company the meeting is with (same on every row).</summary>
    public int? ContactId { get; internal set; }

    /// <summary>The person the meeting is with (same on every row); never the invited attendee.</summary>
    public int? PersonId { get; internal set; }

    public Instant Start { get; internal set; }

    public Instant End { get; internal set; }

    public AppointmentType Type { get; internal set; }

    public AppointmentStatus Status { get; internal set; }

    public string? RejectReason { get; internal set; }

    /// <summary>On the master: how many declines the meeting has received.</summary>
    public int RejectCounter { get; internal set; }

    public PrivacyLevel Private { get; internal set; }

    /// <summary>Free (true) rows never block time and never conflict; stored as <c>free_busy</c> 1.</summary>
    public bool Free { get; internal set; }

    public string Title { get; internal set; }

    /// <summary>Travel time blocked before <see cref="Start"/> (the seeds' <c>leadtime</c>); copied to every row.</summary>
    public Duration LeadTime { get; internal set; }

    /// <summary>Travel time blocked after <see cref="End"/> (the seeds' <c>lagtime</c>); copied to every row.</summary>
    public Duration LagTime { get; internal set; }

    public string? Location { get; internal set; }

    public int? AssignedBy { get; internal set; }

    public Instant Registered { get; internal set; }

    public int RegisteredAssociateId { get; internal set; }

    public Instant Updated { get; internal set; }

    public int UpdatedAssociateId { get; internal set; }

    /// <summary>The series (<c>recurrence_rule</c>) this occurrence belongs to; 0 when the meeting does not repeat (issue 7).</summary>
    public int RecurrenceRuleId { get; internal set; }

    /// <summary>
    /// For an occurrence of a series: its start as the rule generated it (RFC 5545 §3.8.4.4 RECURRENCE-ID), kept when
    /// the occurrence is moved, so the date is still named by it.
    /// </summary>
    public Instant? OriginalStart { get; internal set; }

    /// <summary>Optimistic concurrency token: bumped on every change of the row.</summary>
    public int Version { get; internal set; }

    public bool IsMaster => Id != 0 && MotherId == Id;

    public bool IsPrivate => Private != PrivacyLevel.Public;

    /// <summary>The row blocks its diary's time: busy, not declined, not cancelled.</summary>
    public bool BlocksTime => !Free && Status is not (AppointmentStatus.BookingDeclined or AppointmentStatus.BookingDeleted);

    /// <summary>Links a new row to its stored text and master once the database has assigned their ids.</summary>
    public void LinkStored(int textId, int motherId)
    {
        if (Id != 0 && MotherId != 0 && MotherId != motherId)
        {
            throw new InvalidOperationException("A stored row cannot move to another meeting.");
        }

        TextId = textId;
        MotherId = motherId;
    }

    internal void Touch(int actorId, Instant now)
    {
        Updated = now;
        UpdatedAssociateId = actorId;
        Version++;
    }
}
