using Convene.Core.GroupViews;
using Convene.Core.Scheduling;

namespace Convene.Web.Api;

/// <summary>A UTC time range [start, end).</summary>
public sealed record RangeResponse(DateTime Start, DateTime End)
{
    public static RangeResponse From(TimeRange r) => new(r.Start.ToDateTimeUtc(), r.End.ToDateTimeUtc());

    public static List<RangeResponse> From(IEnumerable<TimeRange> ranges) => ranges.Select(From).ToList();
}

public sealed record FreeBusyEntityResponse(int AssociateId, string Name, string Kind, string TimeZone, List<RangeResponse> Busy, List<RangeResponse> Tentative, List<RangeResponse> WorkingHours);

public sealed record FreeBusyResponse(DateTime From, DateTime To, List<FreeBusyEntityResponse> Associates);

public sealed record SlotsResponse(List<RangeResponse> Slots);

/// <summary>A weekly period: <c>day</c> Monday..Sunday, <c>start</c>/<c>end</c> local "HH:mm" ("24:00" = end of day).</summary>
public sealed record WorkingPeriodDto(string? Day, string? Start, string? End);

/// <summary><c>mode</c>: Default (the kind's default), Custom (the periods), Always; omitted = Custom when periods are given.</summary>
public sealed record WorkingHoursRequest(string? Mode, IReadOnlyList<WorkingPeriodDto?>? Periods);

public sealed record WorkingHoursResponse(int AssociateId, string TimeZone, string Mode, bool AlwaysAvailable, List<WorkingPeriodDto> Periods)
{
    public static WorkingHoursResponse From(WorkingHoursView v) => new(
        v.AssociateId,
        v.TimeZone,
        v.Mode.ToString(),
        v.AlwaysAvailable,
        v.Periods.Select(p => new WorkingPeriodDto(p.Day.ToString(), p.Start.ToString("HH:mm", null), p.EndsAtMidnight ? "24:00" : p.End.ToString("HH:mm", null))).ToList());
}

public sealed record RoomQueryRequest(int? MinCapacity, IReadOnlyList<string>? Tags);

/// <summary>
/// Find a time. <c>required</c>/<c>optional</c>: associate ids; <c>resources</c>: resources that must all be free;
/// <c>persons</c>: external persons (availability unknown); <c>room</c>: any room with capacity ≥ N and the tags.
/// </summary>
public sealed record SearchRequest(
    IReadOnlyList<int>? Required,
    IReadOnlyList<int>? Optional,
    IReadOnlyList<int>? Resources,
    IReadOnlyList<int>? Persons,
    RoomQueryRequest? Room,
    string? Duration,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Granularity,
    bool? WorkingHoursOnly,
    string? Earliest,
    string? Latest,
    double? MinimumOptionalShare,
    int? MaxSuggestions,
    bool? IncludeCaller);

/// <summary>One attendee's answer for a slot: <c>role</c> Required|Optional|Resource|Room|Person, <c>status</c> Free|Tentative|Busy|OutsideWorkingHours|Unknown.</summary>
public sealed record AttendeeStatusResponse(int? AssociateId, int? PersonId, string Name, string Role, string Status);

public sealed record RoomResponse(int Id, string Name, int? Capacity);

public sealed record SuggestionResponse(DateTime Start, DateTime End, double Score, RoomResponse? Room, List<RoomResponse> OtherRooms, List<AttendeeStatusResponse> Attendees);

public sealed record SearchResponse(List<SuggestionResponse> Suggestions, string? EmptyReason, string? Message, List<SuggestionResponse> NearMisses)
{
    public static SearchResponse From(FindTimeAnswer answer)
    {
        string NameOf(int id) => answer.Subjects.TryGetValue(id, out var s) ? s.Name : $"#{id}";
        RoomResponse Room(int id) => new(id, NameOf(id), answer.Subjects.TryGetValue(id, out var s) ? s.Capacity : null);
        AttendeeStatusResponse Attendee(AttendeeAvailability a, string role) => new(a.AssociateId, null, NameOf(a.AssociateId), role, a.Status.ToString());
        SuggestionResponse Suggestion(TimeSuggestion s) => new(
            s.Slot.Start.ToDateTimeUtc(),
            s.Slot.End.ToDateTimeUtc(),
            Math.Round(s.Score, 4),
            s.Room is { } room ? Room(room) : null,
            s.OtherRooms.Select(Room).ToList(),
            [
                .. s.Required.Select(a => Attendee(a, "Required")),
                .. s.Optional.Select(a => Attendee(a, "Optional")),
                .. s.Resources.Select(a => Attendee(a, "Resource")),
                .. answer.Persons.Select(p => new AttendeeStatusResponse(null, p.Id, p.Name, "Person", nameof(SlotStatus.Unknown))),
            ]);
        return new SearchResponse(
            answer.Result.Suggestions.Select(Suggestion).ToList(),
            answer.Result.Reason == Core.Scheduling.EmptyReason.None ? null : answer.Result.Reason.ToString(),
            answer.Message,
            answer.Result.NearMisses.Select(Suggestion).ToList());
    }
}

public sealed record GroupViewRequest(string? Name, IReadOnlyList<int>? MemberIds);

public sealed record GroupViewResponse(int Id, string Name, List<int> MemberIds, DateTime Updated)
{
    public static GroupViewResponse From(GroupView v) => new(v.Id, v.Name, v.Members.ToList(), v.Updated.ToDateTimeUtc());
}

public sealed record GroupViewMemberResponse(int AssociateId, string Name, string Kind, List<DiaryEntryResponse> Entries);

public sealed record GroupViewDiaryResponse(int Id, string Name, DateTime From, DateTime To, List<GroupViewMemberResponse> Members);
