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

    // The innermost iterator runs (the body, or the handler of the latest interrupt); the ones it interrupted
    // wait in _outer with the interrupt each handler serves in _handled (index k: the handler at depth k + 1).
    private IEnumerator<Wait>? _iterator;
    private IEnumerator<Wait>[] _outer = [];
    private Interrupt?[] _handled = [];
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
        _iterator = body;
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
        // Wake-up tokens are positive and _token is >= 1 from the start, so this also rejects 0 and -1.
        if (token == _token)
        {
            if (_depth == 0) return false;
            _waiting = WaitKind.None;
            Step();
            return true;
        }

        if (token == InterruptToken)
        {
            if (_depth == 0 || _pending is null || _pending.Count == 0) return false;
            Deliver(_pending.Dequeue());
            return true;
        }

        return token == 0 && base.Fire(token);
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
        var outer = _depth - 1;
        if (outer == _outer.Length)
        {
            Array.Resize(ref _outer, Math.Max(2, outer * 2));
            Array.Resize(ref _handled, _outer.Length);
        }

        _outer[outer] = _iterator!;
        _handled[outer] = interrupt;
        _iterator = _onInterrupt!(interrupt).GetEnumerator();
        _depth++;
        Step();
    }

    // Runs the innermost iterator until it waits or the process ends. Steps never nest (they run from the
    // simulator's loop), so the active process is set and cleared without a try/finally; Run clears it on a throw.
    private void Step()
    {
        var simulator = Simulator;
        simulator.ActiveProcess = this;
        var iterator = _iterator!;
        while (true)
        {
            if (iterator.MoveNext())
            {
                var wait = iterator.Current;
                if (wait.Kind == WaitKind.Delay)
                {
                    // The common case inline: a process that waits a while.
                    _waiting = WaitKind.Delay;
                    _wakeAtH = simulator.NowH + wait.DelayH;
                    simulator.Schedule(this, wait.DelayH, NextToken());
                    break;
                }

                if (BeginWait(wait)) break;
                continue;
            }

            iterator.Dispose();
            if (_depth == 1)
            {
                _iterator = null;
                End();
                break;
            }

            // A handler ended: go back to the iterator it interrupted.
            _depth--;
            var outer = _depth - 1;
            iterator = _iterator = _outer[outer];
            _outer[outer] = null!;
            var interrupt = _handled[outer]!;
            _handled[outer] = null;
            if (interrupt.Then == InterruptOutcome.Continue) continue;
            if (interrupt.Then == InterruptOutcome.Stop)
            {
                End();
                break;
            }

            if (ResumeWait(interrupt)) break;
        }

        simulator.ActiveProcess = null;
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

    // Disposes what still runs, innermost first.
    private void End()
    {
        _iterator?.Dispose();
        _iterator = null;
        for (var k = _depth - 2; k >= 0; k--)
        {
            _outer[k].Dispose();
            _outer[k] = null!;
            _handled[k] = null;
        }

        _depth = 0;
        _waiting = WaitKind.None;
        _pending?.Clear();
        Succeed();
    }
}
