namespace Convene.Core.Appointments;

/// <summary>The seeds' AppointmentType (<c>appointment.type</c>); values are the stored codes.</summary>
public enum AppointmentType
{
    Unknown = 0,

    /// <summary>Shown in the diary: owned meetings, accepted invitations, resources, external persons.</summary>
    InDiary = 1,
    InChecklist = 2,
    Note = 3,
    Document = 4,
    SavedReport = 5,

    /// <summary>An invitation to a diary entry: kept out of the diary until accepted.</summary>
    BookingForDiary = 6,
    BookingForChecklist = 7,
    MergeDraft = 8,
    MergeFinal = 9,
}
