using Convene.Core.Common;
using Convene.Core.Directory;
using Convene.Core.Ports;
using NodaTime;

namespace Convene.Core.Scheduling;

/// <summary>One diary's free/busy in a window (no titles, places or participants: only time).</summary>
public sealed record FreeBusyView(int AssociateId, string Name, AssociateKind Kind, string TimeZone, IReadOnlyList<TimeRange> Busy, IReadOnlyList<TimeRange> Tentative, IReadOnlyList<TimeRange> WorkingHours);

/// <summary>An associate's weekly working hours as read and written through the API.</summary>
public sealed record WorkingHoursView(int AssociateId, string TimeZone, WorkingHoursMode Mode, bool AlwaysAvailable, IReadOnlyList<WorkingPeriod> Periods);

/// <summary>A room the search may pick ("any room with capacity ≥ N", optionally with tags).</summary>
public sealed record RoomQuery(int MinCapacity, IReadOnlyList<string> Tags);

/// <summary>A find-a-time request (ids as the caller gave them; validated here).</summary>
public sealed record FindTimeRequest(
    IReadOnlyList<int> Required,
    IReadOnlyList<int> Optional,
    IReadOnlyList<int> Resources,
    IReadOnlyList<int> Persons,
    RoomQuery? Room,
    Instant From,
    Instant To,
    Duration Duration,
    Duration? Granularity,
    bool WorkingHoursOnly,
    LocalTime? Earliest,
    LocalTime? Latest,
    double MinimumOptionalShare,
    int MaxSuggestions,
    bool IncludeCaller);

/// <summary>The find-a-time answer with the names and kinds the explanations refer to.</summary>
public sealed record FindTimeAnswer(FindTimeResult Result, IReadOnlyDictionary<int, SchedulingSubject> Subjects, IReadOnlyList<(int Id, string Name)> Persons, string? Message);

/// <summary>Free/busy, first available, find a time and working hours: validation, fetching, then the pure algorithms.</summary>
public sealed class SchedulingService(ISchedulingStore store, IDirectoryStore directory, IUnitOfWork unitOfWork, IClock clock)
{
    /// <summary>The longest window of any scheduling query ("up to 1 year").</summary>
    public static readonly Duration MaxWindow = Duration.FromDays(366);

    /// <summary>The most diaries one query may name (Graph: 20, Google: 50).</summary>
    public const int MaxEntities = 500;

    public const int MaxCount = 50;

    /// <summary>How far "first available" on a conflicting meeting looks ahead.</summary>
    public static readonly Duration FirstAvailableHorizon = Duration.FromDays(90);

    private static readonly Duration FirstAvailableFirstLook = Duration.FromDays(7);

    public async Task<Result<IReadOnlyList<FreeBusyView>>> GetFreeBusyAsync(IReadOnlyList<int> ids, Instant from, Instant to, CancellationToken ct)
    {
        var window = ValidateWindow(from, to);
        if (!window.IsSuccess)
        {
            return window.Error!;
        }

        var subjects = await FindAllAsync(ids, "associateIds", ct);
        if (!subjects.IsSuccess)
        {
            return subjects.Error!;
        }

        var rows = await store.GetBusyRowsAsync(ids.Distinct().ToList(), window.Value, null, ct);
        var byDiary = rows.ToLookup(r => r.AssociateId);
        return ids.Distinct().Select(id =>
        {
            var s = subjects.Value[id];
            var schedule = EntitySchedule.Build(id, byDiary[id], s.Hours, window.Value);
            return new FreeBusyView(id, s.Name, s.Kind, s.Hours.TimeZone, schedule.Busy, schedule.Tentative, schedule.Working);
        }).ToList();
    }

