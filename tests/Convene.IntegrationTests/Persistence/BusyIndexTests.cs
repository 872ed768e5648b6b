using System.Text.RegularExpressions;
using Convene.IntegrationTests.Infrastructure;
using Convene.Persistence;
using Convene.Persistence.Stores;

namespace Convene.IntegrationTests.Persistence;

/// <summary>
/// Busy-row reads (conflict flag, first available, free/busy) find a window's rows from ranges of the diary index that
/// are bounded below, and long entries through the partial index <c>ix_appointment_long_span</c> (migrations 0009 and
/// 0011, ADRs 0026 and 0027) — only while the query states that index's predicate word for word. Otherwise the reads
/// stay correct but walk each diary's whole history, which no functional test would notice.
/// </summary>
public abstract partial class BusyIndexTests(ConveneApp app) : ApiTestBase(app)
{
    private bool Postgres => App.Provider == DatabaseProvider.Postgres;

    [Fact]
    public void BusyQuery_StatesTheLongSpanIndexPredicate_WordForWord()
    {
        var migration = DatabaseMigrator.Migrations(App.Provider).Single(m => m.Sql.Contains("CREATE INDEX ix_appointment_long_span", StringComparison.Ordinal));
        var predicate = IndexPredicate().Match(migration.Sql).Groups["predicate"].Value;
        Assert.NotEmpty(predicate);

        var query = BusyRowReader.Sql(Postgres, "IN (@a0)");

        Assert.Contains(Column().Replace(predicate, "a.$0"), query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BusyQuery_OnADiaryWithYearsOfHistory_ReadsBoundedIndexRanges()
    {
        var from = NodaTime.Instant.FromUtc(2031, 6, 2, 0, 0);
        var parameters = new List<(string Name, object Value)> { ("@exclude", -1), ("@a0", 1) };
        OverlapSql.AddWindow(parameters, near: true, from, from + NodaTime.Duration.FromDays(7));

        // Two years of entries every six hours in one diary.
        var plan = await App.PlanAfterAsync(
            Postgres
                ? """
                  INSERT INTO appointment (associate_id, mother_id, mother_associate_id, text_id, do_by, end_date, type, status, title, registered_associate_id, updated_associate_id)
                  SELECT 1, 0, 1, (SELECT MAX(text_id) FROM text), timestamptz '2030-01-01 09:00:00+00' + i * interval '6 hours',
                         timestamptz '2030-01-01 10:00:00+00' + i * interval '6 hours', 1, 1, 'History', 1, 1
                  FROM generate_series(0, 2999) AS i
                  """
                : """
                  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999)
                  INSERT INTO appointment (associate_id, mother_id, mother_associate_id, text_id, do_by, end_date, type, status, title, registered_associate_id, updated_associate_id)
                  SELECT 1, 0, 1, (SELECT MAX(text_id) FROM text), datetime('2030-01-01 09:00:00', '+' || (i * 6) || ' hours'),
                         datetime('2030-01-01 10:00:00', '+' || (i * 6) || ' hours'), 1, 1, 'History', 1, 1
                  FROM n
                  """,
            BusyRowReader.Sql(Postgres, "IN (@a0)"),
            parameters,
            TestContext.Current.CancellationToken);

        var text = string.Join('\n', plan);
        Assert.True(plan.Exists(line => line.Contains("ix_appointment_long_span", StringComparison.Ordinal)), text);
        if (Postgres)
        {
            Assert.True(plan.Exists(line => line.Contains("do_by >", StringComparison.Ordinal)), text); // the short range is bounded below
        }
        else
        {
            // Bounded below, and from the busy index alone (no table row per busy row).
            Assert.True(plan.Exists(line => line.Contains("COVERING INDEX ix_appointment_busy (associate_id=? AND do_by>? AND do_by<?)", StringComparison.Ordinal)), text);
        }
    }

    [GeneratedRegex(@"ix_appointment_long_span ON appointment \(associate_id, do_by\) WHERE (?<predicate>[^;]+);")]
    private static partial Regex IndexPredicate();

    [GeneratedRegex(@"\b(end_date|do_by)\b")]
    private static partial Regex Column();
}

public sealed class BusyIndexTests_Sqlite(ConveneApp app) : BusyIndexTests(app), IClassFixture<ConveneApp>;

public sealed class BusyIndexTests_Postgres(PostgresConveneApp app) : BusyIndexTests(app), IClassFixture<PostgresConveneApp>;
