using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    // No object reference in a heap entry: sifting moves entries, and moving a reference costs a GC write
    // barrier per move. The target lives in _slots, written once when scheduled and cleared when taken off.
    private struct Entry
    {
        public double TimeH;
        public long Sequence;
        public int Slot;
    }

    private struct Target
    {
        public Schedulable? Item;
        public int Token;
        public int NextFree;
    }

    private Entry[] _heap = new Entry[256];
    private int _heapCount;
    private Entry[] _ring = new Entry[256];
    private int _ringHead;
    private int _ringCount;
    private Target[] _slots = new Target[512];
    private int _slotsUsed;
    private int _freeSlot = -1;
    private long _sequence;
    private long _eventsProcessed;
    private double _nowH;
    private bool _running;

    // Set while the heap's root has been fired but not yet removed: the next push takes its place (one sift-down
    // instead of a pop's sift-down plus a push's sift-up; a process waking from a delay usually waits again).
    private bool _rootFired;

    /// <summary>Current simulation time, hours from the start.</summary>
    public double NowH => _nowH;

    /// <summary>Events processed so far (see the remarks of <see cref="Simulator"/> for what counts).</summary>
    public long EventsProcessed => _eventsProcessed;

    /// <summary>The process whose body is running, or null between events.</summary>
    public Process? ActiveProcess { get; internal set; }

    /// <summary>Entries waiting in the queue (stale ones included).</summary>
    public int QueuedEntries => _heapCount - (_rootFired ? 1 : 0) + _ringCount;

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
    /// <exception cref="InvalidOperationException">Called while the simulator is already running (from a process).</exception>
    public void Run(double untilH)
    {
        if (untilH < _nowH) throw new ArgumentOutOfRangeException(nameof(untilH), $"cannot run back to {untilH} h from {_nowH} h");
        if (_running) throw new InvalidOperationException("the simulator is already running; a process waits instead of calling Run");
        _running = true;
        try
        {
            RunLoop(untilH);
        }
        finally
        {
            // Only reached by an exception from a process body or at the end; one try per run, not per event.
            if (_rootFired)
            {
                _rootFired = false;
                PopHeap();
            }

            ActiveProcess = null;
            _running = false;
        }

        if (!double.IsPositiveInfinity(untilH)) _nowH = untilH;
    }

    private void RunLoop(double untilH)
    {
        while (true)
        {
            int slot;
            if (_ringCount > 0)
            {
                ref var head = ref _ring[_ringHead];
                if (_heapCount > 0 && Before(_heap[0], head))
                {
                    slot = _heap[0].Slot;
                    _rootFired = true;
                }
                else
                {
                    slot = head.Slot;
                    _ringHead = (_ringHead + 1) & (_ring.Length - 1);
                    _ringCount--;
                }
            }
            else if (_heapCount > 0)
            {
                ref var root = ref _heap[0];
                if (root.TimeH > untilH) break;
                _nowH = root.TimeH;
                slot = root.Slot;
                _rootFired = true;
            }
            else
            {
                break;
            }

            ref var target = ref _slots[slot];
            var item = target.Item!;
            var token = target.Token;
            target.Item = null;
            target.NextFree = _freeSlot;
            _freeSlot = slot;
            if (item.Fire(token)) _eventsProcessed++;
            if (_rootFired)
            {
                _rootFired = false;
                PopHeap();
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Schedule(Schedulable item, double delayH, int token)
    {
        // One test for negative, NaN and infinite delays.
        if (!(delayH >= 0 && delayH < double.PositiveInfinity))
            throw new ArgumentOutOfRangeException(nameof(delayH), $"a delay must be finite and >= 0 hours, not {delayH}");
        var slot = _freeSlot;
        if (slot >= 0) _freeSlot = _slots[slot].NextFree;
        else slot = NewSlot();
        ref var target = ref _slots[slot];
        target.Item = item;
        target.Token = token;
        var sequence = _sequence++;
        if (delayH == 0)
        {
            if (_ringCount == _ring.Length) GrowRing();
            ref var entry = ref _ring[(_ringHead + _ringCount) & (_ring.Length - 1)];
            entry.TimeH = _nowH;
            entry.Sequence = sequence;
            entry.Slot = slot;
            _ringCount++;
            return;
        }

        PushHeap(_nowH + delayH, sequence, slot);
    }

    private int NewSlot()
    {
        if (_slotsUsed == _slots.Length) Array.Resize(ref _slots, checked(_slots.Length * 2));
        return _slotsUsed++;
    }

    private void GrowRing()
    {
        var bigger = new Entry[checked(_ring.Length * 2)];
        for (var i = 0; i < _ringCount; i++) bigger[i] = _ring[(_ringHead + i) & (_ring.Length - 1)];
        _ring = bigger;
        _ringHead = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(in Entry a, in Entry b) => a.TimeH < b.TimeH || (a.TimeH == b.TimeH && a.Sequence < b.Sequence);

    private void PushHeap(double timeH, long sequence, int slot)
    {
        var entry = new Entry { TimeH = timeH, Sequence = sequence, Slot = slot };
        if (_rootFired)
        {
            _rootFired = false;
            SiftDown(entry);
            return;
        }

        if (_heapCount == _heap.Length) Array.Resize(ref _heap, checked(_heap.Length * 2));
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
        var count = --_heapCount;
        if (count == 0) return;
        SiftDown(_heap[count]);
    }

    // Places entry at the root (whose old entry is gone) and moves it down to its place among _heapCount entries.
    // The hot loop reads the heap through a ref to its first element: i < count <= Length bounds every index, so
    // the per-read range checks are redundant, and a node with all four children is compared unrolled.
    private void SiftDown(Entry entry)
    {
        ref var heap = ref MemoryMarshal.GetArrayDataReference(_heap);
        var count = _heapCount;
        var i = 0;
        while (true)
        {
            var first = (i << 2) + 1;
            var best = first;
            if (first + 3 < count)
            {
                if (Before(Unsafe.Add(ref heap, first + 1), Unsafe.Add(ref heap, best))) best = first + 1;
                if (Before(Unsafe.Add(ref heap, first + 2), Unsafe.Add(ref heap, best))) best = first + 2;
                if (Before(Unsafe.Add(ref heap, first + 3), Unsafe.Add(ref heap, best))) best = first + 3;
            }
            else
            {
                if (first >= count) break;
                for (var c = first + 1; c < count; c++)
                    if (Before(Unsafe.Add(ref heap, c), Unsafe.Add(ref heap, best))) best = c;
            }

            ref var child = ref Unsafe.Add(ref heap, best);
            if (!Before(child, entry)) break;
            Unsafe.Add(ref heap, i) = child;
            i = best;
        }

        Unsafe.Add(ref heap, i) = entry;
    }
}
