namespace MagLoop.Simulation;

/// <summary>Life of an <see cref="Event"/>.</summary>
public enum EventState
{
    /// <summary>Not yet triggered.</summary>
    Pending,
    /// <summary>Triggered and queued; its listeners have not run yet.</summary>
    Triggered,
    /// <summary>Taken off the queue; its listeners have run.</summary>
    Processed,
}

/// <summary>Something that reacts when an event is processed (a waiting process, a condition).</summary>
internal interface IEventListener
{
    void OnEvent(Event e);
}

/// <summary>
/// An occurrence processes can wait for (<c>yield return someEvent;</c>). It is triggered once
/// (<see cref="Succeed"/>), queued at the current time, and when processed wakes its waiters in the order they
/// began waiting.
/// </summary>
public class Event : Schedulable
{
    private IEventListener? _first;
    private List<IEventListener>? _more;

    internal Event(Simulator simulator) => Simulator = simulator;

    /// <summary>The simulator the event belongs to.</summary>
    public Simulator Simulator { get; }

    /// <summary>Where the event is in its life.</summary>
    public EventState State { get; private set; }

    /// <summary>The value given when it was triggered (a store's item, a preemption), or null.</summary>
    public object? Value { get; private set; }

    /// <summary>True once its listeners have run.</summary>
    public bool IsProcessed => State == EventState.Processed;

    /// <summary>Triggers the event now; its waiters wake when it is taken off the queue, after entries already due now.</summary>
    public void Succeed(object? value = null) => TriggerAfter(0, value);

    internal void TriggerAfter(double delayH, object? value)
    {
        if (State != EventState.Pending) throw new InvalidOperationException("an event can be triggered only once");
        Value = value;
        State = EventState.Triggered;
        Simulator.Schedule(this, delayH, 0);
    }

    // Pooled events (resource requests) are reused after release.
    internal void Reset()
    {
        State = EventState.Pending;
        Value = null;
        _first = null;
        _more?.Clear();
    }

    internal void AddListener(IEventListener listener)
    {
        if (_first is null && (_more is null || _more.Count == 0)) _first = listener;
        else (_more ??= []).Add(listener);
    }

    internal void RemoveListener(IEventListener listener)
    {
        if (ReferenceEquals(_first, listener))
        {
            _first = null;
            if (_more is { Count: > 0 })
            {
                _first = _more[0];
                _more.RemoveAt(0);
            }
        }
        else
        {
            _more?.Remove(listener);
        }
    }

    internal override bool Fire(int token)
    {
        State = EventState.Processed;
        var first = _first;
        _first = null;
        first?.OnEvent(this);
        if (_more is { Count: > 0 } more)
        {
            // Detached while it runs: a woken process may interrupt another waiter, which must not shift the list.
            _more = null;
            for (var i = 0; i < more.Count; i++) more[i].OnEvent(this);
            more.Clear();
            _more = more;
        }

        return true;
    }
}

/// <summary>All-of or any-of a set of events; triggers when the condition holds. Inspect the events' states for which fired.</summary>
internal sealed class Condition : Event, IEventListener
{
    private readonly int _needed;
    private int _seen;

    public Condition(Simulator simulator, Event[] events, bool all) : base(simulator)
    {
        ArgumentNullException.ThrowIfNull(events);
        Events = events;
        _needed = all ? events.Length : Math.Min(1, events.Length);
        foreach (var e in events)
        {
            if (!ReferenceEquals(e.Simulator, simulator)) throw new ArgumentException("events of another simulator", nameof(events));
            if (e.IsProcessed) _seen++;
            else e.AddListener(this);
        }

        if (_seen >= _needed) Succeed(this);
    }

    public IReadOnlyList<Event> Events { get; }

    public void OnEvent(Event e)
    {
        _seen++;
        if (State == EventState.Pending && _seen >= _needed) Succeed(this);
    }
}
