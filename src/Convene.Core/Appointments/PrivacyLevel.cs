namespace Convene.Core.Appointments;

/// <summary>The seeds' AppointmentPrivate (<c>appointment.private</c>).</summary>
public enum PrivacyLevel
{
    Public = 0,

    /// <summary>Only the participants see details; everyone else sees busy time.</summary>
    PrivateUser = 1,

    /// <summary>Stored as in the seeds; treated like <see cref="PrivateUser"/> (no user groups yet).</summary>
    PrivateGroup = 2,
}
