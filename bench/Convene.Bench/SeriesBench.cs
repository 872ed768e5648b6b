using System.Diagnostics;
using Convene.Core.Appointments;
using Convene.Core.Common;
using Convene.Core.Directory;
using Convene.Core.Series;
using Convene.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Convene.Bench;

/// <summary>
/// Issue 7: creating a weekly series of 500 dates with 10 colleagues and a room — 500 × 12 = 6,000 appointment rows, 500
/// texts, the history and one notification per invitee — through <see cref="SeriesService.CreateAsync"/>, one transaction.
/// </summary>
internal static class SeriesBench
{
    public static async Task RunAsync(DatabaseProvider provider, string connectionString, int iterations)
    {
        var services = new ServiceCollection();
        services.AddConvene(provider, connectionString);
        await using var root = services.BuildServiceProvider();
        int ownerId;
        var invitees = new List<int>();
        await using (var scope = root.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConveneDbContext>();
            await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);
            var directory = scope.ServiceProvider.GetRequiredService<DirectoryService>();
            ownerId = (await db.Associates.FirstOrDefaultAsync(a => a.UserName == "series.owner"))?.Id ?? await AddAsync(directory, "series.owner", AssociateKind.Employee);
            for (var i = 1; i <= 10; i++)
            {
                var user = $"series.member{i}";
                invitees.Add((await db.Associates.FirstOrDefaultAsync(a => a.UserName == user))?.Id ?? await AddAsync(directory, user, AssociateKind.Employee));
            }

            invitees.Add((await db.Associates.FirstOrDefaultAsync(a => a.Name == "Series room"))?.Id ?? await AddAsync(directory, null, AssociateKind.Resource));
        }

        Console.WriteLine($"provider {provider}: weekly series, 500 dates, owner + 10 colleagues + 1 room; {iterations} runs after 1 warm-up; ms");
        var times = new List<double>();
        var cpus = new List<double>();
        for (var run = 0; run <= iterations; run++)
        {
            // Each run in its own decade, so no run's busy time overlaps another's (every run does the same work).
            var start = Instant.FromUtc(2040 + (10 * run), 1, 2, 8, 0);
            await using var scope = root.CreateAsyncScope();
            var series = scope.ServiceProvider.GetRequiredService<SeriesService>();
            var input = new NewSeries(
                new NewMeeting($"Weekly {run}", "Bench", null, start, start + Duration.FromHours(1), false, false, null, null,
                    invitees.Select(id => new ParticipantRef(id, null)).ToList()),
                "Europe/Oslo",
                ["RRULE:FREQ=WEEKLY;COUNT=500"]);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var created = await series.CreateAsync(new Viewer(ownerId, false), input, CancellationToken.None);
            sw.Stop();
            // CPU time of this process during the call: on a machine shared with other work the wall time mostly
            // measures waiting for a core; the CPU time is what the call itself costs.
            var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            if (!created.IsSuccess || created.Value.Occurrences?.Count != 500)
            {
                throw new InvalidOperationException($"series not created: {created.Error?.Code} {created.Error?.Message}");
            }

            if (run > 0)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
                cpus.Add(used);
            }

            Console.WriteLine($"run {run}{(run == 0 ? " (warm-up)" : "")}: {sw.Elapsed.TotalMilliseconds:F0} ms wall, {used:F0} ms CPU");
        }

        times.Sort();
        cpus.Sort();
        Console.WriteLine($"wall: median {times[times.Count / 2]:F0} ms, max {times[^1]:F0} ms; CPU: median {cpus[cpus.Count / 2]:F0} ms, max {cpus[^1]:F0} ms");
    }

    private static async Task<int> AddAsync(DirectoryService directory, string? user, AssociateKind kind)
    {
        var added = await directory.AddAssociateAsync(null, new NewAssociate(user ?? "Series room", kind, user, user is null ? null : "bench", null, false, user is null, "Europe/Oslo"), CancellationToken.None);
        return added.IsSuccess ? added.Value.Id : throw new InvalidOperationException(added.Error!.Message);
    }
}
