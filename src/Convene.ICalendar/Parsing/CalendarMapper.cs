using NodaTime;

namespace Convene.ICalendar;

/// <summary>Maps the generic component tree to the typed model, applying RFC 5545/5546 validation.</summary>
internal static class CalendarMapper
{
    public static VCalendar? Map(Component component, DiagnosticBag bag)
    {
        if (!component.Name.Equals("VCALENDAR", StringComparison.Ordinal))
        {
            bag.Error(DiagnosticCode.MissingCalendar, component.LineNumber, "Expected VCALENDAR, found " + component.Name + ".");
            return null;
        }

        var calendar = new VCalendar();
        var sawProdId = false;
        var sawVersion = false;
        var sawMethod = false;
        foreach (var p in component.Properties)
        {
            switch (p.Name)
            {
                case "PRODID" when !sawProdId:
                    calendar.ProductId = p.GetText();
                    sawProdId = true;
                    break;
                case "VERSION" when !sawVersion:
                    calendar.Version = p.Value.Trim();
                    sawVersion = true;
                    if (!calendar.Version.Equals("2.0", StringComparison.Ordinal))
                    {
                        bag.Warn(DiagnosticCode.Tolerated, p.LineNumber, "VERSION is '" + Text.ContentLineReader.Truncate(calendar.Version) + "', not 2.0; read as RFC 5545 data.");
                    }

                    break;
                case "METHOD" when !sawMethod:
                    sawMethod = true;
                    if (string.IsNullOrWhiteSpace(p.Value))
                    {
                        bag.Error(DiagnosticCode.InvalidValue, p.LineNumber, "METHOD is empty.");
                    }
                    else
                    {
                        calendar.Method = new Extensible<CalendarMethod>(p.Value);
                    }

                    break;
                case "PRODID" or "VERSION" or "METHOD":
                    bag.Error(DiagnosticCode.DuplicateProperty, p.LineNumber, p.Name + " occurs more than once in VCALENDAR.");
                    break;
                default:
                    calendar.ExtraProperties.Add(p.Clone());
                    break;
            }
        }

        if (!sawProdId)
        {
            bag.Warn(DiagnosticCode.Tolerated, component.LineNumber, "VCALENDAR has no PRODID.");
            calendar.ProductId = string.Empty;
        }

        if (!sawVersion)
        {
            bag.Warn(DiagnosticCode.Tolerated, component.LineNumber, "VCALENDAR has no VERSION; assumed 2.0.");
        }

        // VTIMEZONEs first: they may appear after the components that reference them.
        foreach (var sub in component.Components)
        {
            if (sub.Name == "VTIMEZONE")
            {
                var tz = MapTimeZone(sub, bag);
                if (tz is null)
                {
                    calendar.OtherComponents.Add(sub.Clone());
                }
                else if (calendar.TimeZones.Exists(t => string.Equals(t.TzId, tz.TzId, StringComparison.Ordinal)))
                {
                    bag.Warn(DiagnosticCode.DuplicateProperty, sub.LineNumber, "Second VTIMEZONE with TZID '" + Text.ContentLineReader.Truncate(tz.TzId) + "' kept verbatim; the first one is used.");
                    calendar.OtherComponents.Add(sub.Clone());
                }
                else
                {
                    calendar.TimeZones.Add(tz);
                }
            }
        }

        var context = new ReadContext(bag, new TimeZoneResolver(calendar.TimeZones), calendar.Method);
        foreach (var sub in component.Components)
        {
            switch (sub.Name)
            {
                case "VTIMEZONE":
                    break;
                case "VEVENT":
                    var e = MapEvent(sub, context);
                    if (e is not null)
                    {
                        calendar.Events.Add(e);
                    }

                    break;
                case "VFREEBUSY":
                    var f = MapFreeBusy(sub, context);
                    if (f is not null)
                    {
                        calendar.FreeBusy.Add(f);
                    }

                    break;
                default:
                    calendar.OtherComponents.Add(sub.Clone());
                    break;
            }
        }

        return calendar;
    }

