using NodaTime;

namespace Convene.Core.Itip;

/// <summary>
/// The seeds' <c>invitation</c> row: the iCalendar identity of one meeting (RFC 5545 §3.8.4.7 UID, §3.8.7.4 SEQUENCE,
/// §3.8.7.2 DTSTAMP), its organizer as the e-mails name them, and the owner's per-meeting e-mail switch.
/// </summary>
public sealed class InvitationRecord
{
    public int Id { get; set; }

    /// <summary>The meeting (master row id); kept after a cancel so late replies still find it.</summary>
    public int MotherId { get; set; }

    public string Uid { get; set; } = "";

    public int Sequence { get; set; }

    public Instant Stamp { get; set; }

    public string? OrganizerEmail { get; set; }

    public string OrganizerName { get; set; } = "";

    /// <summary>The seeds' <c>SendEmail</c> for the whole meeting: false = the owner opted out of e-mail.</summary>
    public bool SendEmail { get; set; } = true;

    /// <summary>
    /// 0 for a single meeting; otherwise the series (<c>recurrence_rule</c>) this identity belongs to: one UID for every
    /// date (RFC 5545 §3.8.4.7), and <see cref="Sequence"/> is the SEQUENCE of the whole recurring event (ADR 0021).
    /// </summary>
    public int RecurrenceRuleId { get; set; }
}

/// <summary>
/// The SEQUENCE one date of a series carried when it was last sent on its own (a VEVENT with RECURRENCE-ID: a moved
/// date, an added person, a cancelled date). A REPLY for that date is judged against it (RFC 5546 §2.1.5).
/// </summary>
public sealed class InvitationOccurrence
{
    public int InvitationId { get; set; }

    /// <summary>The date's original start (RECURRENCE-ID).</summary>
    public Instant RecurrenceId { get; set; }

    public int Sequence { get; set; }
}

/// <summary>The state of the e-mail to one external person, as RFC 6638 §3.2.9 SCHEDULE-STATUS would report it.</summary>
public enum DeliveryState
{
    /// <summary>Waiting in the outbox, or waiting for a retry after a failure (the error says why).</summary>
    Queued,

    /// <summary>The SMTP server accepted the message (SCHEDULE-STATUS 1.1: sent, no delivery information).</summary>
    Sent,

    /// <summary>Given up after the last retry (SCHEDULE-STATUS 5.1/5.2).</summary>
    Failed,

    /// <summary>E-mail is off on this server (no <c>Smtp:Host</c>).</summary>
    Off,

    /// <summary>The person has no e-mail address.</summary>
    NoAddress,

    /// <summary>The owner opted out for this meeting or this person.</summary>
    OptedOut,
}

/// <summary>One external person of one meeting: their address, the owner's e-mail switch, delivery and last reply.</summary>
public sealed class InvitationRecipient
{
    public int Id { get; set; }

    public int MotherId { get; set; }

    public int PersonId { get; set; }

    /// <summary>The address the invitations went to; an iTIP REPLY's ATTENDEE must match it.</summary>
    public string? Email { get; set; }

    /// <summary>The seeds' per-participant <c>SendEmail</c>.</summary>
    public bool SendEmail { get; set; } = true;

    public DeliveryState DeliveryState { get; set; }

    /// <summary>The SMTP error of the last failed attempt, or why nothing is sent.</summary>
    public string? DeliveryError { get; set; }

    public Instant DeliveryUpdated { get; set; }

    /// <summary>The SEQUENCE the person last answered (iTIP REPLY or RSVP link); null before any answer.</summary>
    public int? ReplySequence { get; set; }

    /// <summary>The DTSTAMP of that answer: of two replies to one SEQUENCE, the later one wins (RFC 5546 §2.1.5).</summary>
    public Instant? ReplyStamp { get; set; }
}

public enum OutboxState
{
    Queued,
    Sent,
    Failed,
}

/// <summary>One e-mail in the durable outbox, complete as composed when the change was committed.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public int MotherId { get; set; }

    public int PersonId { get; set; }

    public string Method { get; set; } = "";

    public string RecipientEmail { get; set; } = "";

    public string RecipientName { get; set; } = "";

    /// <summary>The organizer's name, shown as the sender's display name.</summary>
    public string SenderName { get; set; } = "";

    /// <summary>The organizer's address: where a reply by mail goes (RFC 6047 §3).</summary>
    public string? ReplyTo { get; set; }

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    /// <summary>The iCalendar object (text/calendar; method=…).</summary>
    public string Calendar { get; set; } = "";

    public Instant CreatedAt { get; set; }

    /// <summary>Due time of the next attempt; also the lease of a claimed message.</summary>
    public Instant NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public OutboxState State { get; set; }

    public string? LastError { get; set; }

    public Instant? SentAt { get; set; }
}

/// <summary>An RSVP link's secret, stored as its SHA-256 hash, bound to one person of one meeting.</summary>
public sealed class RsvpToken
{
    public string TokenHash { get; set; } = "";

    public int MotherId { get; set; }

    public int PersonId { get; set; }

    public Instant CreatedAt { get; set; }
}

/// <summary>An associate's secret calendar subscription address; rotating replaces the token (the old URL stops working).</summary>
public sealed class CalendarFeed
{
    public int AssociateId { get; set; }

    public string Token { get; set; } = "";

    public Instant CreatedAt { get; set; }
}
