namespace MagLoop.Numerics;

/// <summary>The standard normal distribution's CDF and its inverse (MathNet.Numerics' implementations).</summary>
public static class StandardNormal
{
    /// <summary>P(Z &lt;= <paramref name="x"/>).</summary>
    public static double Cdf(double x) => MathNet.Numerics.Distributions.Normal.CDF(0, 1, x);

    /// <summary>The z with P(Z &lt;= z) = <paramref name="u"/>, for <paramref name="u"/> in (0, 1).</summary>
    public static double Quantile(double u) => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, u);
}
