using Convene.Core.Ports;

namespace Convene.Persistence.Signals;

/// <summary>Signals of the current unit of work, released only once its transaction has committed.</summary>
internal sealed class PendingSignals
{
    private readonly List<NotificationSignal> _signals = [];
    private readonly List<DiarySignal> _diarySignals = [];

    public void Add(NotificationSignal signal) => _signals.Add(signal);

    public void Add(DiarySignal signal) => _diarySignals.Add(signal);

    public IReadOnlyList<NotificationSignal> Take()
    {
        var taken = _signals.ToList();
        _signals.Clear();
        return taken;
    }

    public IReadOnlyList<DiarySignal> TakeDiary()
    {
        var taken = _diarySignals.Distinct().ToList();
        _diarySignals.Clear();
        return taken;
    }

    public void Clear()
    {
        _signals.Clear();
        _diarySignals.Clear();
    }
}
