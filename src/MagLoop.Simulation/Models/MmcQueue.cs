namespace MagLoop.Simulation.Models;

/// <summary>Outcome of an M/M/c run.</summary>
/// <param name="Events">Events processed.</param>
/// <param name="Customers">Customers served.</param>
/// <param name="MeanWaitTime">Mean wait in the queue before service, in the time unit of the rates.</param>
/// <param name="WaitStandardError">Standard error of <paramref name="MeanWaitTime"/> by 20 batch means (the waits are correlated).</param>
/// <param name="ServerUtilization">Busy servers over servers, averaged to the last departure.</param>
public readonly record struct MmcResult(long Events, long Customers, double MeanWaitTime, double WaitStandardError, double ServerUtilization);

/// <summary>
/// M/M/c: Poisson arrivals at rate λ, c servers, exponential service at rate μ, first come first served, N
/// customers each a process of its own (so the run also measures process creation). Rates are per unit of the
/// simulator's clock.
/// </summary>
public static class MmcQueue
{
    private const int Batches = 20;

    /// <summary>Serves <paramref name="customers"/> customers.</summary>
    public static MmcResult Run(int servers, double arrivalRate, double serviceRate, int customers, long seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(servers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        if (!(arrivalRate > 0) || !(serviceRate > 0)) throw new ArgumentOutOfRangeException(nameof(arrivalRate), "rates must be > 0");
        var sim = new Simulator();
        var desk = new Resource(sim, servers, "servers");
        var arrivals = RandomStream.For(seed, "arrivals");
        var service = RandomStream.For(seed, "service");
        var waits = new double[customers];
        var served = 0;

        IEnumerable<Wait> Customer(int index)
        {
            var arrivedH = sim.NowH;
            var request = desk.Request();
            yield return request;
            waits[index] = sim.NowH - arrivedH;
            yield return Wait.For(service.NextExponential(1 / serviceRate));
            desk.Release(request);
            served++;
        }

        IEnumerable<Wait> Source()
        {
            for (var i = 0; i < customers; i++)
            {
                yield return Wait.For(arrivals.NextExponential(1 / arrivalRate));
                sim.Start(Customer(i));
            }
        }

        sim.Start(Source());
        sim.Run();
        var all = new Tally();
        var batchMeans = new Tally();
        var perBatch = customers / Batches;
        for (var b = 0; b < Batches && perBatch > 0; b++)
        {
            var sum = 0.0;
            for (var i = b * perBatch; i < (b + 1) * perBatch; i++) sum += waits[i];
            batchMeans.Add(sum / perBatch);
        }

        foreach (var w in waits) all.Add(w);
        var standardError = perBatch > 0 ? Math.Sqrt(batchMeans.Variance / Batches) : double.NaN;
        return new MmcResult(sim.EventsProcessed, served, all.Mean, standardError, desk.Busy.Mean / servers);
    }

    /// <summary>Exact mean wait in queue of M/M/c (Erlang C): C(c, a) / (cμ − λ) with a = λ/μ; requires λ &lt; cμ.</summary>
    public static double ErlangCMeanWait(int servers, double arrivalRate, double serviceRate)
    {
        var a = arrivalRate / serviceRate;
        var rho = a / servers;
        if (rho >= 1) throw new ArgumentOutOfRangeException(nameof(arrivalRate), "unstable: λ >= cμ");
        // Erlang B by its stable recursion, then C = B / (1 - ρ(1 - B)).
        var b = 1.0;
        for (var k = 1; k <= servers; k++) b = a * b / (k + a * b);
        var c = b / (1 - rho * (1 - b));
        return c / (servers * serviceRate - arrivalRate);
    }
}
