using NodaTime;

namespace Convene.Persistence.Stores;

/// <summary>
/// "The rows of these diaries that overlap [@from, @to)" as SQL that both databases answer from short index ranges.
/// </summary>
/// <remarks>
/// The plain test <c>do_by &lt; @to AND @from &lt; end_date</c> bounds <c>do_by</c> from above only, so the index on
/// (associate_id, do_by) was walked over a diary's whole history before <c>@to</c>: every diary read and busy-row read
/// (conflict flag, first available, find a time) cost more with every year a diary keeps (issue 8, docs/benchmarks.md).
/// A row no longer than <see cref="ShortSpan"/> that overlaps the window starts after <c>@from − ShortSpan</c>: one
/// bounded range. Longer rows (all-day and multi-day entries, few) are found through the partial index
/// <c>ix_appointment_long_span</c> (migration 0009), whose predicate is repeated here word for word, because both
/// planners use a partial index only for a query that states its condition. Each branch of the OR names the diaries
/// itself, so that SQLite (its multi-index OR) and PostgreSQL (a BitmapOr) can use one index per branch.
/// </remarks>
internal static class OverlapSql
{
    /// <summary>Rows longer than this are "long" (ix_appointment_long_span's predicate: more than one day).</summary>
    public static readonly Duration ShortSpan = Duration.FromDays(1);

    // The short range starts a minute earlier than the span test needs: SQLite computes the span with julianday(),
    // in floating point, and a row of one day and a few milliseconds must not fall between the two branches.
    private static readonly Duration Margin = Duration.FromMinutes(1);

    /// <summary>
    /// The condition on <paramref name="alias"/>'s rows for the diaries <paramref name="diaries"/> (<c>= @x</c> or
    /// <c>IN (…)</c>); it uses the parameters <see cref="AddWindow"/> adds.
    /// </summary>
    public static string Condition(bool postgres, string alias, string diaries)
    {
        var longSpan = postgres
            ? $"{alias}.end_date - {alias}.do_by > interval '1 day'"
            : $"julianday({alias}.end_date) - julianday({alias}.do_by) > 1";
        return $"""
            (({alias}.associate_id {diaries} AND @near < {alias}.do_by AND {alias}.do_by < @to)
              OR ({alias}.associate_id {diaries} AND {longSpan} AND {alias}.do_by < @to))
            AND @from < {alias}.end_date
            """;
    }

    /// <summary>Adds <c>@from</c>, <c>@to</c> and <c>@near</c> (the start of the short range) for [from, to).</summary>
    public static void AddWindow(List<(string Name, object Value)> parameters, Instant from, Instant to)
    {
        parameters.Add(("@from", from.ToDateTimeUtc()));
        parameters.Add(("@to", to.ToDateTimeUtc()));
        parameters.Add(("@near", (from - ShortSpan - Margin).ToDateTimeUtc()));
    }
}
