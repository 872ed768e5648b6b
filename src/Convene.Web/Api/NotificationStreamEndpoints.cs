using System.Collections.Concurrent;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Convene.Core.Common;
using Convene.Core.Notifications;
using Convene.Core.Ports;
using Convene.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Convene.Web.Api;

/// <summary>A meeting in the caller's diary changed; <c>resync</c>: changes may have been missed (a reconnect), reload what is shown.</summary>
public sealed record DiaryChangeResponse(int? AppointmentId, bool Resync);

/// <summary>
/// Live events as server-sent events (WHATWG HTML §9.2), from whichever instance caused them: <c>notification</c>
/// (a new notification of the caller; its id is the event id) and <c>diary</c> (a meeting in the caller's diary changed).
/// See docs/adr/0016-live-events-stream.md.
/// </summary>
public static class NotificationStreamEndpoints
{
    /// <summary>How often an idle stream sends a "ping" event so proxies keep it open.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void MapNotificationStreamEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/events", Stream).WithTags("Notifications").WithName("StreamEvents")
            .WithSummary("Server-sent events: 'notification' per new notification of the caller (its id is the event id; resumes after Last-Event-ID) and 'diary' per change of a meeting in the caller's diary.");

        // The first clients' route: the same stream (clients that only listen for 'notification' ignore 'diary').
        api.MapGet("/notifications/stream", Stream).WithTags("Notifications").WithName("StreamNotifications")
            .WithSummary("The same stream as GET /events (kept for existing clients).");
    }

    public static Results<ServerSentEventsResult<object?>, ProblemHttpResult> Stream(HttpContext context, INotificationSignals signals, IDiarySignals diarySignals, NotificationService notifications)
    {
        var viewer = context.User.ToViewer();
        // At most Convene:EventStreams:PerUser streams per associate and :Total per process (docs/adr/0022).
        if (context.OpenEventStream(viewer.AssociateId) is { } refused)
        {
            return refused;
        }

        // With Last-Event-ID (a reconnect) the stream resumes after it; without, it starts with what is new from now on.
        int? lastId = int.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var fromHeader) ? fromHeader : null;
        return TypedResults.ServerSentEvents(EventsAsync(viewer, lastId, signals, diarySignals, notifications, context.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<object?>> EventsAsync(
        Viewer viewer, int? resumeAfter, INotificationSignals signals, IDiarySignals diarySignals, NotificationService notifications, [EnumeratorCancellation] CancellationToken ct)
    {
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var changedMeetings = new ConcurrentDictionary<int, bool>();
        var notified = 0;
        using var subscription = signals.Subscribe(viewer.AssociateId, _ =>
        {
            Interlocked.Exchange(ref notified, 1);
            wake.Writer.TryWrite(true);
        });
        using var diarySubscription = diarySignals.Subscribe(viewer.AssociateId, signal =>
        {
            changedMeetings[signal.MeetingId] = true;
            wake.Writer.TryWrite(true);
        });
        int lastId;
        if (resumeAfter is { } after)
        {
            lastId = after;
            notified = 1; // a reconnect: send the notifications that were missed...
            wake.Writer.TryWrite(true);
        }
        else
        {
            // A fresh stream starts after what the client can list with GET /notifications — read before "ready":
            // read after it, a notification the client caused on "ready" could already be in the list, be taken as
            // seen, and never be sent (the stream tests timed out so under load).
            var open = await notifications.ListAsync(viewer, ct);
            lastId = open.Count == 0 ? 0 : open.Max(n => n.Id);
        }

        yield return new SseItem<object?>(null, "ready");
        if (resumeAfter is not null)
        {
            // ...and, as diary changes are not kept, tell the client to reload what it shows.
            yield return new SseItem<object?>(new DiaryChangeResponse(null, Resync: true), "diary");
        }

        while (!ct.IsCancellationRequested)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Heartbeat);
            bool signalled;
            try
            {
                signalled = await wake.Reader.WaitToReadAsync(timeout.Token);
                wake.Reader.TryRead(out _);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                signalled = false;
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            if (!signalled)
            {
                yield return new SseItem<object?>(null, "ping");
                continue;
            }

            // Notifications first: a client that refreshes its diary on 'diary' then also has the panel up to date.
            if (Interlocked.Exchange(ref notified, 0) == 1)
            {
                // Signals carry ids only; the notifications are read (and so authorised) for this viewer here.
                foreach (var notification in await notifications.ListAfterAsync(viewer, lastId, ct))
                {
                    lastId = notification.Id;
                    yield return new SseItem<object?>(NotificationResponse.From(notification), "notification")
                    {
                        EventId = notification.Id.ToString(CultureInfo.InvariantCulture),
                    };
                }
            }

            // Only ids of meetings in the viewer's own diary travel here: the client reads them through the API.
            foreach (var meetingId in changedMeetings.Keys.Order())
            {
                if (changedMeetings.TryRemove(meetingId, out _))
                {
                    yield return new SseItem<object?>(new DiaryChangeResponse(meetingId, Resync: false), "diary");
                }
            }
        }
    }
}
