using Convene.Core.Appointments;
using Convene.Core.Diary;
using Convene.Core.Directory;
using NodaTime;

namespace Convene.Web.Api;

public sealed record TokenRequest(string? UserName, string? Password);

public sealed record TokenResponse(string Token, int AssociateId, DateTime ExpiresAt);

public sealed record AssociateResponse(int Id, string Name, string? UserName, string Kind, bool IsLocation, string? Email, bool IsAdministrator, bool Active, string TimeZone, bool RejectConflicts, int? Capacity, IReadOnlyList<string> Tags)
{
    public static AssociateResponse From(Associate a) =>
        new(a.Id, a.Name, a.UserName, a.Kind.ToString(), a.IsLocation, a.Email, a.IsAdministrator, a.IsActive, a.TimeZone, a.RejectConflicts, a.Capacity, a.Tags);
}

public sealed record CreateAssociateRequest(string? Name, string? Kind, string? UserName, string? Password, string? Email, bool? IsAdministrator, bool? IsLocation, string? TimeZone, bool? RejectConflicts);

public sealed record EditAssociateRequest(string? Name, string? Email, string? Password, bool? IsAdministrator, bool? IsLocation, bool? Active, string? TimeZone, bool? RejectConflicts, int? Capacity = null, IReadOnlyList<string>? Tags = null);

public sealed record ContactResponse(int Id, string Name, bool Active)
{
    public static ContactResponse From(Contact c) => new(c.Id, c.Name, c.IsActive);
}

public sealed record CreateContactRequest(string? Name);

public sealed record EditContactRequest(string? Name, bool? Active);

public sealed record PersonResponse(int Id, string Name, int ContactId, string? Email, bool Active)
{
    public static PersonResponse From(Person p) => new(p.Id, p.Name, p.ContactId, p.Email, p.IsActive);
}

public sealed record CreatePersonRequest(int? ContactId, string? Name, string? Email);

public sealed record EditPersonRequest(string? Name, string? Email, int? ContactId, bool? Active);

/// <summary>A participant: exactly one of <c>associateId</c> (employee or resource) or <c>personId</c>.</summary>
/// <remarks><c>kind</c> is optional; when given it must match what the id names. <c>sendEmail</c>: false = no e-mail to this external person.</remarks>
public sealed record ParticipantRequest(int? AssociateId, int? PersonId, string? Kind, bool? SendEmail = null);

public sealed record CreateAppointmentRequest(
    string? Title,
    string? Description,
    string? Location,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    bool? Private,
    bool? Free,
    int? ContactId,
    int? PersonId,
    IReadOnlyList<ParticipantRequest?>? Participants,
    bool? SendEmail = null,
    string? LeadTime = null,
    string? LagTime = null,

    string? TimeZone = null,
    IReadOnlyList<string>? Recurrence = null);

public sealed record EditAppointmentRequest(
    string? Title,
    string? Description,
    string? Location,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    bool? Private,
    bool? Free,
    string? LeadTime = null,
    string? LagTime = null);

public sealed record DeclineRequest(string? Reason);

public sealed record ParticipantResponse(int RowId, string Kind, int? AssociateId, int? PersonId, string Name, string Status, int StatusCode, string? RejectReason, bool Conflict, bool Active);

