namespace MagLoop.Simulation;

/// <summary>
/// What a process waits for, yielded from its iterator: a delay (<see cref="For"/>, allocation-free), an
/// <see cref="Event"/> (implicit conversion, so <c>yield return request;</c>), or passivation until
/// <see cref="Process.Activate"/>.
/// </summary>
public readonly struct Wait : IEquatable<Wait>
{
    private Wait(WaitKind kind, double delayH, Event? target)
    {
        Kind = kind;
        DelayH = delayH;
        Event = target;
    }

    internal WaitKind Kind { get; }

    internal double DelayH { get; }

    internal Event? Event { get; }

    /// <summary>Wait <paramref name="delayH"/> hours (finite, >= 0).</summary>
    public static Wait For(double delayH) => new(WaitKind.Delay, delayH, null);

    /// <summary>Wait until another process calls <see cref="Process.Activate"/>.</summary>
    public static Wait Passivate { get; } = new(WaitKind.Passive, 0, null);

    /// <summary>Wait for an event.</summary>
    public static implicit operator Wait(Event e) => FromEvent(e);

    /// <summary>Wait for an event.</summary>
    public static Wait FromEvent(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(WaitKind.Event, 0, e);
    }

    /// <inheritdoc/>
    public bool Equals(Wait other) => Kind == other.Kind && DelayH.Equals(other.DelayH) && ReferenceEquals(Event, other.Event);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Wait w && Equals(w);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, DelayH, Event);

    /// <summary>Equality.</summary>
    public static bool operator ==(Wait left, Wait right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Wait left, Wait right) => !left.Equals(right);
}

internal enum WaitKind : byte
{
    None,
    Delay,
    Event,
    Passive,
}

/// <summary>What a process does once its interrupt handler has finished.</summary>
public enum InterruptOutcome
{
    /// <summary>Go back to the interrupted wait: the rest of a delay, or the same event again. The default.</summary>
    Resume,
    /// <summary>Treat the interrupted wait as over and carry on after it.</summary>
    Continue,
    /// <summary>End the process.</summary>
    Stop,
}

/// <summary>
/// An interrupt as its handler sees it. The handler is an iterator, so it can itself wait (call the repairman,
/// queue again for a resource); when it ends, <see cref="Then"/> says how the interrupted body goes on.
/// </summary>
public sealed class Interrupt
{
    internal Interrupt(object? cause) => Cause = cause;

    /// <summary>Why: the value given to <see cref="Process.Interrupt"/>, or a <see cref="Preempted"/>.</summary>
    public object? Cause { get; }

    /// <summary>Hours the interrupted delay still had to run (0 if the body was waiting for an event).</summary>
    public double RemainingH { get; internal set; }

    /// <summary>The event the body was waiting for, or null.</summary>
    public Event? InterruptedEvent { get; internal set; }

    /// <summary>How the body goes on once the handler ends; <see cref="InterruptOutcome.Resume"/> unless the handler changes it.</summary>
    public InterruptOutcome Then { get; set; }

    internal WaitKind InterruptedKind { get; set; }
}

/// <summary>
/// A process: an iterator of <see cref="Wait"/>s that reads like the story of one entity. It is itself an event
/// that triggers when the body ends, so others can wait for it. Interrupts are delivered to the process's
/// handler (given at start), which runs as an iterator in place of the body; no polling of a fault flag.
/// </summary>
public sealed class Process : Event, IEventListener
{
    private const int InterruptToken = -1;
    private IEnumerator<Wait>[] _stack = new IEnumerator<Wait>[2];
    private Interrupt?[] _handled = new Interrupt?[2];
    private int _depth;
    private readonly Func<Interrupt, IEnumerable<Wait>>? _onInterrupt;
    private Queue<Interrupt>? _pending;
    private int _token;
    private WaitKind _waiting;
    private double _wakeAtH;
    private Event? _waitEvent;

    internal Process(Simulator simulator, IEnumerator<Wait> body, Func<Interrupt, IEnumerable<Wait>>? onInterrupt, string? name)
        : base(simulator)
    {
        _stack[0] = body;
        _depth = 1;
        _onInterrupt = onInterrupt;
        Name = name;
    }

    /// <summary>Name for diagnostics.</summary>
    public string? Name { get; }

    /// <summary>True while the body has not ended.</summary>
    public bool IsAlive => _depth > 0;

    /// <summary>True while passivated (<see cref="Wait.Passivate"/>).</summary>
    public bool IsPassive => _waiting == WaitKind.Passive;

    internal void ScheduleStart()
    {
        _waiting = WaitKind.Delay;
        _wakeAtH = Simulator.NowH;
        Simulator.Schedule(this, 0, NextToken());
    }

    /// <summary>Wakes a passivated process now (after entries already due now). Does nothing if it is not passive.</summary>
    public void Activate()
    {
        if (_waiting != WaitKind.Passive) return;
        _waiting = WaitKind.Delay;
        _wakeAtH = Simulator.NowH;
        Simulator.Schedule(this, 0, NextToken());
    }