    /// <summary>The first <paramref name="count"/> slots where every listed associate and resource is free inside working hours.</summary>
    public async Task<Result<IReadOnlyList<TimeRange>>> FirstAvailableAsync(IReadOnlyList<int> ids, Instant? from, Instant? to, Duration duration, Duration? granularity, int count, CancellationToken ct)
    {
        var start = from ?? clock.GetCurrentInstant();
        var end = to ?? start + Duration.FromDays(30);
        var window = ValidateWindow(start, end);
        if (!window.IsSuccess)
        {
            return window.Error!;
        }

        var error = ValidateDuration(duration, window.Value) ?? ValidateGranularity(granularity)
            ?? (count is < 1 or > MaxCount ? Error.Validation("scheduling.count_invalid", $"count is 1 to {MaxCount}.", "count") : null);
        if (error is not null)
        {
            return error;
        }

        var subjects = await FindAllAsync(ids, "associateIds", ct);
        if (!subjects.IsSuccess)
        {
            return subjects.Error!;
        }

        var schedules = await SchedulesAsync(subjects.Value.Values.ToList(), window.Value, null, ct);
        return Result<IReadOnlyList<TimeRange>>.Success(
            SlotSearch.FirstAvailable(schedules, window.Value, duration, granularity ?? SlotSearch.DefaultGranularity, count, respectWorkingHours: true));
    }

    /// <summary>For a meeting with a conflict: the first free time of the same length after its start, ignoring the meeting itself.</summary>
    public async Task<TimeRange?> FirstAvailableForMeetingAsync(IReadOnlyCollection<int> diaryIds, TimeRange meeting, Duration leadTime, Duration lagTime, int motherId, CancellationToken ct)
    {
        // The meeting's own travel time needs free time too. [s - lead, s + length + lag) is free of a busy [b1, b2)
        // exactly when [s, s + length) is free of [b1 - lag, b2 + lead): widen the others' busy time, and the meeting
        // itself stays on the search grid. Rows just outside the window can reach into it once widened: fetch them.
        var subjects = await store.FindSubjectsAsync(diaryIds, ct);

        // Look one week ahead first and only then over the whole horizon: the same answer (the earliest free slot
        // that ends within a week is the earliest of all, and if there is none the horizon is searched), but a
        // conflicting create or move usually reads a week of busy rows instead of 90 days' (issue 8).
        foreach (var horizon in (Duration[])[FirstAvailableFirstLook, FirstAvailableHorizon])
        {
            var window = new TimeRange(meeting.Start, meeting.Start + horizon);
            var schedules = (await SchedulesAsync(subjects, new TimeRange(window.Start - leadTime, window.End + lagTime), motherId, ct))
                .Select(s => s.WithTravel(leadTime, lagTime, window))
                .ToList();
            var slots = SlotSearch.FirstAvailable(schedules, window, meeting.Length, SlotSearch.DefaultGranularity, 1, respectWorkingHours: true);
            if (slots.Count > 0)
            {
                return slots[0];
            }
        }

        return null;
    }

