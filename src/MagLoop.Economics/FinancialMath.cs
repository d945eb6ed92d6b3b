namespace MagLoop.Economics;

/// <summary>
/// Discounting, internal rate of return and payback over annual cash flows. Index 0 of a cash-flow array is
/// year 1 of the project, discounted by one full year (end-of-year convention).
/// </summary>
public static class FinancialMath
{
    // IRR search interval: a rate of -99 % to +10,000 % per year covers every project worth reporting.
    private const double MinRate = -0.99;
    private const double MaxRate = 100.0;
    private const int ScanPoints = 4000;

    /// <summary>Net present value at <paramref name="rate"/> per year, end-of-year convention.</summary>
    public static decimal Npv(double rate, IReadOnlyList<decimal> cashFlowsUsd)
    {
        ArgumentNullException.ThrowIfNull(cashFlowsUsd);
        if (rate <= -1) throw new ArgumentOutOfRangeException(nameof(rate), rate, "discount rate must exceed -100 %");
        decimal npv = 0;
        var factor = 1.0;
        for (var t = 0; t < cashFlowsUsd.Count; t++)
        {
            factor /= 1 + rate;
            npv += cashFlowsUsd[t] * (decimal)factor;
        }

        return npv;
    }

    /// <summary>Net present value in double precision, for root finding.</summary>
    public static double Npv(double rate, ReadOnlySpan<double> cashFlows)
    {
        double npv = 0;
        var factor = 1.0;
        foreach (var cash in cashFlows)
        {
            factor /= 1 + rate;
            npv += cash * factor;
        }

        return npv;
    }

    /// <summary>
    /// Every internal rate of return in [-99 %, 10,000 %]: one root when the cash flows change sign once
    /// (Descartes' rule), none or several otherwise. <see cref="IrrResult.Irr"/> is set only when exactly one
    /// root exists, so a project with several roots never reports a misleading single IRR.
    /// </summary>
    public static IrrResult Irr(IReadOnlyList<decimal> cashFlowsUsd)
    {
        ArgumentNullException.ThrowIfNull(cashFlowsUsd);
        var flows = new double[cashFlowsUsd.Count];
        double scale = 0;
        for (var i = 0; i < flows.Length; i++)
        {
            flows[i] = (double)cashFlowsUsd[i];
            // The largest magnitude (0 for no flows); a decimal is never NaN, so a plain comparison is Max's answer.
            scale = Math.Max(scale, Math.Abs(flows[i]));
        }

        if (scale == 0) return new IrrResult([], SignChanges(flows));
        for (var i = 0; i < flows.Length; i++) flows[i] /= scale;
        var changes = SignChanges(flows);
        if (changes == 0) return new IrrResult([], 0);
        if (changes == 1)
        {
            // One sign change: NPV(r) has exactly one root above -100 %; find a bracket and bisect.
            var low = MinRate;
            var fLow = Npv(low, flows);
            var high = 0.1;
            var fHigh = Npv(high, flows);
            while (Math.Sign(fHigh) == Math.Sign(fLow) && high < MaxRate)
            {
                high = Math.Min(MaxRate, high * 2 + 0.1);
                fHigh = Npv(high, flows);
            }

            if (Math.Sign(fHigh) == Math.Sign(fLow) || fHigh == 0 && fLow == 0) return new IrrResult([], 1);
            return new IrrResult([Bisect(flows, low, high)], 1);
        }

        // Several sign changes: scan in x = ln(1 + r), which spreads the grid evenly over orders of magnitude.
        var roots = new List<double>();
        var xLow = Math.Log(1 + MinRate);
        var xHigh = Math.Log(1 + MaxRate);
        var previousRate = MinRate;
        var previous = Npv(previousRate, flows);
        for (var i = 1; i <= ScanPoints; i++)
        {
            var rate = Math.Exp(xLow + ((xHigh - xLow) * i / ScanPoints)) - 1;
            var value = Npv(rate, flows);
            if (previous == 0) roots.Add(previousRate);
            else if (Math.Sign(value) == -Math.Sign(previous)) roots.Add(Bisect(flows, previousRate, rate));
            previousRate = rate;
            previous = value;
        }

        return new IrrResult(roots, changes);
    }

    /// <summary>
    /// Years from <paramref name="fromIndex"/> (the start of that year) until the cumulative cash flow of all
    /// years turns non-negative for good, interpolated within the year; null if it never does.
    /// </summary>
    public static double? PaybackYears(IReadOnlyList<decimal> cashFlowsUsd, int fromIndex)
    {
        ArgumentNullException.ThrowIfNull(cashFlowsUsd);
        var cumulative = new decimal[cashFlowsUsd.Count];
        decimal sum = 0;
        for (var t = 0; t < cashFlowsUsd.Count; t++) cumulative[t] = sum += cashFlowsUsd[t];
        // The last year in which the cumulative is negative; payback falls within the next year.
        var lastNegative = Array.FindLastIndex(cumulative, c => c < 0);
        if (lastNegative < 0) return 0;
        if (lastNegative == cumulative.Length - 1) return null;
        var next = lastNegative + 1;
        var fraction = (double)(-cumulative[lastNegative] / cashFlowsUsd[next]);
        return Math.Max(0, next - fromIndex + fraction);
    }

    private static int SignChanges(double[] flows)
    {
        var changes = 0;
        var sign = 0;
        foreach (var value in flows)
        {
            var s = Math.Sign(value);
            if (s == 0) continue;
            if (sign != 0 && s != sign) changes++;
            sign = s;
        }

        return changes;
    }

    private static double Bisect(double[] flows, double low, double high)
    {
        var fLow = Npv(low, flows);
        for (var i = 0; i < 200 && high - low > 1e-12; i++)
        {
            var mid = 0.5 * (low + high);
            var fMid = Npv(mid, flows);
            if (fMid == 0) return mid;
            if (Math.Sign(fMid) == Math.Sign(fLow))
            {
                low = mid;
                fLow = fMid;
            }
            else
            {
                high = mid;
            }
        }

        return 0.5 * (low + high);
    }
}

/// <summary>Internal rates of return of a cash-flow series.</summary>
/// <param name="Roots">Every rate in [-99 %, 10,000 %] at which the NPV is zero, ascending.</param>
/// <param name="SignChanges">Sign changes of the cash flows, an upper bound on the number of roots.</param>
public sealed record IrrResult(IReadOnlyList<double> Roots, int SignChanges)
{
    /// <summary>The IRR when it is unique; null when there is none or there are several.</summary>
    public double? Irr => Roots.Count == 1 ? Roots[0] : null;
}
