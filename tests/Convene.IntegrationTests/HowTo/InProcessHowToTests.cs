// howto:in-process-usings:begin
using Convene.Core.Appointments;
using Convene.Core.Common;
using Convene.Core.Directory;
using Convene.Persistence;
using Convene.Persistence.Seeding;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
// howto:in-process-usings:end

namespace Convene.IntegrationTests.HowTo;

/// <summary>
/// The C# in-process ("entity") how-to of docs/howto.md, run on a fresh SQLite file. The how-to's code is written once,
/// in <see cref="CreateAndAcceptInvitationAsync"/>; a test checks that the page shows exactly that code.
/// </summary>
public sealed class InProcessHowToTests : IAsyncLifetime
{
    private const string SourceFile = "tests/Convene.IntegrationTests/HowTo/InProcessHowToTests.cs";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "convene-howto", Guid.NewGuid().ToString("N"));

    private string DatabaseFile => Path.Combine(_directory, "convene.db");

    // howto:in-process:begin
    public static async Task<MeetingView> CreateAndAcceptInvitationAsync(string databaseFile, CancellationToken ct)
    {
        await using var services = new ServiceCollection()
            .AddConvene(DatabaseProvider.Sqlite, $"Data Source={databaseFile}")
            .BuildServiceProvider();

        // Once per database: create the schema and add the demo company.
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConveneDbContext>();
            await DatabaseMigrator.MigrateAsync(db, ct);
            await DemoData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<DirectoryService>(), ct);
        }

        // Create: Frode invites Ingrid, Room Fjord and Frantz Olsen (Nordic Fisk AS).
        int meetingId;
        int ingrid;
        await using (var scope = services.CreateAsyncScope())
        {
            var directory = scope.ServiceProvider.GetRequiredService<DirectoryService>();
            var associates = await directory.ListAssociatesAsync(includeInactive: false, ct);
            var frode = associates.Single(a => a.UserName == "frode").Id;
            ingrid = associates.Single(a => a.UserName == "ingrid").Id;
            var room = associates.Single(a => a.Name == "Room Fjord").Id;
            var nordicFisk = (await directory.ListContactsAsync(includeInactive: false, ct)).Single(c => c.Name == "Nordic Fisk AS");
            var frantz = (await directory.ListPersonsAsync(nordicFisk.Id, includeInactive: false, ct)).Value.Single(p => p.Name == "Frantz Olsen");
            var oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];

            var meetings = scope.ServiceProvider.GetRequiredService<MeetingService>();
            var created = await meetings.CreateAsync(
                new Viewer(frode, IsAdministrator: false),
                new NewMeeting(
                    Title: "Budget review",
                    Description: "Figures for 2031, department by department.",
                    Location: null, // defaults to the invited room's name
                    Start: new LocalDateTime(2030, 6, 3, 10, 0).InZoneStrictly(oslo).ToInstant(),
                    End: new LocalDateTime(2030, 6, 3, 11, 0).InZoneStrictly(oslo).ToInstant(),
                    Private: false,
                    Free: false,
                    ContactId: nordicFisk.Id,
                    PersonId: frantz.Id,
                    Participants: [new ParticipantRef(ingrid, null), new ParticipantRef(room, null), new ParticipantRef(null, frantz.Id)]),
                ct);
            if (!created.IsSuccess)
            {
                throw new InvalidOperationException($"{created.Error!.Code}: {created.Error.Message}");
            }

            meetingId = created.Value.Id; // the master row's id
        }

        // Accept: Ingrid answers her invitation (by the meeting's id or her own row's id).
        await using (var scope = services.CreateAsyncScope())
        {
            var meetings = scope.ServiceProvider.GetRequiredService<MeetingService>();
            var accepted = await meetings.AnswerAsync(new Viewer(ingrid, IsAdministrator: false), meetingId, InvitationAction.Accept, reason: null, ct);
            if (!accepted.IsSuccess)
            {
                throw new InvalidOperationException($"{accepted.Error!.Code}: {accepted.Error.Message}");
            }

            return accepted.Value; // Ingrid's participant now has Status "Accepted", StatusCode 1
        }
    }
    // howto:in-process:end

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }

        return ValueTask.CompletedTask;
    }

    [Fact]
    public void HowToPage_ShowsExactlyTheCodeThisTestRuns()
    {
        var source = Docs.Read(SourceFile);
        var expected = Region(source, "in-process-usings") + "\n" + Docs.Dedent(Region(source, "in-process"));
        Assert.Equal(expected, Docs.Block(Docs.Read("docs/howto.md"), "in-process"));
    }

    [Fact]
    public async Task CreateAndAcceptInvitation_InProcess_WritesTheSeedsRows()
    {
        var ct = TestContext.Current.CancellationToken;

        var accepted = await CreateAndAcceptInvitationAsync(DatabaseFile, ct);

        Assert.Equal("Budget review", accepted.Title);
        Assert.Equal("Room Fjord", accepted.Location);
        Assert.Equal(Instant.FromUtc(2030, 6, 3, 8, 0), accepted.Start);
        Assert.Equal(Instant.FromUtc(2030, 6, 3, 9, 0), accepted.End);
        Assert.Equal(
            [(ParticipantKind.Owner, "Frode Nilsen", "Owner", 1), (ParticipantKind.Associate, "Ingrid Solberg", "Accepted", 1),
             (ParticipantKind.Resource, "Room Fjord", "Accepted", 1), (ParticipantKind.Person, "Frantz Olsen", "Accepted", 1)],
            accepted.Participants.OrderBy(p => p.Kind).Select(p => (p.Kind, p.Name, p.Status, p.StatusCode)).ToList());

        // Read back through the services on a new provider, as another process would.
        await using var services = new ServiceCollection().AddConvene(DatabaseProvider.Sqlite, $"Data Source={DatabaseFile}").BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<DirectoryService>();
        var associates = await directory.ListAssociatesAsync(includeInactive: false, ct);
        var frode = associates.Single(a => a.UserName == "frode");
        var ingrid = associates.Single(a => a.UserName == "ingrid");
        var room = associates.Single(a => a.Name == "Room Fjord");

        var meeting = (await scope.ServiceProvider.GetRequiredService<MeetingService>().GetAsync(new Viewer(frode.Id, false), accepted.Id, ct)).Value;
        Assert.Equal(frode.Id, meeting.OwnerId);
        Assert.Equal("Figures for 2031, department by department.", meeting.Description);
        Assert.Equal(0, meeting.RejectCounter);
        Assert.Equal(4, meeting.Participants.Count);

        var diaries = scope.ServiceProvider.GetRequiredService<Convene.Core.Diary.DiaryService>();
        var week = (Instant.FromUtc(2030, 6, 2, 22, 0), Instant.FromUtc(2030, 6, 9, 22, 0));
        var ingridsDiary = (await diaries.GetDiaryAsync(new Viewer(ingrid.Id, false), null, week.Item1, week.Item2, includePending: false, ct)).Value;
        Assert.Equal(accepted.Id, Assert.Single(ingridsDiary).AppointmentId);
        var roomsDiary = (await diaries.GetDiaryAsync(new Viewer(frode.Id, false), room.Id, week.Item1, week.Item2, includePending: false, ct)).Value;
        Assert.Equal(accepted.Id, Assert.Single(roomsDiary).AppointmentId);
        Assert.Empty(await diaries.GetInvitationsAsync(new Viewer(ingrid.Id, false), includeDeclined: true, includeCancelled: true, ct));

        // The rows themselves: one per participant, one master, one shared text, the seeds' (type, status) pairs.
        var rows = scope.ServiceProvider.GetRequiredService<ConveneDbContext>().Appointments.Where(a => a.MotherId == accepted.Id).OrderBy(a => a.Id).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Single(rows.Select(r => r.TextId).Distinct());
        Assert.Equal(accepted.Id, Assert.Single(rows, r => r.IsMaster).Id);
        Assert.All(rows, r => Assert.Equal((AppointmentType.InDiary, AppointmentStatus.NotStarted), (r.Type, r.Status)));
        var ingridsRow = Assert.Single(rows, r => r.AssociateId == ingrid.Id);
        Assert.Equal((ingrid.Id, 1), (ingridsRow.UpdatedAssociateId, ingridsRow.Version));
        var frantzRow = Assert.Single(rows, r => r.AssociateId == 0);
        Assert.Equal(meeting.PersonId, frantzRow.InvitedPersonId);
    }

    private static string Region(string source, string name)
    {
        var begin = $"// howto:{name}:begin\n";
        var end = $"// howto:{name}:end\n";
        var start = source.IndexOf(begin, StringComparison.Ordinal);
        var stop = source.IndexOf(end, StringComparison.Ordinal);
        Assert.True(start >= 0 && stop > start, $"{SourceFile} has no region {name}.");
        var region = source[(start + begin.Length)..stop];
        return region[..region.LastIndexOf('\n')].TrimEnd(' ') + "\n";
    }
}