    public async Task<Result<FindTimeAnswer>> SearchAsync(Viewer viewer, FindTimeRequest request, CancellationToken ct)
    {
        var window = ValidateWindow(request.From, request.To);
        if (!window.IsSuccess)
        {
            return window.Error!;
        }

        var required = request.IncludeCaller && !request.Required.Contains(viewer.AssociateId) && !request.Optional.Contains(viewer.AssociateId)
            ? [viewer.AssociateId, .. request.Required]
            : request.Required;
        var named = required.Concat(request.Optional).Concat(request.Resources).ToList();
        var error = ValidateDuration(request.Duration, window.Value) ?? ValidateGranularity(request.Granularity)
            ?? (named.Count + request.Persons.Count > MaxEntities ? TooMany : null)
            ?? (named.Count == 0 ? Error.Validation("scheduling.no_attendees", "Name at least one required or optional attendee or resource.", "required") : null)
            ?? (named.Count != named.Distinct().Count() ? Error.Validation("scheduling.duplicate_attendee", "An associate appears more than once among required, optional and resources.", "required") : null)
            ?? (request.MinimumOptionalShare is < 0 or > 1 || double.IsNaN(request.MinimumOptionalShare) ? Error.Validation("scheduling.share_invalid", "minimumOptionalShare is between 0 and 1.", "minimumOptionalShare") : null)
            ?? (request.MaxSuggestions is < 1 or > MaxCount ? Error.Validation("scheduling.max_suggestions_invalid", $"maxSuggestions is 1 to {MaxCount}.", "maxSuggestions") : null)
            ?? (request.Earliest is { } e && request.Latest is { } l && l != LocalTime.Midnight && l <= e ? Error.Validation("scheduling.latest_not_after_earliest", "latest must be after earliest.", "latest") : null)
            ?? (request.Room is { MinCapacity: < 0 } ? Error.Validation("scheduling.capacity_invalid", "minCapacity is 0 or more.", "room") : null);
        if (error is not null)
        {
            return error;
        }

        var subjects = await FindAllAsync(named, "required", ct);
        if (!subjects.IsSuccess)
        {
            return subjects.Error!;
        }

        var persons = await directory.FindPersonsAsync(request.Persons.Distinct().ToList(), ct);
        var unknownPerson = request.Persons.Where(p => !persons.ContainsKey(p)).ToList();
        if (unknownPerson.Count > 0)
        {
            return Error.Validation("scheduling.unknown_person", $"There is no person {string.Join(", ", unknownPerson)}.", "persons");
        }

        var personNames = request.Persons.Distinct().Select(p => (p, persons[p].Name)).ToList();
        var bad = request.Resources.FirstOrDefault(id => subjects.Value[id].Kind != AssociateKind.Resource);
        if (bad != 0)
        {
            return Error.Validation("scheduling.not_a_resource", $"Associate {bad} is not a resource.", "resources");
        }

        var all = subjects.Value.ToDictionary();
        List<SchedulingSubject>? rooms = null;
        if (request.Room is { } roomQuery)
        {
            var tags = roomQuery.Tags.Select(t => t.Trim().ToLowerInvariant()).ToList();
            rooms = (await store.FindRoomsAsync(roomQuery.MinCapacity, ct))
                .Where(r => tags.TrueForAll(r.Tags.Contains) && !all.ContainsKey(r.Id))
                .Take(MaxEntities - named.Count - request.Persons.Count)
                .ToList();
            if (rooms.Count == 0)
            {
                return new FindTimeAnswer(new FindTimeResult([], EmptyReason.NoMatchingRoom, []), all, personNames,
                    $"No active room seats {roomQuery.MinCapacity}{(tags.Count > 0 ? " with " + string.Join(", ", tags) : "")}.");
            }

            foreach (var r in rooms)
            {
                all[r.Id] = r;
            }
        }

        // Deactivated associates keep no diary: their availability is unknown, so they neither block nor count.
        var active = all.Values.Where(s => s.IsActive).ToList();
        var schedules = (await SchedulesAsync(active, window.Value, null, ct)).ToDictionary(s => s.AssociateId);
        List<EntitySchedule> Pick(IEnumerable<int> ids) => ids.Where(schedules.ContainsKey).Select(id => schedules[id]).ToList();
        IReadOnlyList<TimeRange>? preferred = null;
        if (request.Earliest is not null || request.Latest is not null)
        {
            var zone = all.TryGetValue(viewer.AssociateId, out var me) ? me.TimeZone : (await FindOneAsync(viewer.AssociateId, ct))?.TimeZone ?? "UTC";
            var earliest = request.Earliest ?? LocalTime.Midnight;
            var latest = request.Latest ?? LocalTime.Midnight;
            preferred = WorkingHours.FromStored(zone, Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => new WorkingPeriod(d, earliest, latest)).ToList())
                .Expand(window.Value);
        }