    private static VEvent? MapEvent(Component c, ReadContext ctx)
    {
        var bag = ctx.Bag;
        var e = new VEvent();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in c.Properties)
        {
            if (IsSingleton(p.Name) && !seen.Add(p.Name))
            {
                if (IsIdentityOrTime(p.Name))
                {
                    bag.Error(DiagnosticCode.DuplicateProperty, p.LineNumber, p.Name + " occurs more than once in VEVENT.");
                }
                else
                {
                    bag.Warn(DiagnosticCode.DuplicateProperty, p.LineNumber, p.Name + " occurs more than once in VEVENT; the extra one is kept verbatim.");
                    e.ExtraProperties.Add(p.Clone());
                }

                continue;
            }

            switch (p.Name)
            {
                case "UID":
                    e.Uid = ReadUid(p, ctx);
                    break;
                case "SEQUENCE":
                    if (ValueParse.TryParseInteger(p.Value, out var sequence) && sequence >= 0)
                    {
                        e.Sequence = sequence;
                    }
                    else
                    {
                        bag.Error(DiagnosticCode.InvalidValue, p.LineNumber, "SEQUENCE '" + Text.ContentLineReader.Truncate(p.Value) + "' is not a non-negative integer.");
                    }

                    break;
                case "DTSTAMP":
                    e.Stamp = ctx.ReadUtc(p);
                    break;
                case "DTSTART":
                    e.Start = ctx.ReadDateTime(p);
                    break;
                case "DTEND":
                    e.End = ctx.ReadDateTime(p);
                    break;
                case "DURATION":
                    if (ValueParse.TryParseDuration(p.Value, out var duration))
                    {
                        e.Duration = duration;
                    }
                    else
                    {
                        bag.Error(DiagnosticCode.InvalidValue, p.LineNumber, "Unparseable DURATION '" + Text.ContentLineReader.Truncate(p.Value.Trim()) + "'.");
                    }

                    break;
                case "RECURRENCE-ID":
                    e.RecurrenceId = ctx.ReadDateTime(p);
                    e.RecurrenceIdThisAndFuture = string.Equals(p.GetParameterValue("RANGE")?.Trim(), "THISANDFUTURE", StringComparison.OrdinalIgnoreCase);
                    break;
                case "RRULE":
                    e.RecurrenceRules.Add(p.Clone());
                    break;
                case "RDATE":
                    e.RecurrenceDates.Add(p.Clone());
                    CheckDateList(p, ctx);
                    break;
                case "EXDATE":
                    e.ExceptionDates.Add(p.Clone());
                    CheckDateList(p, ctx);
                    break;
                case "SUMMARY":
                    e.Summary = p.GetText();
                    break;
                case "DESCRIPTION":
                    e.Description = p.GetText();
                    break;
                case "LOCATION":
                    e.Location = p.GetText();
                    break;
                case "STATUS":
                    e.Status = ctx.ReadToken<EventStatus>(p);
                    break;
                case "CLASS":
                    e.Classification = ctx.ReadToken<Classification>(p);
                    break;
                case "TRANSP":
                    e.Transparency = ctx.ReadToken<Transparency>(p);
                    break;
                case "ORGANIZER":
                    if (RequireAddress(p, bag))
                    {
                        e.Organizer = Participant.ReadOrganizer(p);
                    }

                    break;
                case "ATTENDEE":
                    if (RequireAddress(p, bag))
                    {
                        e.Attendees.Add(Participant.ReadAttendee(p, bag));
                    }

                    break;
                default:
                    e.ExtraProperties.Add(p.Clone());
                    break;
            }
        }

