using Convene.Core.Appointments;
using Convene.IntegrationTests.Infrastructure;
using Convene.Persistence;
using Convene.Persistence.Stores;

namespace Convene.IntegrationTests.Persistence;

/// <summary>
/// An associate's invitations are read through the partial index of migration 0010 (bookings and assignments only)
/// while the query states its condition word for word — otherwise the list stays right but walks the whole diary, which
/// no functional test would notice.
/// </summary>
public abstract class InvitationsIndexTests(ConveneApp app) : ApiTestBase(app)
{
    private bool Postgres => App.Provider == DatabaseProvider.Postgres;

    [Fact]
    public async Task InvitationsQuery_OnADiaryOfMostlyAcceptedMeetings_ReadsTheInvitationsIndex()
    {
        // 3,000 rows in one diary, one in ten an open invitation.
        var plan = await App.PlanAfterAsync(
            Postgres
                ? """
                  INSERT INTO appointment (associate_id, mother_id, mother_associate_id, text_id, do_by, end_date, type, status, title, registered_associate_id, updated_associate_id)
                  SELECT 1, 1, 2, (SELECT MAX(text_id) FROM text), timestamptz '2030-01-01 09:00:00+00' + i * interval '6 hours',
                         timestamptz '2030-01-01 10:00:00+00' + i * interval '6 hours', 6, CASE WHEN i % 10 = 0 THEN 5 ELSE 1 END, 'History', 2, 2
                  FROM generate_series(0, 2999) AS i
                  """
                : """
                  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999)
                  INSERT INTO appointment (associate_id, mother_id, mother_associate_id, text_id, do_by, end_date, type, status, title, registered_associate_id, updated_associate_id)
                  SELECT 1, 1, 2, (SELECT MAX(text_id) FROM text), datetime('2030-01-01 09:00:00', '+' || (i * 6) || ' hours'),
                         datetime('2030-01-01 10:00:00', '+' || (i * 6) || ' hours'), 6, CASE WHEN i % 10 = 0 THEN 5 ELSE 1 END, 'History', 2, 2
                  FROM n
                  """,
            DiaryReader.InvitationsSql([AppointmentStatus.Booking, AppointmentStatus.BookingMoved, AppointmentStatus.BookingSeen, AppointmentStatus.BookingMovedSeen]),
            [("@associate", 1)],
            TestContext.Current.CancellationToken);

        Assert.True(plan.Exists(line => line.Contains("ix_appointment_invitations", StringComparison.Ordinal)), string.Join('\n', plan));
    }
}

public sealed class InvitationsIndexTests_Sqlite(ConveneApp app) : InvitationsIndexTests(app), IClassFixture<ConveneApp>;

public sealed class InvitationsIndexTests_Postgres(PostgresConveneApp app) : InvitationsIndexTests(app), IClassFixture<PostgresConveneApp>;