        var result = FindTime.Search(new FindTimeQuery(
            Pick(required),
            Pick(request.Optional),
            Pick(request.Resources),
            rooms is null ? null : Pick(rooms.Select(r => r.Id)),
            window.Value,
            request.Duration,
            request.Granularity ?? Duration.FromMinutes(30),
            request.WorkingHoursOnly,
            preferred,
            request.MinimumOptionalShare,
            request.MaxSuggestions));
        return new FindTimeAnswer(result, all, personNames, MessageFor(result.Reason));
    }

    public async Task<Result<WorkingHoursView>> GetWorkingHoursAsync(int associateId, CancellationToken ct)
    {
        var subject = (await FindOneAsync(associateId, ct));
        return subject is null ? NotFound : View(subject);
    }

    /// <summary>Sets an associate's working hours: the associate themself, or an administrator (for anyone, and for resources).</summary>
    public Task<Result<WorkingHoursView>> SetWorkingHoursAsync(Viewer viewer, int associateId, WorkingHoursMode mode, IReadOnlyList<WorkingPeriod> periods, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync<WorkingHoursView>(async ct =>
        {
            var subject = (await FindOneAsync(associateId, ct));
            if (subject is null)
            {
                return NotFound;
            }

            if (viewer.AssociateId != associateId && !viewer.IsAdministrator)
            {
                return Error.Forbidden("working_hours.forbidden", "Only the associate or an administrator can change working hours.");
            }

            if (mode != WorkingHoursMode.Custom && periods.Count > 0)
            {
                return Error.Validation("working_hours.periods_not_allowed", "periods are only given with mode Custom.", "periods");
            }

            var hours = WorkingHours.Create(subject.TimeZone, periods);
            if (!hours.IsSuccess)
            {
                return hours.Error!;
            }

            await store.ReplaceWorkingHoursAsync(associateId, mode, hours.Value.Periods, ct);
            return View(subject with { Mode = mode, Periods = hours.Value.Periods });
        }, cancellationToken);

    private static readonly Error NotFound = Error.NotFound("associate.not_found", "There is no such associate.");

    private static readonly Error TooMany = Error.Validation("scheduling.too_many_entities", $"At most {MaxEntities} associates, resources and persons in one query.", "associateIds");

    private static WorkingHoursView View(SchedulingSubject s)
    {
        var hours = s.Hours;
        return new WorkingHoursView(s.Id, hours.TimeZone, s.Mode, hours.IsAlwaysAvailable, hours.Periods);
    }

    private async Task<SchedulingSubject?> FindOneAsync(int id, CancellationToken ct)
    {
        var found = await store.FindSubjectsAsync([id], ct);
        return found.Count == 0 ? null : found[0];
    }

    private async Task<IReadOnlyList<EntitySchedule>> SchedulesAsync(IReadOnlyList<SchedulingSubject> subjects, TimeRange window, int? excludeMotherId, CancellationToken ct)
    {
        var rows = (await store.GetBusyRowsAsync(subjects.Select(s => s.Id).ToList(), window, excludeMotherId, ct)).ToLookup(r => r.AssociateId);
        return subjects.Select(s => EntitySchedule.Build(s.Id, rows[s.Id], s.Hours, window)).ToList();
    }

    private async Task<Result<IReadOnlyDictionary<int, SchedulingSubject>>> FindAllAsync(IReadOnlyList<int> ids, string field, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return Error.Validation("scheduling.no_associates", "Name at least one associate or resource.", field);
        }

        var distinct = ids.Distinct().ToList();
        if (distinct.Count > MaxEntities)
        {
            return TooMany;
        }

        var found = (await store.FindSubjectsAsync(distinct, ct)).ToDictionary(s => s.Id);
        var unknown = distinct.Where(id => !found.ContainsKey(id)).ToList();
        return unknown.Count > 0
            ? Error.Validation("scheduling.unknown_associate", $"There is no associate or resource {string.Join(", ", unknown)}.", field)
            : found;
    }

    private static Result<TimeRange> ValidateWindow(Instant from, Instant to) =>
        to <= from ? Error.Validation("scheduling.invalid_range", "'to' must be after 'from'.", "to")
        : to - from > MaxWindow ? Error.Validation("scheduling.range_too_long", $"The window spans at most {MaxWindow.Days} days.", "to")
        : new TimeRange(from, to);

    private static Error? ValidateDuration(Duration duration, TimeRange window) =>
        duration <= Duration.Zero ? Error.Validation("scheduling.duration_invalid", "duration must be positive, e.g. PT1H.", "duration")
        : duration > window.Length ? Error.Validation("scheduling.duration_longer_than_window", "duration is longer than the window from 'from' to 'to'.", "duration")
        : null;

    private static Error? ValidateGranularity(Duration? granularity) =>
        granularity is { } g && (g < Duration.FromMinutes(5) || g > Duration.FromHours(1) || Duration.FromHours(1).BclCompatibleTicks % g.BclCompatibleTicks != 0)
            ? Error.Validation("scheduling.granularity_invalid", "granularity divides an hour and is 5 to 60 minutes (PT5M, PT15M, PT30M, PT1H...).", "granularity")
            : null;

    private static string? MessageFor(EmptyReason reason) => reason switch
    {
        EmptyReason.None => null,
        EmptyReason.NoCommonWorkingHours => "The required attendees' working hours (and the time-of-day preference) never overlap for that long.",
        EmptyReason.AttendeesUnavailable => "The required attendees are never free together for that long in the window.",
        EmptyReason.ResourcesUnavailable => "The attendees are free together, but never when the resources or a room are.",
        EmptyReason.OptionalAttendeesUnavailable => "Everyone required is free at times, but never with the minimum share of optional attendees.",
        EmptyReason.NoMatchingRoom => "No active room has that capacity and those tags.",
    };
}
