using NodaTime;

namespace Convene.Core.Scheduling;

/// <summary>What a find-a-time search weighs, as schedules already built for the window.</summary>
/// <remarks>
/// <para>Required: Attendees who must be free.</para>
/// <para>Optional: Attendees whose presence raises a slot's score.</para>
/// <para>Resources: Named resources that must all be free.</para>
/// <para>Rooms: Equivalent rooms: one of them must be free ("any room with capacity ≥ N"), in order of preference.</para>
/// <para>Preferred: Time-of-day preference (earliest/latest) as ranges; null for none.</para>
/// <para>MinimumOptionalShare: Share (0–1) of optional attendees that must be free.</para>
/// </remarks>
public sealed record FindTimeQuery(
    IReadOnlyList<EntitySchedule> Required,
    IReadOnlyList<EntitySchedule> Optional,
    IReadOnlyList<EntitySchedule> Resources,
    IReadOnlyList<EntitySchedule>? Rooms,
    TimeRange Window,
    Duration Duration,
    Duration Granularity,
    bool WorkingHoursOnly,
    IReadOnlyList<TimeRange>? Preferred,
    double MinimumOptionalShare,
    int MaxSuggestions,
    int MaxNearMisses = 5);

/// <summary>One diary's answer for a slot.</summary>
public sealed record AttendeeAvailability(int AssociateId, SlotStatus Status);

/// <summary>A suggested (or nearly suggested) slot with everyone's answer.</summary>
/// <remarks>
/// <para>Score: 0–1: the weighted share of optional attendees present (free 1, tentative 0.5); 1 without optional attendees.</para>
/// <para>Room: The preferred free room when rooms were asked for.</para>
/// <para>OtherRooms: The other rooms that are free too.</para>
/// </remarks>
public sealed record TimeSuggestion(
    TimeRange Slot,
    double Score,
    int? Room,
    IReadOnlyList<int> OtherRooms,
    IReadOnlyList<AttendeeAvailability> Required,
    IReadOnlyList<AttendeeAvailability> Optional,
    IReadOnlyList<AttendeeAvailability> Resources);

/// <summary>Why a search found nothing (like Graph's emptySuggestionsReason, but for every case).</summary>
public enum EmptyReason
{
    None,

    /// <summary>The required attendees' working hours (and the time-of-day preference) never leave room for the duration together.</summary>
    NoCommonWorkingHours,

    /// <summary>The required attendees are never all free together.</summary>
    AttendeesUnavailable,

    /// <summary>The attendees are free together, but never when the resources or a room are.</summary>
    ResourcesUnavailable,

    /// <summary>Everyone required is free at times, but never with the minimum share of optional attendees.</summary>
    OptionalAttendeesUnavailable,

    /// <summary>No active room has the capacity and tags asked for.</summary>
    NoMatchingRoom,
}

public sealed record FindTimeResult(IReadOnlyList<TimeSuggestion> Suggestions, EmptyReason Reason, IReadOnlyList<TimeSuggestion> NearMisses);

/// <summary>Find a time: ranked, explained suggestions, and near misses when nothing fits.</summary>
public static class FindTime
{
    public static FindTimeResult Search(FindTimeQuery q)
    {
        var attendeeTime = Restrict(CommonFree(q.Required, q), q);
        IReadOnlyList<TimeRange> feasible = CommonFree(q.Resources, q, attendeeTime);
        if (q.Rooms is { } rooms)
        {
            feasible = TimeRanges.Intersect(feasible, TimeRanges.Merge(rooms.SelectMany(r => r.Free(q.Window, q.WorkingHoursOnly))));
        }

        var picked = new List<TimeSuggestion>();
        // Scored candidates only: the explained suggestion (everyone's answer) is built for the few that are picked.
        var ranked = new List<(TimeRange Slot, double Score, (int? Chosen, List<int> Others)? Room)>();
        var sawFeasible = false;
        foreach (var range in feasible)
        {
            foreach (var slot in SlotSearch.CandidatesIn(range, q.Duration, q.Granularity))
            {
                var room = PickRooms(q, slot);
                if (room is { Chosen: null })
                {
                    continue;
                }

                sawFeasible = true;
                var (freeShare, score) = OptionalPresence(q, slot);
                if (freeShare < q.MinimumOptionalShare)
                {
                    continue;
                }

                if (score >= 1 && !picked.Exists(p => p.Slot.Overlaps(slot)))
                {
                    // Perfect slots seen in time order are final: nothing later can outrank them.
                    picked.Add(Suggest(q, slot, score, room));
                    if (picked.Count == q.MaxSuggestions)
                    {
                        return new FindTimeResult(picked, EmptyReason.None, []);
                    }
                }
                else
                {
                    ranked.Add((slot, score, room));
                }
            }
        }

        foreach (var candidate in ranked.OrderByDescending(s => s.Score).ThenBy(s => s.Slot.Start))
        {
            if (picked.Count == q.MaxSuggestions)
            {
                break;
            }

            if (!picked.Exists(p => p.Slot.Overlaps(candidate.Slot)))
            {
                picked.Add(Suggest(q, candidate.Slot, candidate.Score, candidate.Room));
            }
        }

        if (picked.Count > 0)
        {
            return new FindTimeResult(picked.OrderByDescending(s => s.Score).ThenBy(s => s.Slot.Start).ToList(), EmptyReason.None, []);
        }

        var reason = sawFeasible ? EmptyReason.OptionalAttendeesUnavailable
            : !HasSlot(Restrict(CommonWorking(q), q), q) ? EmptyReason.NoCommonWorkingHours
            : HasSlot(attendeeTime, q) ? EmptyReason.ResourcesUnavailable
            : EmptyReason.AttendeesUnavailable;
        return new FindTimeResult([], reason, NearMisses(q));
    }