    /// <summary>
    /// Interrupts the process: at the current time (after entries already due now) its wait is cancelled and its
    /// interrupt handler runs. A process without a handler cannot be interrupted.
    /// </summary>
    public void Interrupt(object? cause = null)
    {
        if (!IsAlive) throw new InvalidOperationException($"process {Name} has ended and cannot be interrupted");
        if (ReferenceEquals(Simulator.ActiveProcess, this)) throw new InvalidOperationException("a process cannot interrupt itself");
        if (_onInterrupt is null) throw new InvalidOperationException($"process {Name} has no interrupt handler");
        (_pending ??= new Queue<Interrupt>()).Enqueue(new Interrupt(cause));
        Simulator.Schedule(this, 0, InterruptToken);
    }

    internal override bool Fire(int token)
    {
        if (token == InterruptToken)
        {
            if (!IsAlive || _pending is null || _pending.Count == 0) return false;
            Deliver(_pending.Dequeue());
            return true;
        }

        if (token == 0) return base.Fire(token);
        if (token != _token || _depth == 0) return false;
        _waiting = WaitKind.None;
        Step();
        return true;
    }

    void IEventListener.OnEvent(Event e)
    {
        if (!ReferenceEquals(e, _waitEvent)) return;
        _waitEvent = null;
        _waiting = WaitKind.None;
        Step();
    }

    private void Deliver(Interrupt interrupt)
    {
        interrupt.InterruptedKind = _waiting;
        switch (_waiting)
        {
            case WaitKind.Delay:
                interrupt.RemainingH = Math.Max(0, _wakeAtH - Simulator.NowH);
                NextToken();
                break;
            case WaitKind.Event:
                interrupt.InterruptedEvent = _waitEvent;
                _waitEvent!.RemoveListener(this);
                _waitEvent = null;
                break;
            case WaitKind.Passive:
            case WaitKind.None:
            default:
                break;
        }

        _waiting = WaitKind.None;
        if (_depth == _stack.Length)
        {
            Array.Resize(ref _stack, _depth * 2);
            Array.Resize(ref _handled, _depth * 2);
        }

        _handled[_depth] = interrupt;
        _stack[_depth] = _onInterrupt!(interrupt).GetEnumerator();
        _depth++;
        Step();
    }

    // Runs the innermost iterator until it waits or the process ends.
    private void Step()
    {
        var simulator = Simulator;
        var previous = simulator.ActiveProcess;
        simulator.ActiveProcess = this;
        try
        {
            while (_depth > 0)
            {
                var iterator = _stack[_depth - 1];
                if (iterator.MoveNext())
                {
                    if (BeginWait(iterator.Current)) return;
                    continue;
                }

                iterator.Dispose();
                _depth--;
                _stack[_depth] = null!;
                var interrupt = _handled[_depth];
                _handled[_depth] = null;
                if (interrupt is null) break;
                switch (interrupt.Then)
                {
                    case InterruptOutcome.Continue:
                        continue;
                    case InterruptOutcome.Stop:
                        End();
                        return;
                    case InterruptOutcome.Resume:
                    default:
                        if (ResumeWait(interrupt)) return;
                        continue;
                }
            }

            End();
        }
        finally
        {
            simulator.ActiveProcess = previous;
        }
    }

    private bool ResumeWait(Interrupt interrupt) => interrupt.InterruptedKind switch
    {
        WaitKind.Delay => BeginWait(Wait.For(interrupt.RemainingH)),
        WaitKind.Event => BeginWait(Wait.FromEvent(interrupt.InterruptedEvent!)),
        WaitKind.Passive => BeginWait(Wait.Passivate),
        _ => false,
    };

    // Returns true when the process now waits, false when the wait is already over.
    private bool BeginWait(Wait wait)
    {
        switch (wait.Kind)
        {
            case WaitKind.Delay:
                _waiting = WaitKind.Delay;
                _wakeAtH = Simulator.NowH + wait.DelayH;
                Simulator.Schedule(this, wait.DelayH, NextToken());
                return true;
            case WaitKind.Event:
                var e = wait.Event!;
                if (!ReferenceEquals(e.Simulator, Simulator)) throw new InvalidOperationException("waiting for an event of another simulator");
                if (e.IsProcessed) return false;
                _waiting = WaitKind.Event;
                _waitEvent = e;
                e.AddListener(this);
                return true;
            case WaitKind.Passive:
                _waiting = WaitKind.Passive;
                return true;
            case WaitKind.None:
            default:
                throw new InvalidOperationException("yield a Wait made by Wait.For, Wait.Passivate or an event (default(Wait) is not one)");
        }
    }

    // Wake-up tokens are positive (0 is the process's own end event, -1 an interrupt); a stale token is skipped.
    private int NextToken()
    {
        _token = _token == int.MaxValue ? 1 : _token + 1;
        return _token;
    }

    private void End()
    {
        while (_depth > 0)
        {
            _depth--;
            _stack[_depth].Dispose();
            _stack[_depth] = null!;
            _handled[_depth] = null;
        }

        _waiting = WaitKind.None;
        _pending?.Clear();
        Succeed();
    }
}
