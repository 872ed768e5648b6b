namespace Convene.ICalendar;

/// <summary>ORGANIZER (RFC 5545 §3.8.4.3).</summary>
public sealed class Organizer
{
    /// <summary>Creates an organizer from a cal-address URI (e.g. <c>mailto:anna@example.com</c>).</summary>
    public Organizer(string address, string? commonName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        Address = address;
        CommonName = commonName;
    }

    /// <summary>The cal-address URI, usually <c>mailto:…</c>.</summary>
    public string Address { get; set; }

    /// <summary>The address without a leading <c>mailto:</c> (case-insensitive).</summary>
    public string Email => Participant.StripMailto(Address);

    /// <summary>CN: display name.</summary>
    public string? CommonName { get; set; }

    /// <summary>SENT-BY: cal-address acting on behalf of the organizer.</summary>
    public string? SentBy { get; set; }

    /// <summary>Other parameters (DIR, LANGUAGE, SCHEDULE-*, X-…) kept verbatim.</summary>
    public List<Parameter> ExtraParameters { get; } = [];
}

/// <summary>ATTENDEE (RFC 5545 §3.8.4.1) with its participation parameters (§3.2).</summary>
public sealed class Attendee
{
    /// <summary>Creates an attendee from a cal-address URI (e.g. <c>mailto:bo@example.com</c>).</summary>
    public Attendee(string address, string? commonName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        Address = address;
        CommonName = commonName;
    }

    /// <summary>The cal-address URI, usually <c>mailto:…</c>.</summary>
    public string Address { get; set; }

    /// <summary>The address without a leading <c>mailto:</c> (case-insensitive).</summary>
    public string Email => Participant.StripMailto(Address);

    /// <summary>CN: display name.</summary>
    public string? CommonName { get; set; }

    /// <summary>CUTYPE (default INDIVIDUAL).</summary>
    public Extensible<CalendarUserType> CalendarUserType { get; set; } = ICalendar.CalendarUserType.Individual;

    /// <summary>ROLE (default REQ-PARTICIPANT).</summary>
    public Extensible<ParticipationRole> Role { get; set; } = ParticipationRole.RequiredParticipant;

    /// <summary>PARTSTAT (default NEEDS-ACTION).</summary>
    public Extensible<ParticipationStatus> ParticipationStatus { get; set; } = ICalendar.ParticipationStatus.NeedsAction;

    /// <summary>RSVP: whether a reply is requested (default false).</summary>
    public bool Rsvp { get; set; }

    /// <summary>DELEGATED-TO cal-addresses.</summary>
    public List<string> DelegatedTo { get; } = [];

    /// <summary>DELEGATED-FROM cal-addresses.</summary>
    public List<string> DelegatedFrom { get; } = [];

    /// <summary>SENT-BY cal-address.</summary>
    public string? SentBy { get; set; }

    /// <summary>Other parameters (DIR, MEMBER, LANGUAGE, X-NUM-GUESTS, …) kept verbatim.</summary>
    public List<Parameter> ExtraParameters { get; } = [];
}

internal static class Participant
{
    public static string StripMailto(string address) =>
        address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? address[7..] : address;

    public static Property ToProperty(Organizer o)
    {
        var p = new Property("ORGANIZER", o.Address.Trim());
        if (o.CommonName is not null)
        {
            p.Parameters.Add(new Parameter("CN", o.CommonName));
        }

        if (o.SentBy is not null)
        {
            p.Parameters.Add(new Parameter("SENT-BY", o.SentBy));
        }

        p.Parameters.AddRange(o.ExtraParameters.Select(x => x.Clone()));
        return p;
    }

    public static Property ToProperty(Attendee a)
    {
        var p = new Property("ATTENDEE", a.Address.Trim());
        if (a.CommonName is not null)
        {
            p.Parameters.Add(new Parameter("CN", a.CommonName));
        }

        if (a.CalendarUserType != ICalendar.CalendarUserType.Individual && a.CalendarUserType.Token.Length > 0)
        {
            p.Parameters.Add(new Parameter("CUTYPE", a.CalendarUserType.Token));
        }

        if (a.Role.Token.Length > 0)
        {
            p.Parameters.Add(new Parameter("ROLE", a.Role.Token));
        }

        if (a.ParticipationStatus.Token.Length > 0)
        {
            p.Parameters.Add(new Parameter("PARTSTAT", a.ParticipationStatus.Token));
        }

        if (a.Rsvp)
        {
            p.Parameters.Add(new Parameter("RSVP", "TRUE"));
        }

        if (a.DelegatedTo.Count > 0)
        {
            p.Parameters.Add(new Parameter("DELEGATED-TO", a.DelegatedTo));
        }

        if (a.DelegatedFrom.Count > 0)
        {
            p.Parameters.Add(new Parameter("DELEGATED-FROM", a.DelegatedFrom));
        }

        if (a.SentBy is not null)
        {
            p.Parameters.Add(new Parameter("SENT-BY", a.SentBy));
        }

        p.Parameters.AddRange(a.ExtraParameters.Select(x => x.Clone()));
        return p;
    }

    public static Organizer ReadOrganizer(Property p)
    {
        var o = new Organizer(NonEmptyAddress(p));
        foreach (var parameter in p.Parameters)
        {
            switch (parameter.Name)
            {
                case "CN":
                    o.CommonName = parameter.Value;
                    break;
                case "SENT-BY":
                    o.SentBy = parameter.Value;
                    break;
                default:
                    o.ExtraParameters.Add(parameter.Clone());
                    break;
            }
        }

        return o;
    }

    public static Attendee ReadAttendee(Property p, DiagnosticBag bag)
    {
        var a = new Attendee(NonEmptyAddress(p));
        foreach (var parameter in p.Parameters)
        {
            var value = parameter.Value;
            switch (parameter.Name)
            {
                case "CN":
                    a.CommonName = value;
                    break;
                case "CUTYPE" when !string.IsNullOrWhiteSpace(value):
                    a.CalendarUserType = new Extensible<CalendarUserType>(value);
                    break;
                case "ROLE" when !string.IsNullOrWhiteSpace(value):
                    a.Role = new Extensible<ParticipationRole>(value);
                    break;
                case "PARTSTAT" when !string.IsNullOrWhiteSpace(value):
                    a.ParticipationStatus = new Extensible<ParticipationStatus>(value);
                    break;
                case "RSVP":
                    if (value.Trim().Equals("TRUE", StringComparison.OrdinalIgnoreCase))
                    {
                        a.Rsvp = true;
                    }
                    else if (!value.Trim().Equals("FALSE", StringComparison.OrdinalIgnoreCase))
                    {
                        bag.Warn(DiagnosticCode.Tolerated, p.LineNumber, "RSVP value '" + Text.ContentLineReader.Truncate(value) + "' is not TRUE/FALSE; treated as FALSE.");
                    }

                    break;
                case "DELEGATED-TO":
                    a.DelegatedTo.AddRange(parameter.Values);
                    break;
                case "DELEGATED-FROM":
                    a.DelegatedFrom.AddRange(parameter.Values);
                    break;
                case "SENT-BY":
                    a.SentBy = value;
                    break;
                default:
                    a.ExtraParameters.Add(parameter.Clone());
                    break;
            }
        }

        return a;
    }

    private static string NonEmptyAddress(Property p)
    {
        var address = p.Value.Trim();
        return address.Length == 0 ? "invalid:" : address;
    }
}
