using NodaTime;

namespace Convene.Persistence.Stores;

/// <summary>
/// "The rows of these diaries that overlap [@from, @to)" as SQL, in the form each database answers fastest.
/// </summary>
/// <remarks>
/// The plain test <c>do_by &lt; @to AND @from &lt; end_date</c> bounds <c>do_by</c> from above only, so the index on
/// (associate_id, do_by) is walked over a diary's whole history before <c>@to</c>. On PostgreSQL that was most of a
/// busy-row read's time (issue 8, docs/adr/0026-overlap-reads-from-bounded-ranges.md): there a row no longer than
/// <see cref="ShortSpan"/> that overlaps the window is found from a bounded range (it starts after
/// <c>@from − ShortSpan</c>), and longer rows (all-day and multi-day entries, few) through the partial index
/// <c>ix_appointment_long_span</c> (migration 0009), whose predicate is repeated here word for word, because the
/// planner uses a partial index only for a query that states its condition. Each branch of the OR names the diaries
/// itself, so that each can use its own index (a BitmapOr). SQLite keeps the plain test: walking the history is a
/// few microseconds in-process, while the OR form costs more to plan than it saves, and Microsoft.Data.Sqlite plans
/// every execution (measured: a diary read lost a fifth of its throughput).
/// </remarks>
internal static class OverlapSql
{
    /// <summary>Rows longer than this are "long" (ix_appointment_long_span's predicate: more than one day).</summary>
    public static readonly Duration ShortSpan = Duration.FromDays(1);

    // The short range starts a minute earlier than the span test needs, so that no row can fall between the branches.
    private static readonly Duration Margin = Duration.FromMinutes(1);

    /// <summary>
    /// The condition on <paramref name="alias"/>'s rows for the diaries <paramref name="diaries"/> (<c>= @x</c> or
    /// <c>IN (…)</c>); it uses the parameters <see cref="AddWindow"/> adds.
    /// </summary>
    public static string Condition(bool postgres, string alias, string diaries) => postgres
        ? $"""
            (({alias}.associate_id {diaries} AND @near < {alias}.do_by AND {alias}.do_by < @to)
              OR ({alias}.associate_id {diaries} AND {alias}.end_date - {alias}.do_by > interval '1 day' AND {alias}.do_by < @to))
            AND @from < {alias}.end_date
            """
        : $"{alias}.associate_id {diaries} AND {alias}.do_by < @to AND @from < {alias}.end_date";

    /// <summary>Adds <c>@from</c>, <c>@to</c> and, on PostgreSQL, <c>@near</c> (the start of the short range) for [from, to).</summary>
    public static void AddWindow(List<(string Name, object Value)> parameters, bool postgres, Instant from, Instant to)
    {
        parameters.Add(("@from", from.ToDateTimeUtc()));
        parameters.Add(("@to", to.ToDateTimeUtc()));
        if (postgres)
        {
            parameters.Add(("@near", (from - ShortSpan - Margin).ToDateTimeUtc()));
        }
    }
}
