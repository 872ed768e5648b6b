namespace Convene.ICalendar;

/// <summary>iTIP method (RFC 5546 §1.4, RFC 5545 §3.7.2).</summary>
public enum CalendarMethod
{
    /// <summary>PUBLISH.</summary>
    Publish,

    /// <summary>REQUEST.</summary>
    Request,

    /// <summary>REPLY.</summary>
    Reply,

    /// <summary>ADD.</summary>
    Add,

    /// <summary>CANCEL.</summary>
    Cancel,

    /// <summary>REFRESH.</summary>
    Refresh,

    /// <summary>COUNTER.</summary>
    Counter,

    /// <summary>DECLINECOUNTER.</summary>
    DeclineCounter,
}

/// <summary>PARTSTAT for VEVENT (RFC 5545 §3.2.12).</summary>
public enum ParticipationStatus
{
    /// <summary>NEEDS-ACTION (the default).</summary>
    [Token("NEEDS-ACTION")]
    NeedsAction,

    /// <summary>ACCEPTED.</summary>
    Accepted,

    /// <summary>DECLINED.</summary>
    Declined,

    /// <summary>TENTATIVE.</summary>
    Tentative,

    /// <summary>DELEGATED.</summary>
    Delegated,
}

/// <summary>CUTYPE (RFC 5545 §3.2.3).</summary>
public enum CalendarUserType
{
    /// <summary>INDIVIDUAL (the default).</summary>
    Individual,

    /// <summary>GROUP.</summary>
    Group,

    /// <summary>RESOURCE.</summary>
    Resource,

    /// <summary>ROOM.</summary>
    Room,

    /// <summary>UNKNOWN.</summary>
    Unknown,
}

/// <summary>ROLE (RFC 5545 §3.2.16).</summary>
public enum ParticipationRole
{
    /// <summary>CHAIR.</summary>
    Chair,

    /// <summary>REQ-PARTICIPANT (the default).</summary>
    [Token("REQ-PARTICIPANT")]
    RequiredParticipant,

    /// <summary>OPT-PARTICIPANT.</summary>
    [Token("OPT-PARTICIPANT")]
    OptionalParticipant,

    /// <summary>NON-PARTICIPANT.</summary>
    [Token("NON-PARTICIPANT")]
    NonParticipant,
}

/// <summary>STATUS for VEVENT (RFC 5545 §3.8.1.11).</summary>
public enum EventStatus
{
    /// <summary>TENTATIVE.</summary>
    Tentative,

    /// <summary>CONFIRMED.</summary>
    Confirmed,

    /// <summary>CANCELLED.</summary>
    Cancelled,
}

/// <summary>CLASS (RFC 5545 §3.8.1.3).</summary>
public enum Classification
{
    /// <summary>PUBLIC.</summary>
    Public,

    /// <summary>PRIVATE.</summary>
    Private,

    /// <summary>CONFIDENTIAL.</summary>
    Confidential,
}

/// <summary>TRANSP (RFC 5545 §3.8.2.7).</summary>
public enum Transparency
{
    /// <summary>OPAQUE: blocks time (the default).</summary>
    Opaque,

    /// <summary>TRANSPARENT: does not block time.</summary>
    Transparent,
}

/// <summary>FBTYPE (RFC 5545 §3.2.9).</summary>
public enum FreeBusyType
{
    /// <summary>FREE.</summary>
    Free,

    /// <summary>BUSY (the default).</summary>
    Busy,

    /// <summary>BUSY-UNAVAILABLE.</summary>
    [Token("BUSY-UNAVAILABLE")]
    BusyUnavailable,

    /// <summary>BUSY-TENTATIVE.</summary>
    [Token("BUSY-TENTATIVE")]
    BusyTentative,
}

/// <summary>Kind of VTIMEZONE observance (RFC 5545 §3.6.5).</summary>
public enum ObservanceKind
{
    /// <summary>STANDARD.</summary>
    Standard,

    /// <summary>DAYLIGHT.</summary>
    Daylight,
}

/// <summary>How a <see cref="CalDateTime"/> relates to the time line (RFC 5545 §3.3.4, §3.3.5).</summary>
public enum CalDateTimeKind
{
    /// <summary>A DATE value (all-day), no time of day.</summary>
    Date,

    /// <summary>Form #1: local time not bound to any zone.</summary>
    Floating,

    /// <summary>Form #2: UTC, written with a trailing <c>Z</c>.</summary>
    Utc,

    /// <summary>Form #3: local time with a TZID parameter.</summary>
    Zoned,
}
