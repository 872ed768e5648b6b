using Convene.IntegrationTests.Infrastructure;
using Convene.Persistence.Stores;

namespace Convene.IntegrationTests.Persistence;

/// <summary>
/// On PostgreSQL a diary read finds the window's rows from two short index ranges (OverlapSql.Condition, migration
/// 0009): otherwise it stays correct but walks the diary's whole history, which no functional test would notice. (SQLite
/// diary reads keep the plain test, ADR 0026; BusyIndexTests covers busy-row reads and the predicate on both databases.)
/// </summary>
public sealed class OverlapIndexTests(PostgresConveneApp app) : ApiTestBase(app), IClassFixture<PostgresConveneApp>
{
    [Fact]
    public async Task DiaryQuery_OnADiaryWithYearsOfHistory_ReadsTwoShortIndexRanges()
    {
        var from = NodaTime.Instant.FromUtc(2031, 6, 2, 0, 0);
        var parameters = new List<(string Name, object Value)> { ("@associate", 1) };
        OverlapSql.AddWindow(parameters, near: true, from, from + NodaTime.Duration.FromDays(7));

        // Two years of entries every six hours in one diary.
        var plan = await App.PlanAfterAsync(
            """
            INSERT INTO appointment (associate_id, mother_id, mother_associate_id, text_id, do_by, end_date, type, status, title, registered_associate_id, updated_associate_id)
            SELECT 1, 0, 1, (SELECT MAX(text_id) FROM text), timestamptz '2030-01-01 09:00:00+00' + i * interval '6 hours',
                   timestamptz '2030-01-01 10:00:00+00' + i * interval '6 hours', 1, 1, 'History', 1, 1
            FROM generate_series(0, 2999) AS i
            """,
            $"SELECT a.appointment_id, a.title FROM appointment a WHERE {OverlapSql.Condition(postgres: true, "a", "= @associate")}",
            parameters,
            TestContext.Current.CancellationToken);

        var text = string.Join('\n', plan);
        Assert.True(plan.Exists(line => line.Contains("ix_appointment_long_span", StringComparison.Ordinal)), text);
        Assert.True(plan.Exists(line => line.Contains("do_by >", StringComparison.Ordinal)), text); // the short range is bounded below
    }
}
