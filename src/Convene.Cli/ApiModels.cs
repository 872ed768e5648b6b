using Convene.Core.Directory;

namespace Convene.Cli;

// The server's v1 JSON shapes (PRODUCT.md §4), as far as the CLI reads them. Unknown fields are ignored.

internal sealed record TokenModel(string Token, int AssociateId, DateTimeOffset ExpiresAt);

internal sealed record AssociateModel(int Id, string Name, string? UserName, string Kind, bool IsLocation, string? Email, bool IsAdministrator, bool Active, string TimeZone)
{
    public static AssociateModel From(Associate a) =>
        new(a.Id, a.Name, a.UserName, a.Kind.ToString(), a.IsLocation, a.Email, a.IsAdministrator, a.IsActive, a.TimeZone);
}

internal sealed record ContactModel(int Id, string Name, bool Active)
{
    public static ContactModel From(Contact c) => new(c.Id, c.Name, c.IsActive);
}

internal sealed record PersonModel(int Id, string Name, int ContactId, string? Email, bool Active)
{
    public static PersonModel From(Person p) => new(p.Id, p.Name, p.ContactId, p.Email, p.IsActive);
}

internal sealed record ParticipantModel(int RowId, string Kind, int? AssociateId, int? PersonId, string Name, string Status, int StatusCode, string? RejectReason, bool Conflict);

internal sealed record AppointmentModel(
    int Id,
    int OwnerId,
    string OwnerName,
    string Title,
    string? Description,
    string? Location,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool Private,
    bool Free,
    int RejectCounter,
    bool Cancelled,
    IReadOnlyList<ParticipantModel> Participants);

internal sealed record InvitationModel(int RowId, int AppointmentId, string OwnerName, string Title, string? Location, DateTimeOffset Start, DateTimeOffset End, string Status, string? RejectReason);

internal sealed record DiaryEntryModel(int RowId, int? AppointmentId, string? Title, string? Location, DateTimeOffset Start, DateTimeOffset End, bool Free, bool BusyOnly, string Status);

internal sealed record NotificationModel(int Id, string Kind, int AppointmentId, DateTimeOffset CreatedAt, string Text);

// Request bodies: null members are left out (the server refuses unknown fields, not absent ones).

internal sealed record TokenRequestBody(string UserName, string Password);

internal sealed record ParticipantBody(int? AssociateId, int? PersonId);

internal sealed record CreateAppointmentBody(
    string Title,
    string? Description,
    string? Location,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool? Private,
    bool? Free,
    IReadOnlyList<ParticipantBody> Participants,
    string? LeadTime = null,
    string? LagTime = null,
    string? TimeZone = null,
    IReadOnlyList<string>? Recurrence = null);

internal sealed record DeclineBody(string? Reason);

internal sealed record AssignBody(int AssociateId, string? Note);
