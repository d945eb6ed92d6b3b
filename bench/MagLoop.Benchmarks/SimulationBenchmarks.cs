using BenchmarkDotNet.Attributes;
using MagLoop.Numerics;
using MagLoop.Simulation;
using MagLoop.Simulation.Models;

namespace MagLoop.Benchmarks;

/// <summary>
/// The discrete-event kernel's hot paths: scheduling delays, creating and ending processes, seizing and releasing
/// a resource; and the machine shop end to end. Each benchmark reports per operation (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class SimulationBenchmarks
{
    private const int Operations = 100_000;

    /// <summary>100 processes, each waiting 1,000 random delays: one heap push and pop per event.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long Event_scheduling()
    {
        var sim = new Simulator();
        var random = new RandomStream(1);
        static IEnumerable<Wait> Sleeper(RandomStream random)
        {
            for (var i = 0; i < Operations / 100; i++) yield return Wait.For(random.NextDouble());
        }

        for (var p = 0; p < 100; p++) sim.Start(Sleeper(random));
        sim.Run();
        return sim.EventsProcessed;
    }

    /// <summary>Processes started, each waiting once and ending (its end is an event too).</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long Process_creation_and_destruction()
    {
        var sim = new Simulator();
        static IEnumerable<Wait> Once()
        {
            yield return Wait.For(1);
        }

        IEnumerable<Wait> Spawner()
        {
            for (var i = 0; i < Operations; i++)
            {
                sim.Start(Once());
                yield return Wait.For(0.01);
            }
        }

        sim.Start(Spawner());
        sim.Run();
        return sim.EventsProcessed;
    }

    /// <summary>Two processes taking turns on a one-unit resource: request, grant, hold, release (requests are pooled).</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long Resource_seize_and_release()
    {
        var sim = new Simulator();
        var resource = new Resource(sim, 1);
        static IEnumerable<Wait> User(Resource resource)
        {
            for (var i = 0; i < Operations / 2; i++)
            {
                var request = resource.Request();
                yield return request;
                yield return Wait.For(1);
                resource.Release(request);
            }
        }

        sim.Start(User(resource));
        sim.Start(User(resource));
        sim.Run();
        return sim.EventsProcessed;
    }

    /// <summary>The machine shop for one year (about 516,000 events).</summary>
    [Benchmark]
    public long Machine_shop_one_year() => MachineShop.Run(1, seed: 42).Events;
}
