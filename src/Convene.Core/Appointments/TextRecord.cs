namespace Convene.Core.Appointments;

/// <summary>The <c>text</c> record: the long description shared by every row of a meeting.</summary>
public sealed class TextRecord
{
    internal TextRecord(string body)
    {
        Body = body;
    }

    private TextRecord()
    {
        Body = "";
    }

    public int Id { get; private set; }

    public string Body { get; internal set; }
}