        e.Components.AddRange(c.Components.Select(x => x.Clone()));
        ValidateEvent(e, c, ctx);
        return e;
    }

    private static void ValidateEvent(VEvent e, Component c, ReadContext ctx)
    {
        var bag = ctx.Bag;
        var line = c.LineNumber;
        if (e.Uid is null && !c.Properties.Exists(p => p.Name == "UID"))
        {
            if (ctx.Method is { } method)
            {
                bag.Error(DiagnosticCode.MissingRequiredProperty, line, "VEVENT has no UID, which METHOD:" + method.Token + " requires (RFC 5546 §3.2).");
            }
            else
            {
                bag.Warn(DiagnosticCode.MissingRequiredProperty, line, "VEVENT has no UID (RFC 5545 §3.6.1).");
            }
        }

        if (e.Stamp is null && !c.Properties.Exists(p => p.Name == "DTSTAMP"))
        {
            bag.Warn(DiagnosticCode.MissingRequiredProperty, line, "VEVENT has no DTSTAMP (RFC 5545 §3.6.1).");
        }

        var hasStart = c.Properties.Exists(p => p.Name == "DTSTART");
        if (!hasStart && ctx.Method is { Known: CalendarMethod.Publish or CalendarMethod.Request or CalendarMethod.Add or CalendarMethod.Counter } m)
        {
            bag.Error(DiagnosticCode.MissingRequiredProperty, line, "VEVENT has no DTSTART, which METHOD:" + m.Token + " requires (RFC 5546 §3.2).");
        }

        var hasEnd = c.Properties.Exists(p => p.Name == "DTEND");
        var hasDuration = c.Properties.Exists(p => p.Name == "DURATION");
        if (hasEnd && hasDuration)
        {
            bag.Error(DiagnosticCode.InvalidValue, line, "VEVENT has both DTEND and DURATION (RFC 5545 §3.6.1).");
        }

        if ((hasEnd || hasDuration) && !hasStart)
        {
            bag.Error(DiagnosticCode.MissingRequiredProperty, line, "VEVENT has DTEND or DURATION but no DTSTART.");
        }

        if (e.Duration is { IsNegative: true })
        {
            bag.Error(DiagnosticCode.InvalidDateRange, line, "VEVENT DURATION is negative.");
        }
        else if (e.Duration is { } duration && e.Start is { } durationStart && !duration.TryAddTo(durationStart, out _))
        {
            bag.Error(DiagnosticCode.InvalidValue, line, "VEVENT DURATION " + duration + " puts the end outside the supported date range.");
        }

        if (e.Start is { } start && e.End is { } end)
        {
            if (start.IsDate != end.IsDate)
            {
                bag.Error(DiagnosticCode.InvalidValue, line, "DTEND must have the same value type (DATE or DATE-TIME) as DTSTART (RFC 5545 §3.8.2.2).");
            }
            else if (Compare(end, start) < 0)
            {
                bag.Error(DiagnosticCode.InvalidDateRange, line, "DTEND " + end + " is before DTSTART " + start + ".");
            }
        }
    }

    private static VFreeBusy? MapFreeBusy(Component c, ReadContext ctx)
    {
        var bag = ctx.Bag;
        var f = new VFreeBusy();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in c.Properties)
        {
            if (p.Name is "UID" or "DTSTAMP" or "DTSTART" or "DTEND" or "ORGANIZER" && !seen.Add(p.Name))
            {
                bag.Error(DiagnosticCode.DuplicateProperty, p.LineNumber, p.Name + " occurs more than once in VFREEBUSY.");
                continue;
            }

            switch (p.Name)
            {
                case "UID":
                    f.Uid = ReadUid(p, ctx);
                    break;
                case "DTSTAMP":
                    f.Stamp = ctx.ReadUtc(p);
                    break;
                case "DTSTART":
                    f.Start = ctx.ReadDateTime(p);
                    break;
                case "DTEND":
                    f.End = ctx.ReadDateTime(p);
                    break;
                case "ORGANIZER":
                    if (RequireAddress(p, bag))
                    {
                        f.Organizer = Participant.ReadOrganizer(p);
                    }

                    break;
                case "ATTENDEE":
                    if (RequireAddress(p, bag))
                    {
                        f.Attendees.Add(Participant.ReadAttendee(p, bag));
                    }

                    break;
                case "FREEBUSY":
                    ReadFreeBusy(p, ctx, f.Periods);

                    break;
                default:
                    f.ExtraProperties.Add(p.Clone());
                    break;
            }
        }

        if (f.Start is { } start && f.End is { } end && Compare(end, start) < 0)
        {
            bag.Error(DiagnosticCode.InvalidDateRange, c.LineNumber, "VFREEBUSY DTEND is before DTSTART.");
        }

        return f;
    }

    private static void ReadFreeBusy(Property p, ReadContext ctx, List<FreeBusyPeriod> output)
    {
        var fbType = p.GetParameterValue("FBTYPE");
        var type = string.IsNullOrWhiteSpace(fbType) ? FreeBusyType.Busy : new Extensible<FreeBusyType>(fbType);
        var periods = new List<FreeBusyPeriod>();
        foreach (var part in p.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var period = ctx.ReadPeriod(p, part);
            if (period is null)
            {
                return;
            }

            if (period.Start.Kind != CalDateTimeKind.Utc || (period.End is { } end && end.Kind != CalDateTimeKind.Utc))
            {
                ctx.Bag.Error(DiagnosticCode.InvalidValue, p.LineNumber, "FREEBUSY periods must be UTC (RFC 5545 §3.8.2.6).");
                return;
            }

            periods.Add(new FreeBusyPeriod(type, period));
        }

        if (periods.Count == 0)
        {
            ctx.Bag.Warn(DiagnosticCode.Tolerated, p.LineNumber, "FREEBUSY without periods ignored.");
        }

        output.AddRange(periods);
    }

    private static VTimeZone? MapTimeZone(Component c, DiagnosticBag bag)
    {
        var tzIdProperty = c.GetProperty("TZID");
        var tzId = tzIdProperty?.GetText().Trim();
        if (string.IsNullOrEmpty(tzId))
        {
            bag.Warn(DiagnosticCode.MissingRequiredProperty, c.LineNumber, "VTIMEZONE without TZID kept verbatim.");
            return null;
        }

        var tz = new VTimeZone(tzId);
        foreach (var p in c.Properties)
        {
            if (!ReferenceEquals(p, tzIdProperty))
            {
                tz.ExtraProperties.Add(p.Clone());
            }
        }

        foreach (var sub in c.Components)
        {
            if (sub.Name is not ("STANDARD" or "DAYLIGHT"))
            {
                tz.OtherComponents.Add(sub.Clone());
                continue;
            }

            var observance = MapObservance(sub, bag);
            if (observance is null)
            {
                bag.Warn(DiagnosticCode.Tolerated, sub.LineNumber, "VTIMEZONE " + Text.ContentLineReader.Truncate(tzId) + " has an unusable " + sub.Name + "; the VTIMEZONE is kept verbatim but cannot be used to resolve times.");
                return null;
            }

            tz.Observances.Add(observance);
        }

        return tz;
    }

    private static TimeZoneObservance? MapObservance(Component c, DiagnosticBag bag)
    {
        LocalDateTime? start = null;
        Offset? from = null;
        Offset? to = null;
        string? name = null;
        string? rule = null;
        var extra = new List<Property>();
        var rdates = new List<Property>();
        foreach (var p in c.Properties)
        {
            switch (p.Name)
            {
                case "DTSTART" when start is null:
                    if (ValueParse.TryParseDateTimeText(p.Value, out var local, out var isDate, out var isUtc) && !isDate)
                    {
                        if (isUtc)
                        {
                            bag.Warn(DiagnosticCode.Tolerated, p.LineNumber, "VTIMEZONE DTSTART should be local time; the Z is ignored.");
                        }

                        start = local;
                    }
                    else
                    {
                        return null;
                    }

                    break;
                case "TZOFFSETFROM" when from is null:
                    if (!ValueParse.TryParseOffset(p.Value, out var f))
                    {
                        return null;
                    }

                    from = f;
                    break;
                case "TZOFFSETTO" when to is null:
                    if (!ValueParse.TryParseOffset(p.Value, out var t))
                    {
                        return null;
                    }

                    to = t;
                    break;
                case "TZNAME" when name is null:
                    name = p.GetText();
                    break;
                case "RRULE" when rule is null:
                    rule = p.Value.Trim();
                    break;
                case "RDATE":
                    rdates.Add(p.Clone());
                    break;
                default:
                    extra.Add(p.Clone());
                    break;
            }
        }

        if (start is null || from is null || to is null)
        {
            return null;
        }

        var observance = new TimeZoneObservance(c.Name == "DAYLIGHT" ? ObservanceKind.Daylight : ObservanceKind.Standard, start.Value, from.Value, to.Value)
        {
            Name = name,
            RecurrenceRule = rule,
        };
        observance.RecurrenceDates.AddRange(rdates);
        observance.ExtraProperties.AddRange(extra);
        return observance;
    }

    /// <summary>
    /// RDATE/EXDATE stay raw (a VALUE=PERIOD RDATE is kept, not typed), but their DATE-TIME values must parse and
    /// their TZID resolve, as for DTSTART, so a consumer can rely on <see cref="DateTimeList.Read"/> with the
    /// calendar's resolver.
    /// </summary>
    private static void CheckDateList(Property p, ReadContext ctx)
    {
        if (string.Equals(p.GetParameterValue("VALUE")?.Trim(), "PERIOD", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        _ = ctx.ReadDateTimeList(p);
    }

    private static string? ReadUid(Property p, ReadContext ctx)
    {
        var uid = p.GetText().Trim();
        if (uid.Length == 0)
        {
            ctx.Bag.Error(DiagnosticCode.InvalidValue, p.LineNumber, "UID is empty.");
            return null;
        }

        return uid;
    }

    private static bool RequireAddress(Property p, DiagnosticBag bag)
    {
        if (string.IsNullOrWhiteSpace(p.Value))
        {
            bag.Error(DiagnosticCode.InvalidValue, p.LineNumber, p.Name + " has no cal-address.");
            return false;
        }

        return true;
    }

    private static int Compare(CalDateTime a, CalDateTime b)
    {
        // Floating and DATE values compare by wall time; anything involving a real instant compares on the time line,
        // reading a floating partner as UTC.
        if (a.ToInstant() is null && b.ToInstant() is null)
        {
            return a.Value.CompareTo(b.Value);
        }

        return a.ToInstant(DateTimeZone.Utc).CompareTo(b.ToInstant(DateTimeZone.Utc));
    }

    private static bool IsSingleton(string name) => name is "UID" or "SEQUENCE" or "DTSTAMP" or "DTSTART" or "DTEND" or "DURATION"
        or "RECURRENCE-ID" or "SUMMARY" or "DESCRIPTION" or "LOCATION" or "STATUS" or "CLASS" or "TRANSP" or "ORGANIZER";

    private static bool IsIdentityOrTime(string name) => name is "UID" or "SEQUENCE" or "DTSTAMP" or "DTSTART" or "DTEND" or "DURATION"
        or "RECURRENCE-ID" or "ORGANIZER";
}