public sealed record AppointmentResponse(
    int Id,
    int OwnerId,
    string OwnerName,
    string Title,
    string Description,
    string? Location,
    DateTime Start,
    DateTime End,
    bool Private,
    bool Free,
    int? ContactId,
    int? PersonId,
    int RejectCounter,
    bool Cancelled,
    bool HasConflict,
    int Revision,
    IReadOnlyList<ParticipantResponse> Participants,
    RangeResponse? FirstAvailable = null,
    string LeadTime = "PT0M",
    string LagTime = "PT0M",

    string? TimeZone = null,
    IReadOnlyList<string>? Recurrence = null,
    int? RecurrenceRuleId = null,
    DateTime? OriginalStart = null,
    IReadOnlyList<OccurrenceResponse>? Occurrences = null)
{
    public static AppointmentResponse From(MeetingView m) => new(
        m.Id,
        m.OwnerId,
        m.OwnerName,
        m.Title,
        m.Description,
        m.Location,
        Utc(m.Start),
        Utc(m.End),
        m.Private,
        m.Free,
        m.ContactId,
        m.PersonId,
        m.RejectCounter,
        m.Cancelled,
        m.HasConflict,
        m.Revision,
        m.Participants.Select(p => new ParticipantResponse(p.RowId, p.Kind.ToString(), p.AssociateId, p.PersonId, p.Name, p.Status, p.StatusCode, p.RejectReason, p.Conflict, p.Active)).ToList(),
        m.FirstAvailable is { } first ? RangeResponse.From(first) : null,
        IsoDuration.FormatMinutes(m.LeadTime),
        IsoDuration.FormatMinutes(m.LagTime),

        m.Series?.TimeZone,
        m.Series?.Recurrence,
        m.Series?.RuleId,
        m.Series is { } series ? Utc(series.OriginalStart) : null,
        m.Occurrences?.Select(OccurrenceResponse.From).ToList());

    public static DateTime Utc(Instant instant) => instant.ToDateTimeUtc();
}

public sealed record HistoryResponse(DateTime At, int ActorId, string ActorName, string Action, int? RowId, int? AssociateId, int? PersonId, string? SubjectName, int? FromStatus, int? ToStatus, string? Reason, string? Details)
{
    public static HistoryResponse From(HistoryView h) => new(
        h.At.ToDateTimeUtc(), h.ActorId, h.ActorName, h.Action.ToString(), h.RowId, h.SubjectAssociateId, h.SubjectPersonId, h.SubjectName, h.FromStatus, h.ToStatus, h.Reason, h.Details);
}

public sealed record DiaryEntryResponse(int RowId, int? AppointmentId, int AssociateId, int? OwnerId, string? Title, string? Location, DateTime Start, DateTime End, bool Private, bool Free, bool BusyOnly, bool Pending, string Status, int StatusCode)
{
    public static DiaryEntryResponse From(DiaryEntry e) => new(
        e.RowId, e.AppointmentId, e.AssociateId, e.OwnerId, e.Title, e.Location, e.Start.ToDateTimeUtc(), e.End.ToDateTimeUtc(), e.Private, e.Free, e.BusyOnly, e.Pending, e.Status, e.StatusCode);
}

public sealed record InvitationResponse(int RowId, int AppointmentId, int OwnerId, string OwnerName, string Title, string? Location, DateTime Start, DateTime End, bool Private, string Status, int StatusCode, string? RejectReason, int? RecurrenceRuleId = null, IReadOnlyList<InvitationDateResponse>? Dates = null)
{
    public static InvitationResponse From(InvitationEntry e) => new(
        e.RowId, e.AppointmentId, e.OwnerId, e.OwnerName, e.Title, e.Location, e.Start.ToDateTimeUtc(), e.End.ToDateTimeUtc(), e.Private, e.Status, e.StatusCode, e.RejectReason,
        e.RecurrenceRuleId, e.Dates?.Select(InvitationDateResponse.From).ToList());
}

public sealed record ActivityResponse(int AppointmentId, int OwnerId, string OwnerName, string? Title, string? Location, DateTime Start, DateTime End, bool BusyOnly, IReadOnlyList<ActivityPersonResponse> Persons)
{
    public static ActivityResponse From(ActivityEntry e) => new(
        e.AppointmentId, e.OwnerId, e.OwnerName, e.Title, e.Location, e.Start.ToDateTimeUtc(), e.End.ToDateTimeUtc(), e.BusyOnly,
        e.Persons.Select(p => new ActivityPersonResponse(p.PersonId, p.Name)).ToList());
}

public sealed record ActivityPersonResponse(int PersonId, string Name);

/// <summary><c>appointmentId</c> is the meeting; <c>rowId</c> the recipient's own row of it.</summary>
public sealed record NotificationResponse(int Id, string Kind, int AppointmentId, int RowId, DateTime CreatedAt, string Text)
{
    public static NotificationResponse From(Notification n) => new(n.Id, n.Kind.ToString(), n.MotherId, n.AppointmentId, n.CreatedAt.ToDateTimeUtc(), n.Text);
}

public sealed record DismissAllResponse(int Dismissed);
