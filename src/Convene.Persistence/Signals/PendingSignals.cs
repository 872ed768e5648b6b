using Convene.Core.Ports;

namespace Convene.Persistence.Signals;

/// <summary>Signals of the current unit of work, released only once its transaction has committed.</summary>
internal sealed class PendingSignals
{
    private readonly List<NotificationSignal> _signals = [];

    public void Add(NotificationSignal signal) => _signals.Add(signal);

    public IReadOnlyList<NotificationSignal> Take()
    {
        var taken = _signals.ToList();
        _signals.Clear();
        return taken;
    }

    public void Clear() => _signals.Clear();
}
