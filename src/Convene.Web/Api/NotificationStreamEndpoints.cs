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

/// <summary>Live notifications as server-sent events, from whichever instance created them.</summary>
public static class NotificationStreamEndpoints
{
    /// <summary>How often an idle stream sends a "ping" event so proxies keep it open.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void MapNotificationStreamEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/notifications/stream", Stream).WithTags("Notifications").WithName("StreamNotifications")
            .WithSummary("Server-sent events: one 'notification' event per new notification of the caller (resumes after Last-Event-ID).");

    public static ServerSentEventsResult<NotificationResponse?> Stream(HttpContext context, INotificationSignals signals, NotificationService notifications)
    {
        var viewer = context.User.ToViewer();
        // With Last-Event-ID (a reconnect) the stream resumes after it; without, it starts with what is new from now on.
        int? lastId = int.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var fromHeader) ? fromHeader : null;
        return TypedResults.ServerSentEvents(EventsAsync(viewer, lastId, signals, notifications, context.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<NotificationResponse?>> EventsAsync(
        Viewer viewer, int? resumeAfter, INotificationSignals signals, NotificationService notifications, [EnumeratorCancellation] CancellationToken ct)
    {
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var subscription = signals.Subscribe(viewer.AssociateId, _ => wake.Writer.TryWrite(true));
        yield return new SseItem<NotificationResponse?>(null, "ready");
        int lastId;
        if (resumeAfter is { } after)
        {
            lastId = after;
            wake.Writer.TryWrite(true); // a reconnect: send what was missed
        }
        else
        {
            // A fresh stream starts after what the client can list with GET /notifications.
            var open = await notifications.ListAsync(viewer, ct);
            lastId = open.Count == 0 ? 0 : open.Max(n => n.Id);
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
                yield return new SseItem<NotificationResponse?>(null, "ping");
                continue;
            }

            // Signals carry ids only; the notifications are read (and so authorised) for this viewer here.
            foreach (var notification in await notifications.ListAfterAsync(viewer, lastId, ct))
            {
                lastId = notification.Id;
                yield return new SseItem<NotificationResponse?>(NotificationResponse.From(notification), "notification")
                {
                    EventId = notification.Id.ToString(CultureInfo.InvariantCulture),
                };
            }
        }
    }
}
