using Convene.Core.Common;

namespace Convene.Core.Itip;

/// <summary>The errors of feeds, RSVP links and iTIP replies, with their stable codes.</summary>
public static class ItipErrors
{
    public static readonly Error RsvpNotFound = Error.NotFound("rsvp.not_found", "This answer link is not valid.");

    public static readonly Error RsvpExpired = Error.Forbidden("rsvp.expired", "This answer link has expired: the meeting is over.");

    public static readonly Error RsvpNotInvited = Error.Forbidden("rsvp.not_invited", "You are no longer invited to this meeting.");

    public static readonly Error FeedNotFound = Error.NotFound("feed.not_found", "There is no calendar feed at this address (it may have been replaced).");

    public static Error Malformed(string detail) => Error.Validation("itip.malformed", "The iCalendar body is malformed: " + detail, "body");

    public static readonly Error TooLarge = Error.Validation("itip.too_large", "The iCalendar body is larger than 1 MB.", "body");

    public static readonly Error NotReply = Error.Validation("itip.not_reply", "Only METHOD:REPLY is accepted here (RFC 5546 §3.2.3).", "body");

    public static readonly Error OneEvent = Error.Validation("itip.one_event", "A REPLY holds exactly one VEVENT (one date of a series, or the series).", "body");

    public static readonly Error NotRecurring = Error.Validation(
        "itip.not_recurring", "The REPLY names a RECURRENCE-ID, but the meeting with this UID does not repeat.", "body");

    public static readonly Error RangeUnsupported = Error.Validation(
        "itip.range_unsupported", "RECURRENCE-ID;RANGE=THISANDFUTURE is not supported: answer the series (no RECURRENCE-ID) or one date (RFC 5545 §3.8.4.4).", "body");

    public static readonly Error UnknownOccurrence = Error.NotFound(
        "itip.unknown_occurrence", "The series with this UID has no date whose original start is this RECURRENCE-ID (RFC 5545 §3.8.4.4).");

    public static readonly Error UidMissing = Error.Validation("itip.uid_missing", "The VEVENT has no UID.", "body");

    public static readonly Error StampMissing = Error.Validation("itip.dtstamp_missing", "The VEVENT has no DTSTAMP (RFC 5545 §3.6.1 requires it).", "body");

    public static readonly Error OneAttendee = Error.Validation("itip.one_attendee", "A REPLY names exactly one ATTENDEE, the one who answers (RFC 5546 §3.2.3).", "body");

    public static readonly Error UnknownUid = Error.NotFound("itip.unknown_uid", "No meeting of yours has this UID.");

    public static readonly Error NotInvited = Error.Forbidden("itip.not_invited", "The ATTENDEE of this REPLY is not invited to the meeting.");

    public static Error StaleSequence(int reply, int current) => Error.Conflict(
        "itip.stale_sequence",
        $"The REPLY answers SEQUENCE {reply}, but the meeting has changed since (SEQUENCE {current}); the answer no longer applies (RFC 5546 §2.1.5).");

    public static Error FutureSequence(int reply, int current) => Error.Validation(
        "itip.unknown_sequence", $"The REPLY answers SEQUENCE {reply}, but the meeting is at SEQUENCE {current}.", "body");

    public static readonly Error StaleReply = Error.Conflict(
        "itip.stale_reply", "A later answer of this attendee to the same SEQUENCE was already applied (DTSTAMP is not newer; RFC 5546 §2.1.5).");

    public static Error UnsupportedPartStat(string partStat) => Error.Validation(
        "itip.unsupported_partstat", $"PARTSTAT {partStat} is not supported: Convene records ACCEPTED or DECLINED.", "body");
}
