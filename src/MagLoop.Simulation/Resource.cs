namespace MagLoop.Simulation;

/// <summary>
/// A request for one unit of a <see cref="Resource"/>: an event that triggers when the unit is granted. Requests
/// are pooled by their resource: after <see cref="Resource.Release"/> the object is reused, so drop it then.
/// </summary>
public sealed class Request : Event
{
    internal Request(Simulator simulator, Resource resource) : base(simulator) => Resource = resource;

    /// <summary>The resource asked for.</summary>
    public Resource Resource { get; }

    /// <summary>Priority: lower numbers are served first.</summary>
    public int Priority { get; private set; }

    /// <summary>Whether this request may take the unit from a user of lower priority (higher number).</summary>
    public bool Preempt { get; private set; }

    /// <summary>The process that made the request (interrupted if it is preempted), or null.</summary>
    public Process? Owner { get; private set; }

    /// <summary>When the request was made, hours.</summary>
    public double RequestedAtH { get; private set; }

    /// <summary>When the unit was granted, hours (NaN before).</summary>
    public double GrantedAtH { get; internal set; }

    /// <summary>True when a more urgent request took the unit away.</summary>
    public bool WasPreempted { get; internal set; }

    internal long Sequence { get; private set; }

    internal bool Holding { get; set; }

    internal bool Queued { get; set; }

    internal void Init(int priority, bool preempt, long sequence, Process? owner)
    {
        Reset();
        Priority = priority;
        Preempt = preempt;
        Sequence = sequence;
        Owner = owner;
        RequestedAtH = Simulator.NowH;
        GrantedAtH = double.NaN;
        WasPreempted = false;
        Holding = false;
        Queued = false;
    }

    // Served first: lower priority number, then preempting before non-preempting, then earlier.
    internal bool ServedBefore(Request other) =>
        Priority != other.Priority ? Priority < other.Priority
        : Preempt != other.Preempt ? Preempt
        : Sequence < other.Sequence;
}

/// <summary>What a preempted user's interrupt handler receives as <see cref="Interrupt.Cause"/>.</summary>
/// <param name="By">The request that took the unit.</param>
/// <param name="Lost">The preempted request (already released; request again to go on).</param>
/// <param name="UsageSinceH">When the preempted user had been granted the unit.</param>
public sealed record Preempted(Request By, Request Lost, double UsageSinceH);

/// <summary>
/// A resource with a number of identical units, served by priority (then arrival), optionally preemptive: a
/// request with <c>preempt: true</c> takes a unit from the user of lowest priority when that is lower than its
/// own, and that user's process is interrupted with a <see cref="Preempted"/> cause.
/// </summary>
public sealed class Resource
{
    private readonly Simulator _simulator;
    private readonly List<Request> _users = [];
    private readonly List<Request> _queue = [];
    private readonly Stack<Request> _pool = new();
    private long _sequence;

    /// <summary>Creates a resource with <paramref name="capacity"/> units.</summary>
    public Resource(Simulator simulator, int capacity, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _simulator = simulator;
        Capacity = capacity;
        Name = name;
        Busy = new TimeWeighted(simulator);
        QueueLength = new TimeWeighted(simulator);
    }

    /// <summary>Number of units.</summary>
    public int Capacity { get; }

    /// <summary>Name for reports.</summary>
    public string? Name { get; }

    /// <summary>Units in use.</summary>
    public int InUse => _users.Count;

    /// <summary>Requests waiting.</summary>
    public int Waiting => _queue.Count;

    /// <summary>Units in use over time (utilisation = mean / capacity).</summary>
    public TimeWeighted Busy { get; }

    /// <summary>Requests waiting over time.</summary>
    public TimeWeighted QueueLength { get; }

    /// <summary>Asks for a unit; yield the returned request to wait until it is granted.</summary>
    public Request Request(int priority = 0, bool preempt = false)
    {
        var request = _pool.Count > 0 ? _pool.Pop() : new Request(_simulator, this);
        request.Init(priority, preempt, _sequence++, _simulator.ActiveProcess);
        if (_users.Count < Capacity)
        {
            Grant(request);
            return request;
        }

        if (preempt)
        {
            var victim = _users[0];
            for (var i = 1; i < _users.Count; i++)
                if (victim.ServedBefore(_users[i])) victim = _users[i];
            if (victim.Priority > priority)
            {
                _users.Remove(victim);
                victim.Holding = false;
                victim.WasPreempted = true;
                Grant(request);
                victim.Owner?.Interrupt(new Preempted(request, victim, victim.GrantedAtH));
                return request;
            }
        }

        var at = _queue.Count;
        while (at > 0 && request.ServedBefore(_queue[at - 1])) at--;
        _queue.Insert(at, request);
        request.Queued = true;
        QueueLength.Update(_queue.Count);
        return request;
    }

    /// <summary>Gives the unit back (or withdraws a waiting request) and returns the request to the pool.</summary>
    public void Release(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ReferenceEquals(request.Resource, this)) throw new ArgumentException("request of another resource", nameof(request));
        if (request.Holding)
        {
            _users.Remove(request);
            request.Holding = false;
            Busy.Update(_users.Count);
        }
        else if (request.Queued)
        {
            _queue.Remove(request);
            request.Queued = false;
            QueueLength.Update(_queue.Count);
        }

        while (_users.Count < Capacity && _queue.Count > 0)
        {
            var next = _queue[0];
            _queue.RemoveAt(0);
            next.Queued = false;
            QueueLength.Update(_queue.Count);
            Grant(next);
        }

        // A granted request whose grant is still queued would fire on a recycled object: keep it out of the pool.
        if (request.State != EventState.Triggered) _pool.Push(request);
    }

    private void Grant(Request request)
    {
        _users.Add(request);
        request.Holding = true;
        request.GrantedAtH = _simulator.NowH;
        Busy.Update(_users.Count);
        request.Succeed();
    }
}
