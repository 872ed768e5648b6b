using System.Text.RegularExpressions;
using Convene.IntegrationTests.Infrastructure;
using Convene.Persistence;
using Convene.Persistence.Stores;

namespace Convene.IntegrationTests.Persistence;

/// <summary>
/// On PostgreSQL the overlap test of diary and busy-row reads (OverlapSql) finds long entries through the partial index
/// of migration 0009 only while it states that index's predicate word for word: otherwise the reads stay correct but
/// walk a diary's whole history again, which no functional test would notice. (SQLite keeps the plain test, ADR 0026.)
/// </summary>
public sealed partial class OverlapIndexTests(PostgresConveneApp app) : ApiTestBase(app), IClassFixture<PostgresConveneApp>
{

    [Fact]
    public void Condition_StatesTheLongSpanIndexPredicate_WordForWord()
    {
        var migration = DatabaseMigrator.Migrations(DatabaseProvider.Postgres).Single(m => m.Sql.Contains("ix_appointment_long_span", StringComparison.Ordinal));
        var predicate = IndexPredicate().Match(migration.Sql).Groups["predicate"].Value;
        Assert.NotEmpty(predicate);

        var condition = OverlapSql.Condition(postgres: true, "a", "= @associate");

        Assert.Contains(Column().Replace(predicate, "a.$0"), condition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiaryQuery_OnADiaryWithYearsOfHistory_ReadsTwoShortIndexRanges()
    {
        var from = NodaTime.Instant.FromUtc(2031, 6, 2, 0, 0);
        var parameters = new List<(string Name, object Value)> { ("@associate", 1) };
        OverlapSql.AddWindow(parameters, postgres: true, from, from + NodaTime.Duration.FromDays(7));

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

    [GeneratedRegex(@"ix_appointment_long_span ON appointment \(associate_id, do_by\) WHERE (?<predicate>[^;]+);")]
    private static partial Regex IndexPredicate();

    [GeneratedRegex(@"\b(end_date|do_by)\b")]
    private static partial Regex Column();
}
