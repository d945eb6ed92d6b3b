namespace MagLoop.Simulation;

/// <summary>Observations without regard to time (waiting times, lead times): count, mean, variance, extremes (Welford).</summary>
public sealed class Tally
{
    private double _mean;
    private double _m2;

    /// <summary>Observations so far.</summary>
    public long Count { get; private set; }

    /// <summary>Mean (0 with no observations).</summary>
    public double Mean => _mean;

    /// <summary>Sample variance (n - 1).</summary>
    public double Variance => Count > 1 ? _m2 / (Count - 1) : 0;

    /// <summary>Smallest observation.</summary>
    public double Min { get; private set; } = double.PositiveInfinity;

    /// <summary>Largest observation.</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>Sum of the observations.</summary>
    public double Sum => _mean * Count;

    /// <summary>Adds an observation.</summary>
    public void Add(double value)
    {
        Count++;
        var delta = value - _mean;
        _mean += delta / Count;
        _m2 += delta * (value - _mean);
        if (value < Min) Min = value;
        if (value > Max) Max = value;
    }

    /// <summary>Forgets all observations (end of a warm-up).</summary>
    public void Reset()
    {
        Count = 0;
        _mean = 0;
        _m2 = 0;
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
    }
}

/// <summary>A quantity that holds its value between changes (units busy, queue length, silo level): its time average.</summary>
public sealed class TimeWeighted
{
    private readonly Simulator _simulator;
    private double _areaSinceStart;
    private double _lastChangeH;

    /// <summary>Starts observing at the simulator's current time with <paramref name="initial"/>.</summary>
    public TimeWeighted(Simulator simulator, double initial = 0)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        _simulator = simulator;
        Current = initial;
        StartH = simulator.NowH;
        _lastChangeH = StartH;
        Max = initial;
    }

    /// <summary>The current value.</summary>
    public double Current { get; private set; }

    /// <summary>Largest value seen.</summary>
    public double Max { get; private set; }

    /// <summary>When observation started, hours.</summary>
    public double StartH { get; private set; }

    /// <summary>Records a new value from now on.</summary>
    public void Update(double value)
    {
        var now = _simulator.NowH;
        _areaSinceStart += Current * (now - _lastChangeH);
        _lastChangeH = now;
        Current = value;
        if (value > Max) Max = value;
    }

    /// <summary>Integral of the value over time since the start, value-hours.</summary>
    public double Area => _areaSinceStart + Current * (_simulator.NowH - _lastChangeH);

    /// <summary>Time average since the start (the current value if no time has passed).</summary>
    public double Mean
    {
        get
        {
            var span = _simulator.NowH - StartH;
            return span > 0 ? Area / span : Current;
        }
    }

    /// <summary>Restarts the average from now (end of a warm-up), keeping the current value.</summary>
    public void Reset()
    {
        StartH = _simulator.NowH;
        _lastChangeH = StartH;
        _areaSinceStart = 0;
        Max = Current;
    }
}

/// <summary>A mean with its two-sided 95 % confidence interval (Student t).</summary>
/// <param name="Mean">Sample mean.</param>
/// <param name="Ci95Low">Lower bound.</param>
/// <param name="Ci95High">Upper bound.</param>
public readonly record struct MeanWithInterval(double Mean, double Ci95Low, double Ci95High)
{
    /// <summary>Mean and 95 % interval of independent observations (replications); a single observation has a zero-width interval.</summary>
    public static MeanWithInterval Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("no observations", nameof(values));
        var tally = new Tally();
        foreach (var v in values) tally.Add(v);
        if (values.Count == 1) return new(tally.Mean, tally.Mean, tally.Mean);
        var half = StudentT.Quantile975(values.Count - 1) * Math.Sqrt(tally.Variance / values.Count);
        return new(tally.Mean, tally.Mean - half, tally.Mean + half);
    }
}

/// <summary>Student t quantiles.</summary>
public static class StudentT
{
    // t(0.975, df) for df = 1..30 (standard tables).
    private static readonly double[] Table =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>The 0.975 quantile for <paramref name="degreesOfFreedom"/> (table to 30, Cornish-Fisher expansion beyond).</summary>
    public static double Quantile975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (degreesOfFreedom <= Table.Length) return Table[degreesOfFreedom - 1];
        const double z = 1.959963984540054;
        double n = degreesOfFreedom;
        return z + (z * z * z + z) / (4 * n) + (5 * Math.Pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * n * n);
    }
}
