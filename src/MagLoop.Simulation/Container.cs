namespace MagLoop.Simulation;

/// <summary>
/// A continuous quantity (a powder silo in kg, a tank) with a capacity. <see cref="Put"/> waits for room and
/// <see cref="Get"/> for material, each served first come, first served.
/// </summary>
public sealed class Container
{
    private readonly Simulator _simulator;
    private readonly Queue<(Event Done, double AmountKg)> _puts = new();
    private readonly Queue<(Event Done, double AmountKg)> _gets = new();

    /// <summary>Creates a container holding <paramref name="initialKg"/> of at most <paramref name="capacityKg"/>.</summary>
    public Container(Simulator simulator, double capacityKg = double.PositiveInfinity, double initialKg = 0, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        if (!(capacityKg > 0)) throw new ArgumentOutOfRangeException(nameof(capacityKg), "capacity must be > 0");
        if (!(initialKg >= 0) || initialKg > capacityKg) throw new ArgumentOutOfRangeException(nameof(initialKg), "initial level must be within 0..capacity");
        _simulator = simulator;
        CapacityKg = capacityKg;
        LevelKg = initialKg;
        Name = name;
        Level = new TimeWeighted(simulator, initialKg);
    }

    /// <summary>Most the container holds, kg.</summary>
    public double CapacityKg { get; }

    /// <summary>What it holds now, kg.</summary>
    public double LevelKg { get; private set; }

    /// <summary>Name for reports.</summary>
    public string? Name { get; }

    /// <summary>Level over time, kg.</summary>
    public TimeWeighted Level { get; }

    /// <summary>Room left, kg.</summary>
    public double RoomKg => CapacityKg - LevelKg;

    /// <summary>Adds <paramref name="amountKg"/>; the event triggers once it fits.</summary>
    public Event Put(double amountKg)
    {
        Check(amountKg);
        var done = new Event(_simulator);
        _puts.Enqueue((done, amountKg));
        Settle();
        return done;
    }

    /// <summary>Takes <paramref name="amountKg"/>; the event triggers once that much is there.</summary>
    public Event Get(double amountKg)
    {
        Check(amountKg);
        var done = new Event(_simulator);
        _gets.Enqueue((done, amountKg));
        Settle();
        return done;
    }

    /// <summary>Adds what fits at once and returns the part that did not fit (an overflow sold or spilled).</summary>
    public double PutOrOverflow(double amountKg)
    {
        Check(amountKg);
        var fits = _puts.Count > 0 ? 0 : Math.Min(amountKg, RoomKg);
        if (fits > 0) Change(fits);
        Settle();
        return amountKg - fits;
    }

    private static void Check(double amountKg)
    {
        if (!(amountKg >= 0) || double.IsPositiveInfinity(amountKg))
            throw new ArgumentOutOfRangeException(nameof(amountKg), $"an amount must be finite and >= 0 kg, not {amountKg}");
    }

    private void Change(double deltaKg)
    {
        LevelKg += deltaKg;
        if (LevelKg < 0) LevelKg = 0;
        Level.Update(LevelKg);
    }

    private void Settle()
    {
        var progress = true;
        while (progress)
        {
            progress = false;
            if (_puts.Count > 0 && _puts.Peek().AmountKg <= RoomKg)
            {
                var (done, amount) = _puts.Dequeue();
                Change(amount);
                done.Succeed(amount);
                progress = true;
            }

            if (_gets.Count > 0 && _gets.Peek().AmountKg <= LevelKg + 1e-9)
            {
                var (done, amount) = _gets.Dequeue();
                Change(-amount);
                done.Succeed(amount);
                progress = true;
            }
        }
    }
}

/// <summary>A store of discrete items (lots, trucks) with a capacity; <see cref="Get"/> yields the oldest item as the event's value.</summary>
/// <typeparam name="T">Item type.</typeparam>
public sealed class Store<T>
{
    private readonly Simulator _simulator;
    private readonly Queue<T> _items = new();
    private readonly Queue<(Event Done, T Item)> _puts = new();
    private readonly Queue<Event> _gets = new();

    /// <summary>Creates a store holding at most <paramref name="capacity"/> items.</summary>
    public Store(Simulator simulator, int capacity = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _simulator = simulator;
        Capacity = capacity;
        Count = new TimeWeighted(simulator);
    }

    /// <summary>Most items it holds.</summary>
    public int Capacity { get; }

    /// <summary>Items now held.</summary>
    public int ItemCount => _items.Count;

    /// <summary>Items held over time.</summary>
    public TimeWeighted Count { get; }

    /// <summary>Adds an item; the event triggers once there is room.</summary>
    public Event Put(T item)
    {
        var done = new Event(_simulator);
        _puts.Enqueue((done, item));
        Settle();
        return done;
    }

    /// <summary>Takes the oldest item; the event's <see cref="Event.Value"/> is the item.</summary>
    public Event Get()
    {
        var done = new Event(_simulator);
        _gets.Enqueue(done);
        Settle();
        return done;
    }

    private void Settle()
    {
        var progress = true;
        while (progress)
        {
            progress = false;
            if (_puts.Count > 0 && _items.Count < Capacity)
            {
                var (done, item) = _puts.Dequeue();
                _items.Enqueue(item);
                done.Succeed();
                progress = true;
            }

            if (_gets.Count > 0 && _items.Count > 0)
            {
                _gets.Dequeue().Succeed(_items.Dequeue());
                progress = true;
            }
        }

        Count.Update(_items.Count);
    }
}
