using System.Collections.Concurrent;
using Convene.Core.Ports;

namespace Convene.Persistence.Signals;

/// <summary>This process's subscribers to new notifications, by recipient.</summary>
internal sealed class NotificationSignals : INotificationSignals
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Guid, Action<NotificationSignal>>> _subscribers = new();

    public IDisposable Subscribe(int recipientId, Action<NotificationSignal> onSignal)
    {
        var key = Guid.NewGuid();
        _subscribers.GetOrAdd(recipientId, _ => new()).TryAdd(key, onSignal);
        return new Subscription(() =>
        {
            if (_subscribers.TryGetValue(recipientId, out var handlers))
            {
                handlers.TryRemove(key, out _);
            }
        });
    }

    public void Publish(NotificationSignal signal)
    {
        if (_subscribers.TryGetValue(signal.RecipientId, out var handlers))
        {
            foreach (var handler in handlers.Values)
            {
                handler(signal);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