    /// <summary>The slots where the fewest required attendees, resources and rooms are unavailable, earliest first.</summary>
    private static List<TimeSuggestion> NearMisses(FindTimeQuery q)
    {
        // Candidates lie in time someone required would accept: inside the preference and anyone's working time.
        IReadOnlyList<TimeRange> space = q.WorkingHoursOnly && q.Required.Count > 0
            ? TimeRanges.Merge(q.Required.SelectMany(r => r.Working))
            : [q.Window];
        space = Restrict(space, q);
        var scored = new List<(int Blockers, TimeSuggestion Suggestion)>();
        foreach (var range in space)
        {
            foreach (var slot in SlotSearch.CandidatesIn(range, q.Duration, q.Granularity))
            {
                var room = PickRooms(q, slot);
                var suggestion = Suggest(q, slot, OptionalPresence(q, slot).Score, room);
                var blockers = suggestion.Required.Count(a => a.Status != SlotStatus.Free)
                    + suggestion.Resources.Count(a => a.Status != SlotStatus.Free)
                    + (room is { Chosen: null } ? 1 : 0);
                scored.Add((blockers, suggestion));
            }
        }

        var result = new List<TimeSuggestion>();
        foreach (var (_, suggestion) in scored.OrderBy(s => s.Blockers).ThenByDescending(s => s.Suggestion.Score).ThenBy(s => s.Suggestion.Slot.Start))
        {
            if (result.Count == q.MaxNearMisses)
            {
                break;
            }

            if (!result.Exists(r => r.Slot.Overlaps(suggestion.Slot)))
            {
                result.Add(suggestion);
            }
        }

        return result;
    }

    private static TimeSuggestion Suggest(FindTimeQuery q, TimeRange slot, double score, (int? Chosen, List<int> Others)? room) =>
        new(
            slot,
            score,
            room?.Chosen,
            room?.Others ?? [],
            Answers(q.Required, slot, q.WorkingHoursOnly),
            Answers(q.Optional, slot, q.WorkingHoursOnly),
            Answers(q.Resources, slot, q.WorkingHoursOnly));

    private static List<AttendeeAvailability> Answers(IReadOnlyList<EntitySchedule> schedules, TimeRange slot, bool workingHoursOnly) =>
        schedules.Select(s => new AttendeeAvailability(s.AssociateId, s.StatusFor(slot, workingHoursOnly))).ToList();

    /// <summary>
    /// The share of optional attendees free for <paramref name="slot"/>, and its score with Graph's weighting: a
    /// tentative attendee counts half (findMeetingTimes' confidence). Both 1 without optional attendees. This runs for
    /// every candidate slot, so it allocates nothing.
    /// </summary>
    private static (double FreeShare, double Score) OptionalPresence(FindTimeQuery q, TimeRange slot)
    {
        if (q.Optional.Count == 0)
        {
            return (1, 1);
        }

        var free = 0;
        var weight = 0.0;
        foreach (var o in q.Optional)
        {
            switch (o.StatusFor(slot, q.WorkingHoursOnly))
            {
                case SlotStatus.Free:
                    free++;
                    weight += 1.0;
                    break;
                case SlotStatus.Tentative:
                    weight += 0.5;
                    break;
                case SlotStatus.Busy or SlotStatus.OutsideWorkingHours or SlotStatus.Unknown:
                    break;
            }
        }

        return (free / (double)q.Optional.Count, weight / q.Optional.Count);
    }

    private static (int? Chosen, List<int> Others)? PickRooms(FindTimeQuery q, TimeRange slot)
    {
        if (q.Rooms is not { } rooms)
        {
            return null;
        }

        var free = rooms.Where(r => r.StatusFor(slot, q.WorkingHoursOnly) == SlotStatus.Free).Select(r => r.AssociateId).ToList();
        return free.Count == 0 ? (null, []) : (free[0], free.Skip(1).ToList());
    }

    private static IReadOnlyList<TimeRange> CommonFree(IReadOnlyList<EntitySchedule> schedules, FindTimeQuery q, IReadOnlyList<TimeRange>? start = null)
    {
        var common = start ?? [q.Window];
        foreach (var s in schedules)
        {
            common = TimeRanges.Intersect(common, s.Free(q.Window, q.WorkingHoursOnly));
        }

        return common;
    }

    private static IReadOnlyList<TimeRange> CommonWorking(FindTimeQuery q)
    {
        IReadOnlyList<TimeRange> common = [q.Window];
        if (q.WorkingHoursOnly)
        {
            foreach (var s in q.Required.Concat(q.Resources))
            {
                common = TimeRanges.Intersect(common, s.Working);
            }
        }

        return common;
    }

    private static IReadOnlyList<TimeRange> Restrict(IReadOnlyList<TimeRange> ranges, FindTimeQuery q) =>
        q.Preferred is { } preferred ? TimeRanges.Intersect(ranges, preferred) : ranges;

    private static bool HasSlot(IReadOnlyList<TimeRange> ranges, FindTimeQuery q) =>
        ranges.Any(r => SlotSearch.CandidatesIn(r, q.Duration, q.Granularity).Any());
}
