using Convene.Core.Appointments;
using Convene.Core.Series;
using NodaTime;

namespace Convene.Core.Ports;

/// <summary>Series (issue 7): the <c>recurrence_rule</c> rows and the occurrences that carry their id.</summary>
public interface ISeriesStore
{
    /// <summary>Adds the rule and writes it at once, so that its id can be copied to the occurrences' rows.</summary>
    Task AddRuleAsync(SeriesRule rule, CancellationToken cancellationToken);

    /// <summary>The rule, tracked: changes to it are written with the next save of the transaction.</summary>
    Task<SeriesRule?> FindRuleAsync(int ruleId, CancellationToken cancellationToken);

    /// <summary>Writes new meetings (every occurrence of a new series) in a few batched statements, not one per row.</summary>
    Task AddOccurrencesAsync(IReadOnlyList<Meeting> occurrences, CancellationToken cancellationToken);

    /// <summary>The meeting ids of the series' occurrences that still have rows, by original start.</summary>
    Task<IReadOnlyList<int>> FindOccurrenceIdsAsync(int ruleId, CancellationToken cancellationToken);

    /// <summary>
    /// Time-blocking rows of these diaries whose blocked span (the row widened by its own travel time) overlaps
    /// [from, to): the busy time a new series is checked against. Start/End are the row's meeting times (for messages),
    /// Blocked its span with travel (for the overlap test).
    /// </summary>
    Task<IReadOnlyList<(int DiaryId, Instant Start, Instant End, Scheduling.TimeRange Blocked)>> FindBusyAsync(IReadOnlyCollection<int> diaryIds, Instant from, Instant to, CancellationToken cancellationToken);

    /// <summary>One diary's rows of a series, every date (what its calendar feed shows of the series).</summary>
    Task<IReadOnlyList<DiaryRow>> FindDiaryRowsAsync(int associateId, int ruleId, CancellationToken cancellationToken);

    /// <summary>Writes tracked changes (a rule that was split or ended).</summary>
    Task SaveAsync(CancellationToken cancellationToken);
}
