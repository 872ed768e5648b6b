using System.Net;
using Convene.Core.Appointments;
using Convene.Core.Common;
using Convene.Core.Ports;
using Convene.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Convene.IntegrationTests.Concurrency;

/// <summary>
/// A change reads its meeting ahead of its write transaction (on SQLite, outside the single writer; ADR 0028). Inside
/// the transaction the meeting must be the stored one: the read-ahead is used only while nothing of the meeting has
/// changed since, and never after a rolled-back attempt.
/// </summary>
public abstract class ReadAheadTests(ConveneApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task Find_AfterAnotherRequestChangedTheMeetingSinceTheReadAhead_ReturnsTheStoredMeeting()
    {
        var (meetingId, kari) = await NewMeetingAsync("Read ahead, then changed");
        await using var scope = await ReadAheadInNewScopeAsync(meetingId);

        // Kari declines through the API in between (another request, another connection).
        using var kariClient = await App.ClientForAsync("kari");
        await (await kariClient.PostJsonAsync($"/api/v1/appointments/{meetingId}/decline", new { reason = "Away" })).JsonAsync(HttpStatusCode.OK);

        var found = await FindInTransactionAsync(scope, meetingId);

        var row = found.Participants.Single(p => p.AssociateId == kari).Row;
        Assert.Equal(AppointmentStatus.BookingDeclined, row.Status);
        Assert.Equal("Away", row.RejectReason);
        Assert.Equal(1, found.Owner!.Row.RejectCounter);
    }

    [Fact]
    public async Task Find_WhenNothingChangedSinceTheReadAhead_ReturnsTheMeetingAsStored()
    {
        var (meetingId, kari) = await NewMeetingAsync("Read ahead, unchanged");
        await using var scope = await ReadAheadInNewScopeAsync(meetingId);

        var found = await FindInTransactionAsync(scope, meetingId);

        Assert.Equal(meetingId, found.Id);
        Assert.Equal(3, found.Participants.Count);
        Assert.Equal(AppointmentStatus.Booking, found.Participants.Single(p => p.AssociateId == kari).Row.Status);
    }

    [Fact]
    public async Task Answer_AfterARolledBackAttempt_IsStored()
    {
        var (meetingId, kari) = await NewMeetingAsync("Read ahead, rolled back");
        var ingrid = await App.IdAsync("ingrid");
        var ct = TestContext.Current.CancellationToken;
        await using var scope = await ReadAheadInNewScopeAsync(meetingId);
        var store = scope.ServiceProvider.GetRequiredService<IMeetingStore>();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();

        // An attempt that fails before it loads the meeting rolls back (and clears what the context tracks).
        var failed = await unitOfWork.InTransactionAsync<Unit>(_ => Task.FromResult<Result<Unit>>(Error.Conflict("test.rollback", "Rolled back.")), ct);
        Assert.False(failed.IsSuccess);

        // Ingrid's accept in the same scope, on a meeting nobody changed: it must be written.
        var accepted = await unitOfWork.InTransactionAsync<Unit>(async t =>
        {
            var meeting = (await store.FindAsync(meetingId, t))!;
            var answered = meeting.Answer(ingrid, InvitationAction.Accept, null, App.Clock.GetCurrentInstant());
            if (!answered.IsSuccess)
            {
                return answered.Error!;
            }

            await store.SaveAsync(meeting, t);
            return Unit.Value;
        }, ct);
        Assert.True(accepted.IsSuccess, accepted.Error?.Code);

        using var frode = await App.ClientForAsync("frode");
        var stored = await (await frode.GetAsync($"/api/v1/appointments/{meetingId}", ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Accepted", stored.Participant(ingrid).GetProperty("status").GetString());
        Assert.NotEqual("Accepted", stored.Participant(kari).GetProperty("status").GetString());
    }

    // A request's scope in which the meeting has been read ahead, as a change does before its transaction.
    private async Task<AsyncServiceScope> ReadAheadInNewScopeAsync(int meetingId)
    {
        var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMeetingStore>().ReadAheadAsync(meetingId, TestContext.Current.CancellationToken);
        return scope;
    }

    private static async Task<Meeting> FindInTransactionAsync(AsyncServiceScope scope, int meetingId)
    {
        var store = scope.ServiceProvider.GetRequiredService<IMeetingStore>();
        var found = await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().InTransactionAsync<Meeting>(
            async ct => await store.FindAsync(meetingId, ct) is { } meeting ? meeting : Error.NotFound("test.not_found", "Not found."),
            TestContext.Current.CancellationToken);
        Assert.True(found.IsSuccess, found.Error?.Code);
        return found.Value;
    }

    private async Task<(int MeetingId, int Kari)> NewMeetingAsync(string title)
    {
        using var frode = await App.ClientForAsync("frode");
        var kari = await App.IdAsync("kari");
        var slot = App.NextSlot();
        var created = await (await frode.PostJsonAsync("/api/v1/appointments", new
        {
            title,
            start = slot.Start.Iso(),
            end = slot.End.Iso(),
            participants = new object[] { new { associateId = kari }, new { associateId = await App.IdAsync("ingrid") } },
        })).JsonAsync(HttpStatusCode.Created);
        return (created.GetProperty("id").GetInt32(), kari);
    }
}

public sealed class ReadAheadTests_Sqlite(ConveneApp app) : ReadAheadTests(app), IClassFixture<ConveneApp>;

public sealed class ReadAheadTests_Postgres(PostgresConveneApp app) : ReadAheadTests(app), IClassFixture<PostgresConveneApp>;
