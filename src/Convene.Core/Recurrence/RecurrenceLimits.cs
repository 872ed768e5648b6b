namespace Convene.Core.Recurrence;

/// <summary>Hard limits of the recurrence engine (docs/adr/0013-recurrence-engine-and-dst-rules.md).</summary>
public static class RecurrenceLimits
{
    /// <summary>
    /// At most this many occurrences in a series or in one expansion window. Apple's Calendar Server uses the same
    /// figure; every occurrence becomes rows in the database, so the limit bounds one write.
    /// </summary>
    public const int MaxOccurrences = 3000;

    /// <summary>
    /// The expander never looks past this year. A rule such as <c>FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30</c> matches no
    /// date at all; the scan must still end.
    /// </summary>
    public const int MaxYear = 9000;

    /// <summary>At most this many EXDATE plus RDATE values in one recurrence set.</summary>
    public const int MaxDates = MaxOccurrences;
}
