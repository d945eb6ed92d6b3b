namespace MagLoop.Numerics;

/// <summary>
/// Correlated probabilities through a Gaussian copula: independent standard normals times the lower Cholesky factor
/// of the correlation matrix are correlated normals; their CDF gives probabilities in (0, 1) with that (rank-like)
/// correlation, which each marginal then inverts (<see cref="Distribution.Quantile"/>).
/// </summary>
public sealed class GaussianCopula
{
    // Keeps an inverse CDF finite: a probability of exactly 0 or 1 has no quantile for unbounded marginals.
    private const double Clamp = 1e-12;

    private readonly double[,] _lower;

    /// <summary>A copula of the symmetric correlation matrix <paramref name="correlation"/> (ones on the diagonal).</summary>
    /// <exception cref="ArgumentException">The matrix is not positive definite.</exception>
    public GaussianCopula(double[,] correlation)
    {
        _lower = Cholesky(correlation);
    }

    /// <summary>Variables (rows of the matrix).</summary>
    public int Dimension => _lower.GetLength(0);

    /// <summary>
    /// Fills <paramref name="probabilities"/> (one per variable) from <paramref name="random"/>: one standard normal
    /// per variable in order, then the correlated probabilities.
    /// </summary>
    public void Sample(RandomStream random, Span<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(random);
        var n = Dimension;
        if (probabilities.Length != n) throw new ArgumentException($"needs {n} probabilities", nameof(probabilities));
        Span<double> z = n <= 64 ? stackalloc double[n] : new double[n];
        for (var i = 0; i < n; i++) z[i] = random.NextStandardNormal();
        for (var i = 0; i < n; i++)
        {
            double correlated = 0;
            for (var j = 0; j <= i; j++) correlated += _lower[i, j] * z[j];
            probabilities[i] = Math.Clamp(StandardNormal.Cdf(correlated), Clamp, 1 - Clamp);
        }
    }

    /// <summary>Lower Cholesky factor; throws <see cref="ArgumentException"/> when the matrix is not positive definite.</summary>
    public static double[,] Cholesky(double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.GetLength(0);
        var lower = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = matrix[i, j];
                for (var k = 0; k < j; k++) sum -= lower[i, k] * lower[j, k];
                if (i == j)
                {
                    if (sum <= 1e-12) throw new ArgumentException("the correlations are inconsistent (the matrix is not positive definite)", nameof(matrix));
                    lower[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    lower[i, j] = sum / lower[j, j];
                }
            }
        }

        return lower;
    }
}
