using System.Reflection;

namespace Convene.ICalendar.Tests;

internal static class FixtureFiles
{
    public static readonly string[] All =
    [
        "outlook-request.ics",
        "outlook-display-tzid.ics",
        "google-request.ics",
        "google-reply.ics",
        "apple-reply.ics",
        "thunderbird-request.ics",
        "sloppy-client.ics",
        "rfc5546-request.ics",
        "rfc5546-reply.ics",
        "rfc5546-counter.ics",
        "rfc5546-cancel.ics",
        "rfc5546-freebusy-reply.ics",
    ];

    public static byte[] Bytes(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Fixtures." + name)
            ?? throw new InvalidOperationException("Missing embedded fixture " + name);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static VCalendar Parse(string name)
    {
        var result = CalendarParser.Parse(Bytes(name));
        Assert.True(result.Success, name + ": " + string.Join("; ", result.Errors));
        return result.Value;
    }

    public static TheoryData<string> Names() => [.. All];
}
