using System.Runtime.CompilerServices;

namespace MagLoop.Simulation;

/// <summary>Something the simulator can take off its event queue: an <see cref="Event"/> or a <see cref="Process"/>.</summary>
public abstract class Schedulable
{
    // Returns false for a stale entry (a cancelled wake-up), which does not count as an event.
    internal abstract bool Fire(int token);
}

/// <summary>
/// The discrete-event simulator: a clock in hours and a queue of scheduled entries ordered by (time, scheduling
/// sequence), so ties fire in the order they were scheduled. Processes (<see cref="Process"/>) are C# iterators
/// yielding <see cref="Wait"/>s; resources, stores and containers are the shared state between them.
/// </summary>
/// <remarks>
/// An <b>event</b>, as counted by <see cref="EventsProcessed"/>, is one entry taken off the queue that does work:
/// a process woken after a delay, an interrupt delivered, or a triggered <see cref="Event"/> whose listeners
/// run. Stale entries (wake-ups cancelled by an interrupt) are skipped and not counted. The queue is an
/// array-based 4-ary min-heap plus a FIFO ring for entries due "now", so the hot path allocates nothing.
/// </remarks>
public sealed class Simulator
{
    private struct Entry
    {
        public double TimeH;
        public long Sequence;
        public Schedulable Item;
        public int Token;
    }

    private Entry[] _heap = new Entry[256];
    private int _heapCount;
    private Entry[] _ring = new Entry[256];
    private int _ringHead;
    private int _ringCount;
    private long _sequence;

    /// <summary>Current simulation time, hours from the start.</summary>
    public double NowH { get; private set; }

    /// <summary>Events processed so far (see the remarks of <see cref="Simulator"/> for what counts).</summary>
    public long EventsProcessed { get; private set; }

    /// <summary>The process whose body is running, or null between events.</summary>
    public Process? ActiveProcess { get; internal set; }

    /// <summary>Entries waiting in the queue (stale ones included).</summary>
    public int QueuedEntries => _heapCount + _ringCount;

    /// <summary>Starts a process from an iterator; it first runs at the current time, after entries already due now.</summary>
    public Process Start(IEnumerable<Wait> body, Func<Interrupt, IEnumerable<Wait>>? onInterrupt = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var process = new Process(this, body.GetEnumerator(), onInterrupt, name);
        process.ScheduleStart();
        return process;
    }

    /// <summary>A new pending event, triggered later by <see cref="Event.Succeed"/>.</summary>
    public Event NewEvent() => new(this);

    /// <summary>An event that triggers after <paramref name="delayH"/> hours; for conditions. A process that only waits uses <see cref="Wait.For"/>, which allocates nothing.</summary>
    public Event Timeout(double delayH, object? value = null)
    {
        var e = new Event(this);
        e.TriggerAfter(delayH, value);
        return e;
    }

    /// <summary>An event that triggers once all <paramref name="events"/> have been processed.</summary>
    public Event AllOf(params Event[] events) => new Condition(this, events, all: true);

    /// <summary>An event that triggers once any of <paramref name="events"/> has been processed.</summary>
    public Event AnyOf(params Event[] events) => new Condition(this, events, all: false);

    /// <summary>Runs until the queue is empty.</summary>
    public void Run() => Run(double.PositiveInfinity);

    /// <summary>Runs every entry due at or before <paramref name="untilH"/>, then sets the clock to it (if finite).</summary>
    public void Run(double untilH)
    {
        if (untilH < NowH) throw new ArgumentOutOfRangeException(nameof(untilH), $"cannot run back to {untilH} h from {NowH} h");
        while (true)
        {
            Entry next;
            if (_ringCount > 0)
            {
                ref var head = ref _ring[_ringHead];
                if (_heapCount > 0 && Before(_heap[0], head))
                {
                    next = _heap[0];
                    PopHeap();
                }
                else
                {
                    next = head;
                    head.Item = null!;
                    _ringHead = (_ringHead + 1) & (_ring.Length - 1);
                    _ringCount--;
                }
            }
            else if (_heapCount > 0)
            {
                if (_heap[0].TimeH > untilH) break;
                next = _heap[0];
                PopHeap();
            }
            else
            {
                break;
            }

            NowH = next.TimeH;
            if (next.Item.Fire(next.Token)) EventsProcessed++;
        }

        if (!double.IsPositiveInfinity(untilH)) NowH = untilH;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Schedule(Schedulable item, double delayH, int token)
    {
        if (!(delayH >= 0) || double.IsPositiveInfinity(delayH))
            throw new ArgumentOutOfRangeException(nameof(delayH), $"a delay must be finite and >= 0 hours, not {delayH}");
        var sequence = _sequence++;
        if (delayH == 0)
        {
            if (_ringCount == _ring.Length) GrowRing();
            ref var slot = ref _ring[(_ringHead + _ringCount) & (_ring.Length - 1)];
            slot.TimeH = NowH;
            slot.Sequence = sequence;
            slot.Item = item;
            slot.Token = token;
            _ringCount++;
            return;
        }

        PushHeap(NowH + delayH, sequence, item, token);
    }

    private void GrowRing()
    {
        var bigger = new Entry[_ring.Length * 2];
        for (var i = 0; i < _ringCount; i++) bigger[i] = _ring[(_ringHead + i) & (_ring.Length - 1)];
        _ring = bigger;
        _ringHead = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(in Entry a, in Entry b) => a.TimeH < b.TimeH || (a.TimeH == b.TimeH && a.Sequence < b.Sequence);

    private void PushHeap(double timeH, long sequence, Schedulable item, int token)
    {
        if (_heapCount == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
        var entry = new Entry { TimeH = timeH, Sequence = sequence, Item = item, Token = token };
        var i = _heapCount++;
        var heap = _heap;
        while (i > 0)
        {
            var parent = (i - 1) >> 2;
            if (!Before(entry, heap[parent])) break;
            heap[i] = heap[parent];
            i = parent;
        }

        heap[i] = entry;
    }

    private void PopHeap()
    {
        var heap = _heap;
        var count = --_heapCount;
        var last = heap[count];
        heap[count].Item = null!;
        if (count == 0) return;
        var i = 0;
        while (true)
        {
            var first = (i << 2) + 1;
            if (first >= count) break;
            var best = first;
            var end = Math.Min(first + 4, count);
            for (var c = first + 1; c < end; c++)
                if (Before(heap[c], heap[best])) best = c;
            if (!Before(heap[best], last)) break;
            heap[i] = heap[best];
            i = best;
        }

        heap[i] = last;
    }
}
