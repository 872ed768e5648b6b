using Convene.Core.Itip;

namespace Convene.Core.Ports;

/// <summary>Invitations' iCalendar identity, external recipients, the e-mail outbox, RSVP tokens and calendar feeds.</summary>
public interface IItipStore
{
    Task<InvitationRecord?> FindInvitationAsync(int motherId, CancellationToken cancellationToken);

    Task<InvitationRecord?> FindInvitationByUidAsync(string uid, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<int, InvitationRecord>> FindInvitationsAsync(IReadOnlyCollection<int> motherIds, CancellationToken cancellationToken);

    /// <summary>The iCalendar identity of a series (issue 7), tracked.</summary>
    Task<InvitationRecord?> FindSeriesInvitationAsync(int ruleId, CancellationToken cancellationToken);

    /// <summary>The per-date SEQUENCEs of a series' identity (dates sent on their own since the series was last sent whole), tracked.</summary>
    Task<IReadOnlyList<InvitationOccurrence>> GetOccurrencesAsync(int invitationId, CancellationToken cancellationToken);

    void Add(InvitationOccurrence occurrence);

    void Remove(InvitationOccurrence occurrence);

    Task<IReadOnlyList<InvitationRecipient>> GetRecipientsAsync(int motherId, CancellationToken cancellationToken);

    Task<RsvpToken?> FindRsvpTokenAsync(string tokenHash, CancellationToken cancellationToken);

    Task<CalendarFeed?> FindFeedAsync(int associateId, CancellationToken cancellationToken);

    Task<CalendarFeed?> FindFeedByTokenAsync(string token, CancellationToken cancellationToken);

    void Add(InvitationRecord invitation);

    void Add(InvitationRecipient recipient);

    void Add(OutboxMessage message);

    void Add(RsvpToken token);

    void Add(CalendarFeed feed);

    void Remove(CalendarFeed feed);
}

/// <summary>What the scheduling layer needs to know about this server: its public address and whether e-mail is on.</summary>
public interface IItipSettings
{
    /// <summary>Null when e-mail is on; otherwise why it is off (shown on the participant).</summary>
    string? EmailOffReason { get; }

    /// <summary>The address RSVP links and feed URLs start with, e.g. https://convene.example.com/.</summary>
    Uri PublicBaseUrl { get; }
}
