using System.Globalization;
using Convene.Core.Appointments;
using Convene.Core.Common;
using Convene.Core.Itip;
using Convene.Core.Ports;
using NodaTime;

namespace Convene.Core.Series;

/// <summary>A new series: a meeting as for <see cref="MeetingService.CreateAsync"/>, a zone and RFC 5545 lines.</summary>
public sealed record NewSeries(NewMeeting Meeting, string? TimeZone, IReadOnlyList<string> Recurrence);

/// <summary>
/// Recurring meetings as the seeds' matrix of dates × participants (superoffice-domain.md §6, ADR 0014): every
/// occurrence is an ordinary booking — a master and one row per participant — whose rows share the rule's id, so
/// every status change of every date goes through the same <see cref="Meeting"/> operations and
/// <see cref="InvitationStateMachine"/> as a single meeting. This service picks the occurrences a scope names and
/// applies the operation to each, all in one transaction.
/// </summary>
public sealed class SeriesService(
    MeetingService meetings,
    IMeetingStore store,
    ISeriesStore series,
    IDirectoryStore directory,
    IUnitOfWork unitOfWork,
    IClock clock,
    ItipPublisher itip)
{
    /// <summary>The dates a new series would have and who is busy on each, without writing anything (ValidateDays).</summary>
    /// <remarks>Without recurrence lines the meeting has one date. The zone is the given one or the owner's.</remarks>
    public async Task<Result<(string TimeZone, IReadOnlyList<OccurrenceView> Occurrences)>> ValidateAsync(Viewer viewer, NewSeries input, CancellationToken ct)
    {
        var plan = await PlanAsync(viewer, input, ct);
        return plan.IsSuccess ? (plan.Value.Zone.Id, plan.Value.Dates) : plan.Error!;
    }

    /// <summary>Creates every occurrence of the series in one transaction; the view is the first date's, with all dates.</summary>
    public Task<Result<MeetingView>> CreateAsync(Viewer viewer, NewSeries input, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync<MeetingView>(async ct =>
        {
            var planned = await PlanAsync(viewer, input, ct);
            if (!planned.IsSuccess)
            {
                return planned.Error!;
            }

            var plan = planned.Value;
            if (plan.Refused is { } refused)
            {
                return refused;
            }

            var now = clock.GetCurrentInstant();
            var rule = SeriesRule.Create(plan.Owner.AssociateId!.Value, input.Recurrence, plan.Zone.Id, plan.LocalStart, plan.Duration, now);
            await series.AddRuleAsync(rule, ct);
            var created = new List<Meeting>(plan.Dates.Count);
            foreach (var date in plan.Dates)
            {
                var details = plan.Details with { Start = date.Start, End = date.End };
                var meeting = Meeting.Create(details, plan.Owner, plan.Candidates, now);
                if (!meeting.IsSuccess)
                {
                    return meeting.Error!;
                }

                foreach (var row in meeting.Value.Changes.AddedRows)
                {
                    row.RecurrenceRuleId = rule.Id;
                    row.OriginalStart = date.Start;
                }

                created.Add(meeting.Value);
            }

            // External persons get ONE REQUEST for the series (the whole recurring event), not one per date (ADR 0021).
            var announced = created[0].Changes.Itip.ToList();
            AnnounceOnce(created, plan.Details.Title, plan.Zone);
            await series.AddOccurrencesAsync(created, ct);
            var optedOut = input.Meeting.Participants.Where(p => !p.SendEmail && p.PersonId is not null).Select(p => p.PersonId!.Value).ToHashSet();
            await itip.PublishSeriesAsync(rule, created, announced, revised: false, new EmailPreferences(input.Meeting.SendEmail, optedOut), ct);
            var view = await meetings.ViewAsync(created[0], ct);
            var dates = plan.Dates.Select((d, i) => d with { AppointmentId = created[i].Id }).ToList();
            return view with { Series = Info(rule, created[0].Reference), Occurrences = dates };
        }, cancellationToken);

    /// <summary>The owner edits occurrences: one (an exception), this and following (the series splits), or all.</summary>
    public Task<Result<MeetingView>> EditAsync(Viewer viewer, int id, SeriesScope scope, Instant? occurrence, MeetingEdit edit, CancellationToken cancellationToken) =>
        InSelectionAsync(viewer, id, scope, occurrence, async (rule, target, selected, all, now, ct) =>
        {
            var moves = edit.Start is not null || edit.End is not null;
            if (rule is null || scope == SeriesScope.This || !moves)
            {
                foreach (var meeting in selected)
                {
                    var edited = meeting.Edit(viewer.AssociateId, edit, now);
                    if (!edited.IsSuccess)
                    {
                        return edited.Error!;
                    }
                }

                return await SaveAsync(rule, target, selected, ct, WholeEvent(rule, scope, all, ct));
            }

            // A change of time for several dates: each moves by as many days as the named date (0 for a change of the
            // time of day; 1 from Monday to Tuesday) and gets the new wall-clock time in the series' zone, so a
            // 09:00 → 10:00 change stays 10:00 on both sides of a DST change.
            var zone = DateTimeZoneProviders.Tzdb[rule.TimeZone];
            var reference = target.Reference;
            var newStart = edit.Start ?? reference.Start;
            var newEnd = edit.End ?? reference.End;
            var oldLocal = reference.Start.InZone(zone).LocalDateTime;
            var newLocal = newStart.InZone(zone).LocalDateTime;
            var days = Period.Between(oldLocal.Date, newLocal.Date, PeriodUnits.Days).Days;
            var time = newLocal.TimeOfDay;
            var length = newEnd - newStart;
            var first = selected.OrderBy(m => m.Reference.OriginalStart ?? m.Reference.Start).First();
            var whole = scope == SeriesScope.Series || first.Reference.OriginalStart == await FirstOriginalStartAsync(rule, ct);
            var split = first.Reference.OriginalStart ?? first.Reference.Start;
            var splitLocal = split.InZone(zone).LocalDateTime;

            // The rule that generates the moved dates: the whole rule moved, or (this and following) the part from the
            // split date on, moved (the seeds: "a new rule starts and the old one ends at that point").
            var lines = RuleLines.Shift(
                whole ? rule.LineList : RuleLines.From(rule.LineList, split, Occurrences.CountGenerated(rule.LineList, zone, rule.LocalStart, rule.Duration, split), time, zone),
                days,
                time,
                zone);
            var localStart = (whole ? rule.LocalStart.Date : splitLocal.Date).PlusDays(days) + time;
            if (lines is null)
            {
                return SeriesErrors.FollowingDayShift;
            }

            // Each date's new RECURRENCE-ID is what the new rule generates for it; a rule that would not generate every
            // moved date (e.g. every other week with the shift crossing WKST) is refused rather than written wrong.
            IReadOnlyList<Meeting> live = selected.Where(m => !m.IsCancelled).ToList();
            var originals = live.ToDictionary(m => m, m => zone.AtLeniently((m.Reference.OriginalStart ?? m.Reference.Start).InZone(zone).Date.PlusDays(days) + time).ToInstant());
            var generated = Occurrences.Expand(lines, zone, localStart, length);
            if (days != 0 && (!generated.IsSuccess || !originals.Values.All(generated.Value.ToHashSet().Contains)))
            {
                return SeriesErrors.FollowingDayShift;
            }

            foreach (var meeting in live)
            {
                var localDate = meeting.Reference.Start.InZone(zone).Date.PlusDays(days);
                var start = zone.AtLeniently(localDate + time).ToInstant();
                var edited = meeting.Edit(viewer.AssociateId, edit with { Start = start, End = start + length }, now);
                if (!edited.IsSuccess)
                {
                    return edited.Error!;
                }

                foreach (var participant in meeting.Participants)
                {
                    participant.Row.OriginalStart = originals[meeting];
                }
            }

            if (whole)
            {
                rule.Move(lines, localStart, length, now); // one rule, moved: the same series (and UID)
                return await SaveAsync(rule, target, selected, ct, WholeEvent(rule, scope, all, ct));
            }
            else
            {
                // This and following: the old rule ends before the split date and a new one takes the rest; earlier
                // dates keep their rows and answers.
                var successor = SeriesRule.Create(rule.OwnerId, lines, rule.TimeZone, localStart, length, now);
                rule.Replace(RuleLines.Until(rule.LineList, split, zone), now);
                await series.AddRuleAsync(successor, ct);
                foreach (var meeting in selected)
                {
                    foreach (var participant in meeting.Participants)
                    {
                        participant.Row.RecurrenceRuleId = successor.Id;
                    }
                }

                // RFC 5546 has no "this and following" for iTIP that clients agree on (RANGE=THISANDFUTURE is rarely
                // honoured): as Google and Exchange do, the old UID gets its shortened rule (a REQUEST with UNTIL, or a
                // CANCEL for a person left with no date) and the later dates are a new event with a new UID (ADR 0021).
                var earlier = all.Except(selected).ToList();
                var old = rule;
                return await SaveAsync(successor, target, selected, ct, async (pending, revised) =>
                {
                    await itip.PublishSeriesAsync(old, earlier, pending, revised: true, null, ct);
                    await itip.PublishSeriesAsync(successor, selected, pending, revised: false, null, ct);
                });
            }
        }, cancellationToken);

    /// <summary>
    /// The owner cancels one date (it is cancelled for everyone, and the rule gets an EXDATE), this and following dates
    /// (the seeds' StopRecurrence: the rule ends before it) or the whole series.
    /// </summary>
    public Task<Result<MeetingView>> CancelAsync(Viewer viewer, int id, SeriesScope scope, Instant? occurrence, CancellationToken cancellationToken) =>
        InSelectionAsync(viewer, id, scope, occurrence, async (rule, target, selected, all, now, ct) =>
        {
            var live = selected.Where(m => !m.IsCancelled).ToList();
            if (live.Count == 0)
            {
                return MeetingErrors.Cancelled;
            }

            foreach (var meeting in live)
            {
                var cancelled = meeting.Cancel(viewer.AssociateId, now);
                if (!cancelled.IsSuccess)
                {
                    return cancelled.Error!;
                }
            }

            if (rule is not null)
            {
                var zone = DateTimeZoneProviders.Tzdb[rule.TimeZone];
                var originalStart = target.Reference.OriginalStart ?? target.Reference.Start;
                switch (scope)
                {
                    case SeriesScope.This:
                        rule.Replace([.. rule.LineList, RuleLines.ExDate(originalStart, zone)], now);
                        break;
                    case SeriesScope.Following:
                        rule.Replace(RuleLines.Until(rule.LineList, originalStart, zone), now);
                        break;
                    case SeriesScope.Series:
                        break; // every date is cancelled; the rule stays as the record of what the series was
                }
            }

            return await SaveAsync(rule, target, live, ct, WholeEvent(rule, scope, all, ct));
        }, cancellationToken);

    /// <summary>The calling invitee answers one date, this and following dates or the whole series.</summary>
    public Task<Result<MeetingView>> AnswerAsync(Viewer viewer, int id, SeriesScope scope, Instant? occurrence, InvitationAction action, string? reason, CancellationToken cancellationToken) =>
        InSelectionAsync(viewer, id, scope, occurrence, async (rule, target, selected, all, now, ct) =>
        {
            var answered = new List<Meeting>();
            Error? first = null;
            foreach (var meeting in selected)
            {
                // Dates cancelled for everyone, or where the invitee was removed, are not part of a series answer.
                if (selected.Count > 1 && (meeting.IsCancelled || !meeting.Participants.Any(p => p.Kind == ParticipantKind.Associate
                    && p.Row.AssociateId == viewer.AssociateId && p.Row.Status != AppointmentStatus.BookingDeleted)))
                {
                    continue;
                }

                var result = meeting.Answer(viewer.AssociateId, action, reason, now);
                if (!result.IsSuccess)
                {
                    first ??= result.Error;
                    continue;
                }

                answered.Add(meeting);
            }

            if (answered.Count == 0)
            {
                return first ?? MeetingErrors.NotInvited;
            }

            return await SaveAsync(rule, target, answered, ct);
        }, cancellationToken);

    /// <summary>
    /// The owner adds a participant to one date, this and following dates, or the whole series (dates where they already
    /// take part are left as they are). An external person gets the recurring event as they now take part in it (ADR 0021);
    /// a colleague gets one "New meeting" notification, not one per date.
    /// </summary>
    public Task<Result<MeetingView>> AddParticipantAsync(Viewer viewer, int id, SeriesScope scope, Instant? occurrence, ParticipantRef participant, CancellationToken cancellationToken) =>
        InSelectionAsync(viewer, id, scope, occurrence, async (rule, target, selected, all, now, ct) =>
        {
            var resolved = await meetings.ResolveAsync([participant], ct);
            if (!resolved.IsSuccess)
            {
                return resolved.Error!;
            }

            var candidate = resolved.Value[0];
            var changed = new List<Meeting>();
            foreach (var meeting in selected.Where(m => !m.IsCancelled))
            {
                if (selected.Count > 1 && meeting.Participants.Any(p => p.Row.Status != AppointmentStatus.BookingDeleted && Same(p, candidate)))
                {
                    continue;
                }

                var added = meeting.AddParticipant(viewer.AssociateId, candidate, now);
                if (!added.IsSuccess)
                {
                    return added.Error!;
                }

                if (await meetings.RefusedByResourcesAsync(meeting, ct) is { } refused)
                {
                    return refused;
                }

                if (changed.Count > 0)
                {
                    meeting.Changes.Notifications.Clear(); // one "New meeting" for the dates, on the first of them
                }

                changed.Add(meeting);
            }

            if (changed.Count == 0)
            {
                return MeetingErrors.AlreadyInvited(candidate.Name);
            }

            var preferences = participant is { SendEmail: false, PersonId: { } personId } ? new EmailPreferences(true, new HashSet<int> { personId }) : null;
            return await SaveAsync(rule, target, changed, ct, rule is null || scope == SeriesScope.This
                ? null
                : (pending, revised) => itip.PublishSeriesAsync(rule, all, pending, revised, preferences, ct));
        }, cancellationToken);

    /// <summary>
    /// The owner removes a participant — named by their row on the named date — from that date, this and following
    /// dates, or the whole series. An external person left with no date gets a CANCEL of the series' UID.
    /// </summary>
    public Task<Result<MeetingView>> RemoveParticipantAsync(Viewer viewer, int id, SeriesScope scope, Instant? occurrence, int rowId, CancellationToken cancellationToken) =>
        InSelectionAsync(viewer, id, scope, occurrence, async (rule, target, selected, all, now, ct) =>
        {
            var named = target.Participants.FirstOrDefault(p => p.Row.Id == rowId);
            if (named is null)
            {
                return MeetingErrors.ParticipantNotFound;
            }

            var changed = new List<Meeting>();
            foreach (var meeting in selected.Where(m => !m.IsCancelled))
            {
                var theirs = meeting.Participants.FirstOrDefault(p => p.Row.Status != AppointmentStatus.BookingDeleted && p.Kind == named.Kind
                    && p.Row.AssociateId == named.Row.AssociateId && p.Row.InvitedPersonId == named.Row.InvitedPersonId);
                if (theirs is null)
                {
                    continue;
                }

                var removed = meeting.RemoveParticipant(viewer.AssociateId, theirs.Row.Id, now);
                if (!removed.IsSuccess)
                {
                    return removed.Error!;
                }

                changed.Add(meeting);
            }

            return changed.Count == 0
                ? MeetingErrors.ParticipantNotFound
                : await SaveAsync(rule, target, changed, ct, WholeEvent(rule, scope, all, ct));
        }, cancellationToken);

    private static bool Same(Participant participant, ParticipantCandidate candidate) =>
        participant.Kind == candidate.Kind && (candidate.Kind == ParticipantKind.Person
            ? participant.Row.InvitedPersonId == candidate.PersonId
            : participant.Row.AssociateId == candidate.AssociateId);

    // One transaction: the dates the scope picks, then the operation on them.
    private async Task<Result<MeetingView>> InSelectionAsync(
        Viewer viewer, int id, SeriesScope scope, Instant? occurrence,
        Func<SeriesRule?, Meeting, IReadOnlyList<Meeting>, IReadOnlyList<Meeting>, Instant, CancellationToken, Task<Result<Saved>>> operation,
        CancellationToken cancellationToken)
    {
        await store.ReadAheadAsync(id, cancellationToken);
        var saved = await unitOfWork.InTransactionAsync<Saved>(async ct =>
        {
            var selection = await SelectAsync(viewer, id, scope, occurrence, ct);
            return selection.IsSuccess
                ? await operation(selection.Value.Rule, selection.Value.Target, selection.Value.Selected, selection.Value.All, clock.GetCurrentInstant(), ct)
                : selection.Error!;
        }, cancellationToken);
        if (!saved.IsSuccess)
        {
            return saved.Error!;
        }

        // The answer is built after the commit, as MeetingService does: its conflict reads need no lock, and inside the
        // transaction they held SQLite's single writer. "First available" only for the owner (ADR 0023; issue 8).
        var (rule, target) = saved.Value;
        var view = await meetings.ViewAsync(target, viewer.AssociateId, cancellationToken);
        return rule is null ? view : view with { Series = Info(rule, target.Reference) };
    }

    /// <summary>What a series operation wrote: the rule it ended with and the date the answer shows.</summary>
    private sealed record Saved(SeriesRule? Rule, Meeting Target);

    private static SeriesInfo Info(SeriesRule rule, Appointment reference) =>
        new(rule.Id, rule.TimeZone, rule.LineList, reference.OriginalStart ?? reference.Start);

    // A change of several dates is told to external persons as the whole recurring event, one message each; a change of
    // one date (scope this) as that date's RECURRENCE-ID, which saving the date does (ItipPublisher.PublishAsync).
    private Func<IReadOnlyList<PendingItip>, bool, Task>? WholeEvent(SeriesRule? rule, SeriesScope scope, IReadOnlyList<Meeting> all, CancellationToken ct) =>
        rule is null || scope == SeriesScope.This
            ? null
            : (pending, revised) => itip.PublishSeriesAsync(rule, all, pending, revised, null, ct);

    private async Task<Saved> SaveAsync(
        SeriesRule? rule, Meeting target, IReadOnlyList<Meeting> changed, CancellationToken ct, Func<IReadOnlyList<PendingItip>, bool, Task>? publish = null)
    {
        var pending = new List<PendingItip>();
        var revised = false;
        foreach (var meeting in changed.Where(_ => publish is not null))
        {
            pending.AddRange(meeting.Changes.Itip);
            revised |= meeting.Changes.Revised;
            meeting.Changes.Itip.Clear(); // told once for the series below, not once per date
        }

        foreach (var meeting in changed)
        {
            await meetings.SaveAsync(meeting, null, ct);
        }

        if (rule is not null)
        {
            await series.SaveAsync(ct); // the rule's changes; a meeting that does not repeat has none (the unit of work saves the rest)
        }

        if (publish is not null && pending.Count > 0)
        {
            await publish(pending, revised);
        }

        return new Saved(rule, target);
    }

    private async Task<Instant?> FirstOriginalStartAsync(SeriesRule rule, CancellationToken ct)
    {
        var ids = await series.FindOccurrenceIdsAsync(rule.Id, ct);
        return ids.Count == 0 || await store.FindAsync(ids[0], ct) is not { } first ? null : first.Reference.OriginalStart;
    }

    // The meeting named by id, the occurrences of its series the scope selects (target first, then by date), and all of them.
    private async Task<Result<(SeriesRule? Rule, Meeting Target, IReadOnlyList<Meeting> Selected, IReadOnlyList<Meeting> All)>> SelectAsync(
        Viewer viewer, int id, SeriesScope scope, Instant? occurrence, CancellationToken ct)
    {
        var found = await meetings.FindVisibleAsync(viewer, id, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var named = found.Value;
        var ruleId = named.Reference.RecurrenceRuleId;
        if (ruleId == 0)
        {
            // A meeting that does not repeat is a series of one: every scope names just it.
            return occurrence is null || occurrence == named.Reference.Start
                ? (null, named, [named], [named])
                : SeriesErrors.OccurrenceNotFound;
        }

        var rule = await series.FindRuleAsync(ruleId, ct);
        var all = new List<Meeting>();
        foreach (var meetingId in await series.FindOccurrenceIdsAsync(ruleId, ct))
        {
            if (meetingId == named.Id)
            {
                all.Add(named);
            }
            else if (await store.FindAsync(meetingId, ct) is { } meeting)
            {
                all.Add(meeting);
            }
        }

        var target = occurrence is { } original
            ? all.Find(m => (m.Reference.OriginalStart ?? m.Reference.Start) == original)
            : named;
        if (target is null)
        {
            return SeriesErrors.OccurrenceNotFound;
        }

        var from = target.Reference.OriginalStart ?? target.Reference.Start;
        IReadOnlyList<Meeting> selected = scope switch
        {
            SeriesScope.This => [target],
            SeriesScope.Following => all.Where(m => (m.Reference.OriginalStart ?? m.Reference.Start) >= from).ToList(),
            SeriesScope.Series => all,
        };
        return (rule, target, selected, all);
    }

    private sealed record Plan(
        ParticipantCandidate Owner,
        IReadOnlyList<ParticipantCandidate> Candidates,
        MeetingDetails Details,
        DateTimeZone Zone,
        LocalDateTime LocalStart,
        Duration Duration,
        IReadOnlyList<OccurrenceView> Dates,
        Error? Refused);

    // Everything a series needs before it is written: the owner, participants, the dates in the zone and the busy
    // time on each date — one query for all dates, so a 500-date series costs one round trip, not 500.
    private async Task<Result<Plan>> PlanAsync(Viewer viewer, NewSeries input, CancellationToken ct)
    {
        var owner = await directory.FindAssociateAsync(viewer.AssociateId, ct);
        if (owner is null || owner.IsResource)
        {
            return Error.Forbidden("appointment.owner_not_employee", "Only an employee can own a meeting.");
        }

        var zoneId = string.IsNullOrWhiteSpace(input.TimeZone) ? owner.TimeZone : input.TimeZone.Trim();
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is not { } zone)
        {
            return SeriesErrors.InvalidTimeZone(zoneId);
        }

        var m = input.Meeting;
        var details = new MeetingDetails(m.Title ?? "", m.Description, m.Location, m.Start, m.End, m.Private, m.Free, m.ContactId, m.PersonId)
        {
            LeadTime = m.LeadTime,
            LagTime = m.LagTime,
        }.Validate();
        if (!details.IsSuccess)
        {
            return details.Error!;
        }

        var link = await meetings.ResolveLinkAsync(m.ContactId, m.PersonId, ct);
        if (!link.IsSuccess)
        {
            return link.Error!;
        }

        var candidates = await meetings.ResolveAsync(m.Participants, ct);
        if (!candidates.IsSuccess)
        {
            return candidates.Error!;
        }

        var localStart = m.Start.InZone(zone).LocalDateTime;
        var duration = m.End - m.Start;
        var starts = input.Recurrence.Count == 0
            ? Result<IReadOnlyList<Instant>>.Success([m.Start])
            : Occurrences.Expand(input.Recurrence, zone, localStart, duration);
        if (!starts.IsSuccess)
        {
            return starts.Error!;
        }

        var ownerCandidate = new ParticipantCandidate(ParticipantKind.Owner, owner.Id, owner.PersonId, owner.Name, owner.IsActive);
        var diaries = candidates.Value.Where(c => c.Kind != ParticipantKind.Person && c.AssociateId is not null).Select(c => c.AssociateId!.Value)
            .Append(owner.Id).Distinct().ToList();
        var names = candidates.Value.Where(c => c.AssociateId is not null).GroupBy(c => c.AssociateId!.Value).ToDictionary(g => g.Key, g => g.First().Name);
        names[owner.Id] = owner.Name;
        var list = starts.Value;
        // Travel time counts as for a single meeting (MeetingService's conflict flag): each date blocks
        // [start - leadTime, end + lagTime), and other rows block their own span with their travel time (BusyRow.Blocked).
        var lead = details.Value.LeadTime;
        var lag = details.Value.LagTime;
        var busy = await series.FindBusyAsync(diaries, list[0] - lead, list[^1] + duration + lag, ct);
        var byStart = busy.OrderBy(b => b.Blocked.Start).ToList();
        var dates = new List<OccurrenceView>(list.Count);
        var resourceIds = candidates.Value.Where(c => c.Kind == ParticipantKind.Resource).Select(c => c.AssociateId!.Value).ToHashSet();
        var resources = resourceIds.Count == 0 ? new Dictionary<int, Directory.Associate>() : await directory.FindAssociatesAsync(resourceIds.ToList(), ct);
        var exclusive = resources.Values.Where(r => r.RejectConflicts).Select(r => r.Id).Order().ToList();
        var refusals = new List<(string Resource, int ResourceId, Instant Start, Instant End)>();
        if (exclusive.Count > 0)
        {
            await store.LockResourcesAsync(exclusive, ct);
        }

        // Busy rows by blocked start: a row whose blocked span starts more than the longest span before a date's window
        // cannot overlap it, so each date scans only the rows near it (the dates are in order too).
        var longest = byStart.Count == 0 ? Duration.Zero : byStart.Max(b => b.Blocked.End - b.Blocked.Start);
        var cursor = 0;
        foreach (var start in list)
        {
            var end = start + duration;
            var blockedStart = start - lead;
            var blockedEnd = end + lag;
            while (cursor < byStart.Count && byStart[cursor].Blocked.Start < blockedStart - longest)
            {
                cursor++;
            }

            var conflicted = new SortedSet<int>();
            for (var i = cursor; i < byStart.Count && byStart[i].Blocked.Start < blockedEnd; i++)
            {
                if (byStart[i].Blocked.End > blockedStart)
                {
                    conflicted.Add(byStart[i].DiaryId);
                    if (exclusive.Contains(byStart[i].DiaryId))
                    {
                        refusals.Add((resources[byStart[i].DiaryId].Name, byStart[i].DiaryId, byStart[i].Start, byStart[i].End));
                    }
                }
            }

            dates.Add(new OccurrenceView(0, start, start, end, false, conflicted.Count > 0, conflicted.Select(d => names.GetValueOrDefault(d, $"#{d}")).ToList()));
        }

        return new Plan(ownerCandidate, candidates.Value, details.Value with { ContactId = link.Value.ContactId, PersonId = link.Value.PersonId },
            zone, localStart, duration, dates, refusals.Count == 0 ? null : MeetingErrors.DoubleBooked(refusals.Take(50).ToList()));
    }

    // One "New meeting" per invitee for the whole series, on the first date's row (the seeds' "New recurring meeting"),
    // not one per date: 500 notifications for one weekly meeting would bury everything else. External persons are not
    // mailed per date either: they get one REQUEST with the whole recurring event (ADR 0021).
    private static void AnnounceOnce(List<Meeting> created, string title, DateTimeZone zone)
    {
        var first = created[0].Reference;
        var when = first.Start.InZone(zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var text = $"{created[0].Owner?.Name ?? "The organiser"} invited you to the recurring meeting '{title}' ({created.Count} dates from {when} {zone.Id}).";
        var keep = created[0].Changes.Notifications.Select(n => n with { Text = text }).ToList();
        created[0].Changes.Notifications.Clear();
        created[0].Changes.Notifications.AddRange(keep);
        foreach (var meeting in created)
        {
            meeting.Changes.Itip.Clear();
            if (meeting != created[0])
            {
                meeting.Changes.Notifications.Clear();
            }
        }
    }
}
