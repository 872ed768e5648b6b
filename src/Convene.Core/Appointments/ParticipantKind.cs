namespace Convene.Core.Appointments;

/// <summary>What a row of a meeting stands for.</summary>
public enum ParticipantKind
{
    /// <summary>The master row in the organiser's diary.</summary>
    Owner,

    /// <summary>An invited employee: a child row in their diary that needs an answer.</summary>
    Associate,

    /// <summary>A room or equipment: a child row in the resource's diary, accepted at once.</summary>
    Resource,

    /// <summary>An external contact person: a child row with <c>associate_id</c> 0, accepted at once.</summary>
    Person,
}
