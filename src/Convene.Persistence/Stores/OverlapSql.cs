using NodaTime;

namespace Convene.Persistence.Stores;

/// <summary>
/// "The rows of these diaries that overlap [@from, @to)" as SQL, in the form each database answers fastest.
/// </summary>
/// <remarks>
/// The plain test <c>do_by &lt; @to AND @from &lt; end_date</c> bounds <c>do_by</c> from above only, so the index on
/// (associate_id, do_by) is walked over a diary's whole history before <c>@to</c> (issue 8). A row no longer than
/// <see cref="ShortSpan"/> that overlaps the window starts after <c>@near</c> = <c>@from − ShortSpan − 1 min</c>, so it
/// is found from a range bounded below; longer rows (all-day and multi-day entries, few) through a partial index
/// <c>ix_appointment_long_span</c> whose predicate the SQL repeats word for word, because a planner uses a partial
/// index only for a query that states its condition.
/// <list type="bullet">
/// <item>PostgreSQL (migration 0009, ADR 0026): one WHERE with an OR of the two ranges, each naming the diaries itself
/// so that each can use its own index (a BitmapOr).</item>
/// <item>SQLite busy-row reads (migration 0011, ADR 0027): a UNION ALL of the two ranges (<see cref="Select"/>); the
/// branches are disjoint (<c>do_by &gt; @near</c> / <c>do_by &lt;= @near</c>), so no row comes twice. SQLite's
/// MULTI-INDEX OR for the same condition cost more to plan and run than it saved.</item>
/// <item>SQLite diary reads keep the plain test (<see cref="Condition"/>): one diary's history is a few microseconds to
/// walk in-process, the bounded forms measured no faster, and Microsoft.Data.Sqlite plans every execution.</item>
/// </list>
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

    /// <summary>
    /// The rows of <paramref name="alias"/> for the diaries <paramref name="diaries"/> that overlap the window and meet
    /// <paramref name="filters"/>, as one statement; it uses the parameters <see cref="AddWindow"/> adds with
    /// <c>near: true</c>. Unordered.
    /// </summary>
    public static string Select(bool postgres, string columns, string alias, string diaries, string filters) => postgres
        ? $"SELECT {columns} FROM appointment {alias} WHERE {Condition(postgres, alias, diaries)} AND {filters}"
        : $"""
            SELECT {columns} FROM appointment {alias}
            WHERE {alias}.associate_id {diaries} AND @near < {alias}.do_by AND {alias}.do_by < @to AND @from < {alias}.end_date AND {filters}
            UNION ALL
            SELECT {columns} FROM appointment {alias}
            WHERE {alias}.associate_id {diaries} AND julianday({alias}.end_date) - julianday({alias}.do_by) > 1.0
              AND {alias}.do_by <= @near AND @from < {alias}.end_date AND {filters}
            """;

    /// <summary>
    /// Adds <c>@from</c> and <c>@to</c> for [from, to) and, with <paramref name="near"/>, <c>@near</c> (the start of the
    /// short range), which the PostgreSQL <see cref="Condition"/> and <see cref="Select"/> need.
    /// </summary>
    public static void AddWindow(List<(string Name, object Value)> parameters, bool near, Instant from, Instant to)
    {
        parameters.Add(("@from", from.ToDateTimeUtc()));
        parameters.Add(("@to", to.ToDateTimeUtc()));
        if (near)
        {
            parameters.Add(("@near", (from - ShortSpan - Margin).ToDateTimeUtc()));
        }
    }
}
