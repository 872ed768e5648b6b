using System.Collections.Concurrent;
using Convene.Core.Ports;

namespace Convene.Persistence.Signals;

/// <summary>This process's subscribers to signals of one kind, by associate.</summary>
internal abstract class SignalHub<TSignal>
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Guid, Action<TSignal>>> _subscribers = new();

    public IDisposable Subscribe(int associateId, Action<TSignal> onSignal)
    {
        var key = Guid.NewGuid();
        _subscribers.GetOrAdd(associateId, _ => new()).TryAdd(key, onSignal);
        return new Subscription(() =>
        {
            if (_subscribers.TryGetValue(associateId, out var handlers))
            {
                handlers.TryRemove(key, out _);
            }
        });
    }

    protected void Publish(int associateId, TSignal signal)
    {
        if (_subscribers.TryGetValue(associateId, out var handlers))
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

/// <summary>This process's subscribers to new notifications, by recipient.</summary>
internal sealed class NotificationSignals : SignalHub<NotificationSignal>, INotificationSignals
{
    public void Publish(NotificationSignal signal) => Publish(signal.RecipientId, signal);
}

/// <summary>This process's subscribers to diary changes, by the diary's associate.</summary>
internal sealed class DiarySignals : SignalHub<DiarySignal>, IDiarySignals
{
    public void Publish(DiarySignal signal) => Publish(signal.AssociateId, signal);
}
