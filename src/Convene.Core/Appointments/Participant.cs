namespace Convene.Core.Appointments;

/// <summary>One row of a meeting together with what it stands for and whom.</summary>
public sealed class Participant
{
    internal Participant(Appointment row, ParticipantKind kind, string name, bool isActive)
    {
        Row = row;
        Kind = kind;
        Name = name;
        IsActive = isActive;
    }

    public Appointment Row { get; }

    public ParticipantKind Kind { get; }

    /// <summary>Display name of the associate, resource or person.</summary>
    public string Name { get; }

    /// <summary>False when the associate or person has been deactivated since they were invited.</summary>
    public bool IsActive { get; }

    /// <summary>The associate (employee or resource) this row belongs to, if any.</summary>
    public int? AssociateId => Kind == ParticipantKind.Person ? null : Row.AssociateId;

    /// <summary>The external person this row is for, if any.</summary>
    public int? PersonId => Kind == ParticipantKind.Person ? Row.InvitedPersonId : null;

    public RowState State => new(Row.Type, Row.Status);
}

/// <summary>Someone who can be added to a meeting, as resolved from the directory.</summary>
/// <param name="Kind">Associate (employee), Resource or Person; Owner for the organiser.</param>
/// <param name="AssociateId">Employee or resource id; null for a person.</param>
/// <param name="PersonId">The external person, or the employee's own person record.</param>
/// <param name="Name">Display name.</param>
/// <param name="IsActive">Inactive associates and persons cannot be invited.</param>
/// <param name="IsLocation">A resource that is a place: it fills an empty location.</param>
public sealed record ParticipantCandidate(ParticipantKind Kind, int? AssociateId, int? PersonId, string Name, bool IsActive, bool IsLocation = false);
