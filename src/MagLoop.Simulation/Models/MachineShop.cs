namespace MagLoop.Simulation.Models;

/// <summary>Outcome of a machine-shop run.</summary>
/// <param name="Events">Events processed (see <see cref="Simulator"/>).</param>
/// <param name="PartsMade">Parts finished by all machines.</param>
/// <param name="Breakdowns">Breakdowns repaired or under repair.</param>
/// <param name="SimulatedHours">Simulated time, hours.</param>
public readonly record struct MachineShopResult(long Events, long PartsMade, long Breakdowns, double SimulatedHours);

/// <summary>
/// The classic machine-shop benchmark (as in the SimPy and SimSharp examples), written for this kernel: machines
/// make parts taking Normal(10, 2) minutes; each breaks down after Exponential(mean 300) minutes of running; one
/// repairman repairs in 30 minutes and, when idle, does unimportant 30-minute jobs that a repair preempts. The
/// clock is in hours. The interrupted part resumes for its remaining time once repaired; the preempted job
/// queues again and resumes likewise, both by the interrupt handler's default <see cref="InterruptOutcome.Resume"/>.
/// </summary>
public static class MachineShop
{
    private const double MinutesPerHour = 60;
    private const double HoursPerYear = 8760;

    /// <summary>Runs <paramref name="machines"/> machines for <paramref name="years"/> years (365 days).</summary>
    public static MachineShopResult Run(double years, long seed = 42, int machines = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(machines, 1);
        if (!(years > 0)) throw new ArgumentOutOfRangeException(nameof(years), "years must be > 0");
        var sim = new Simulator();
        var repairman = new Resource(sim, 1, "repairman");
        var shop = new Machine[machines];
        for (var i = 0; i < machines; i++) shop[i] = new Machine(sim, repairman, RandomStream.For(seed, i));
        var jobs = new OtherJobs(repairman);
        sim.Start(jobs.Run(), jobs.OnPreempted, "other jobs");
        sim.Run(years * HoursPerYear);
        long parts = 0, breakdowns = 0;
        foreach (var m in shop)
        {
            parts += m.PartsMade;
            breakdowns += m.Breakdowns;
        }

        return new MachineShopResult(sim.EventsProcessed, parts, breakdowns, sim.NowH);
    }

    private sealed class Machine
    {
        private const double PartMeanH = 10 / MinutesPerHour;
        private const double PartSigmaH = 2 / MinutesPerHour;
        private const double FailureMeanH = 300 / MinutesPerHour;
        private const double RepairH = 30 / MinutesPerHour;
        private readonly Resource _repairman;
        private readonly RandomStream _random;
        private readonly Process _failures;

        public Machine(Simulator sim, Resource repairman, RandomStream random)
        {
            _repairman = repairman;
            _random = random;
            var work = sim.Start(Work(), Repair, "machine");
            _failures = sim.Start(Failures(work), name: "failures");
        }

        public long PartsMade { get; private set; }

        public long Breakdowns { get; private set; }

        private IEnumerable<Wait> Work()
        {
            while (true)
            {
                var partH = PartMeanH + PartSigmaH * _random.NextStandardNormal();
                yield return Wait.For(partH > 0 ? partH : 0);
                PartsMade++;
            }
        }

        // Running time to failure: the failure clock waits (passive) while the machine is broken.
        private IEnumerable<Wait> Failures(Process work)
        {
            while (true)
            {
                yield return Wait.For(_random.NextExponential(FailureMeanH));
                work.Interrupt();
                yield return Wait.Passivate;
            }
        }

        private IEnumerable<Wait> Repair(Interrupt interrupt)
        {
            Breakdowns++;
            var request = _repairman.Request(priority: 1, preempt: true);
            yield return request;
            yield return Wait.For(RepairH);
            _repairman.Release(request);
            _failures.Activate();
        }
    }

    private sealed class OtherJobs(Resource repairman)
    {
        private const double JobH = 30 / MinutesPerHour;
        private Request? _request;

        public IEnumerable<Wait> Run()
        {
            while (true)
            {
                _request = repairman.Request(priority: 2);
                yield return _request;
                yield return Wait.For(JobH);
                repairman.Release(_request);
            }
        }

        public IEnumerable<Wait> OnPreempted(Interrupt interrupt)
        {
            // Preempted before the grant was processed: the job has not started, so go on to it in full.
            if (interrupt.InterruptedEvent is not null) interrupt.Then = InterruptOutcome.Continue;
            repairman.Release(_request!);
            _request = repairman.Request(priority: 2);
            yield return _request;
        }
    }
}
