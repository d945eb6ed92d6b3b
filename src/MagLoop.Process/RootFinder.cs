namespace MagLoop.Process;

/// <summary>One-dimensional root finding for the increasing functions the flowsheet meets.</summary>
public static class RootFinder
{
    /// <summary>
    /// Finds x in [<paramref name="low"/>, <paramref name="high"/>] where an increasing <paramref name="f"/> is
    /// zero, by regula falsi with the Illinois step (the stale end's value is halved so neither end sticks).
    /// Needs f(low) &lt;= 0 &lt;= f(high), given as <paramref name="fLow"/> and <paramref name="fHigh"/>.
    /// </summary>
    /// <param name="f">The function; called once per step.</param>
    /// <param name="low">Lower end of the bracket.</param>
    /// <param name="fLow">f at <paramref name="low"/>.</param>
    /// <param name="high">Upper end of the bracket.</param>
    /// <param name="fHigh">f at <paramref name="high"/>.</param>
    /// <param name="tolerance">Stop when |f(x)| is at most this.</param>
    /// <param name="firstGuess">First point to try (default: the secant point).</param>
    /// <returns>The last point tried, and the largest point known to have f &lt;= 0.</returns>
    public static (double Root, double BelowOrAt) Increasing(Func<double, double> f, double low, double fLow, double high, double fHigh,
        double tolerance, double? firstGuess = null)
    {
        var function = new Delegate(f);
        return Increasing(ref function, low, fLow, high, fHigh, tolerance, firstGuess);
    }

    /// <summary>
    /// <see cref="Increasing(Func{double, double}, double, double, double, double, double, double?)"/> for a function
    /// given as a value (a struct, or a ref struct over spans), so that a search in a hot loop allocates nothing.
    /// </summary>
    /// <typeparam name="TFunction">The function's type.</typeparam>
    /// <param name="f">The function; called once per step.</param>
    /// <param name="low">Lower end of the bracket.</param>
    /// <param name="fLow">f at <paramref name="low"/>.</param>
    /// <param name="high">Upper end of the bracket.</param>
    /// <param name="fHigh">f at <paramref name="high"/>.</param>
    /// <param name="tolerance">Stop when |f(x)| is at most this.</param>
    /// <param name="firstGuess">First point to try (default: the secant point).</param>
    /// <returns>The last point tried, and the largest point known to have f &lt;= 0.</returns>
    public static (double Root, double BelowOrAt) Increasing<TFunction>(ref TFunction f, double low, double fLow, double high, double fHigh,
        double tolerance, double? firstGuess = null)
        where TFunction : IFunction, allows ref struct
    {
        var x = firstGuess ?? Secant(low, fLow, high, fHigh);
        var side = 0;
        for (var i = 0; i < 200; i++)
        {
            var g = f.At(x);
            if (Math.Abs(g) <= tolerance) return (x, g <= 0 ? x : low);
            if (g > 0)
            {
                (high, fHigh) = (x, g);
                if (side == 1) fLow /= 2;
                side = 1;
            }
            else
            {
                (low, fLow) = (x, g);
                if (side == -1) fHigh /= 2;
                side = -1;
            }

            if (high - low <= 1e-15 * Math.Max(1.0, Math.Abs(high))) break;
            x = Secant(low, fLow, high, fHigh);
        }

        return (x, low);
    }

    /// <summary>A function of one variable.</summary>
    public interface IFunction
    {
        /// <summary>The value at <paramref name="x"/>.</summary>
        double At(double x);
    }

    private readonly struct Delegate(Func<double, double> f) : IFunction
    {
        public double At(double x) => f(x);
    }

    private static double Secant(double low, double fLow, double high, double fHigh) => low - fLow * (high - low) / (fHigh - fLow);
}
