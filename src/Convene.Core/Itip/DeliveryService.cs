using Convene.Core.Appointments;
using Convene.Core.Common;
using Convene.Core.Ports;
using Convene.ICalendar;

namespace Convene.Core.Itip;

/// <summary>One external person's e-mail state on a meeting, as the owner sees it.</summary>
public sealed record RecipientView(int PersonId, string Name, string? Email, bool SendEmail, DeliveryState State, string? Error, NodaTime.Instant Updated, string PartStat, string ScheduleStatus);

/// <summary>A meeting's iCalendar identity and its external recipients.</summary>
public sealed record DeliveryView(int AppointmentId, string Uid, int Sequence, bool SendEmail, IReadOnlyList<RecipientView> Recipients);

/// <summary>The owner's view and control of a meeting's e-mail: delivery state per person and the opt-outs.</summary>
public sealed class DeliveryService(IMeetingStore meetings, IItipStore store, IUnitOfWork unitOfWork, ItipPublisher itip, IItipSettings settings)
{
    public async Task<Result<DeliveryView>> GetAsync(Viewer viewer, int id, CancellationToken ct)
    {
        var meeting = await FindOwnedAsync(viewer, id, ct);
        return meeting.IsSuccess ? await ViewAsync(meeting.Value, ct) : meeting.Error!;
    }

    /// <summary>Turns e-mail on or off for the meeting and/or single persons; later messages follow the new choice.</summary>
    public Task<Result<DeliveryView>> SetAsync(Viewer viewer, int id, bool? sendEmail, IReadOnlyDictionary<int, bool> persons, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync<DeliveryView>(async ct =>
        {
            var meeting = await FindOwnedAsync(viewer, id, ct);
            if (!meeting.IsSuccess)
            {
                return meeting.Error!;
            }

            // A meeting stored without an iCalendar identity (by SQL, or older than the table) gets it now, with the
            // fallback UID its feeds already publish, so the owner's switches have a row to live on.
            var invitation = await InvitationOfAsync(meeting.Value, ct)
                ?? (meeting.Value.Reference.RecurrenceRuleId == 0 ? await itip.FindOrAddInvitationAsync(meeting.Value, ct) : null);
            if (invitation is null)
            {
                return MeetingErrors.NotFound;
            }

            invitation.SendEmail = sendEmail ?? invitation.SendEmail;
            var recipients = (await store.GetRecipientsAsync(invitation.MotherId, ct)).ToDictionary(r => r.PersonId);
            foreach (var (personId, send) in persons)
            {
                if (!recipients.TryGetValue(personId, out var recipient))
                {
                    return Error.Validation("email.unknown_person", $"Person {personId} is not an external participant of this meeting.", "persons");
                }

                recipient.SendEmail = send;
            }

            return await ViewAsync(meeting.Value, ct, invitation);
        }, cancellationToken);

    private async Task<Result<Meeting>> FindOwnedAsync(Viewer viewer, int id, CancellationToken ct)
    {
        var meeting = await meetings.FindAsync(id, ct);
        if (meeting is null || !meeting.IsVisibleTo(viewer.AssociateId))
        {
            return MeetingErrors.NotFound;
        }

        return meeting.OwnerId == viewer.AssociateId ? meeting : MeetingErrors.NotOwner;
    }

    // known: the row this transaction just created or changed (a new row is not in the database until the commit).
    private async Task<DeliveryView> ViewAsync(Meeting meeting, CancellationToken ct, InvitationRecord? known = null)
    {
        var invitation = known ?? await InvitationOfAsync(meeting, ct);
        var sequence = invitation?.Sequence ?? 0;
        var recipients = await store.GetRecipientsAsync(invitation?.MotherId ?? meeting.Id, ct);
        var views = new List<RecipientView>();
        foreach (var r in recipients)
        {
            var person = meeting.Participants.FirstOrDefault(p => p.Kind == ParticipantKind.Person && p.Row.InvitedPersonId == r.PersonId);
            if (person is null)
            {
                continue; // removed: no longer a participant
            }

            var partStat = ItipMapper.PersonPartStat(person.Row.Status, r, sequence);
            views.Add(new RecipientView(r.PersonId, person.Name, r.Email, r.SendEmail, r.DeliveryState, r.DeliveryError, r.DeliveryUpdated,
                new Extensible<ParticipationStatus>(partStat).Token, ScheduleStatus(r.DeliveryState)));
        }

        // Without a row yet, the identity the feeds publish (CalendarService).
        return new DeliveryView(meeting.Id, invitation?.Uid ?? ItipMapper.FallbackUid(meeting.Id, settings.PublicBaseUrl), sequence, invitation?.SendEmail ?? true, views);
    }

    // A date of a series is mailed under the series' identity (ADR 0021): its switch and recipients are the series'.
    private async Task<InvitationRecord?> InvitationOfAsync(Meeting meeting, CancellationToken ct) =>
        (meeting.Reference.RecurrenceRuleId != 0 ? await store.FindSeriesInvitationAsync(meeting.Reference.RecurrenceRuleId, ct) : null)
            ?? await store.FindInvitationAsync(meeting.Id, ct);

    /// <summary>The RFC 6638 §3.2.9 SCHEDULE-STATUS code for a delivery state.</summary>
    public static string ScheduleStatus(DeliveryState state) => state switch
    {
        DeliveryState.Queued => "1.0",
        DeliveryState.Sent => "1.1",
        DeliveryState.Failed => "5.1",
        DeliveryState.NoAddress => "3.7",
        DeliveryState.Off => "5.3",
        DeliveryState.OptedOut => "2.0", // nothing to deliver, by the owner's choice (RFC 5546 §3.6 "Success")
    };
}
