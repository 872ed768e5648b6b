using Convene.Core.Itip;

namespace Convene.Web.Api;

public sealed record CalendarFeedResponse(Uri Url);

public sealed record ItipReplyResponse(int AppointmentId, int PersonId, string PersonName, string PartStat, int StatusCode)
{
    public static ItipReplyResponse From(ReplyOutcome o) => new(o.AppointmentId, o.PersonId, o.PersonName, o.PartStat, o.StatusCode);
}

/// <summary><c>state</c>: Queued, Sent, Failed, Off, NoAddress or OptedOut; <c>scheduleStatus</c> as RFC 6638 §3.2.9.</summary>
public sealed record EmailRecipientResponse(int PersonId, string Name, string? Email, bool SendEmail, string State, string? Error, DateTime Updated, string PartStat, string ScheduleStatus);

public sealed record EmailResponse(int AppointmentId, string Uid, int Sequence, bool SendEmail, IReadOnlyList<EmailRecipientResponse> Recipients)
{
    public static EmailResponse From(DeliveryView v) => new(
        v.AppointmentId,
        v.Uid,
        v.Sequence,
        v.SendEmail,
        v.Recipients.Select(r => new EmailRecipientResponse(r.PersonId, r.Name, r.Email, r.SendEmail, r.State.ToString(), r.Error, r.Updated.ToDateTimeUtc(), r.PartStat, r.ScheduleStatus)).ToList());
}

public sealed record EmailPersonRequest(int? PersonId, bool? SendEmail);

public sealed record EditEmailRequest(bool? SendEmail, IReadOnlyList<EmailPersonRequest?>? Persons);
