using Convene.Core.Appointments;

namespace Convene.Core.Tests.Appointments;

internal static class StoredMeetings
{
    /// <summary>A created meeting as if stored: rows get ids from 100 (the master 100), the create's changes are taken.</summary>
    public static Meeting AsStored(this Meeting meeting)
    {
        var id = 100;
        foreach (var p in meeting.Participants)
        {
            p.Row.Id = id++;
        }

        foreach (var p in meeting.Participants)
        {
            p.Row.LinkStored(1, 100);
        }

        meeting.TakeChanges();
        return meeting;
    }
}
