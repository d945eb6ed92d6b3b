namespace MagLoop.Simulation.Tests;

public sealed class KernelTests
{
    private static IEnumerable<Wait> Log(Simulator sim, List<string> log, string name, params double[] delays)
    {
        foreach (var d in delays)
        {
            yield return Wait.For(d);
            log.Add($"{name}@{sim.NowH}");
        }
    }

    [Fact]
    public void Events_fire_in_time_order()
    {
        var sim = new Simulator();
        var log = new List<string>();
        sim.Start(Log(sim, log, "a", 3, 4));
        sim.Start(Log(sim, log, "b", 1, 1, 10));
        sim.Run();
        Assert.Equal(["b@1", "b@2", "a@3", "a@7", "b@12"], log);
        Assert.Equal(12, sim.NowH);
    }

    [Fact]
    public void Ties_are_broken_by_scheduling_order()
    {
        var sim = new Simulator();
        var log = new List<string>();
        for (var i = 0; i < 50; i++) sim.Start(Log(sim, log, $"p{i}", 5));
        sim.Run();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"p{i}@5"), log);
    }

    [Fact]
    public void Zero_delays_and_heap_entries_at_the_same_time_keep_scheduling_order()
    {
        var sim = new Simulator();
        var log = new List<string>();
        IEnumerable<Wait> First()
        {
            yield return Wait.For(2);
            log.Add("first");
            yield return Wait.For(0);
            log.Add("first-again");
        }

        sim.Start(First());
        sim.Start(Log(sim, log, "second", 2));
        sim.Run();
        Assert.Equal(["first", "second@2", "first-again"], log);
    }

    [Fact]
    public void Run_until_stops_the_clock_there_and_leaves_later_entries()
    {
        var sim = new Simulator();
        var log = new List<string>();
        sim.Start(Log(sim, log, "a", 5, 5));
        sim.Run(7);
        Assert.Equal(["a@5"], log);
        Assert.Equal(7, sim.NowH);
        sim.Run();
        Assert.Equal(["a@5", "a@10"], log);
    }

    [Fact]
    public void A_negative_delay_is_refused()
    {
        var sim = new Simulator();
        sim.Start(Log(sim, [], "a", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Run());
    }

    [Fact]
    public void A_process_waits_for_an_event_and_receives_its_value()
    {
        var sim = new Simulator();
        var signal = sim.NewEvent();
        object? got = null;
        double at = -1;
        IEnumerable<Wait> Waiter()
        {
            yield return signal;
            got = signal.Value;
            at = sim.NowH;
        }

        IEnumerable<Wait> Signaller()
        {
            yield return Wait.For(4);
            signal.Succeed("go");
        }

        sim.Start(Waiter());
        sim.Start(Signaller());
        sim.Run();
        Assert.Equal("go", got);
        Assert.Equal(4, at);
    }

    [Fact]
    public void A_process_is_an_event_that_fires_when_it_ends()
    {
        var sim = new Simulator();
        var child = sim.Start(Log(sim, [], "child", 3));
        double joined = -1;
        IEnumerable<Wait> Parent()
        {
            yield return child;
            joined = sim.NowH;
        }

        sim.Start(Parent());
        sim.Run();
        Assert.Equal(3, joined);
        Assert.False(child.IsAlive);
    }

    [Fact]
    public void AllOf_waits_for_every_event_and_AnyOf_for_the_first()
    {
        var sim = new Simulator();
        double all = -1, any = -1;
        IEnumerable<Wait> Body()
        {
            var a = sim.Timeout(2);
            var b = sim.Timeout(5);
            yield return sim.AnyOf(a, b);
            any = sim.NowH;
            Assert.True(a.IsProcessed);
            Assert.False(b.IsProcessed);
            yield return sim.AllOf(a, b, sim.Timeout(1));
            all = sim.NowH;
        }

        sim.Start(Body());
        sim.Run();
        Assert.Equal(2, any);
        Assert.Equal(5, all);
    }

    [Fact]
    public void An_interrupt_runs_the_handler_then_resumes_the_remaining_delay()
    {
        var sim = new Simulator();
        var log = new List<string>();
        IEnumerable<Wait> Work()
        {
            yield return Wait.For(10);
            log.Add($"done@{sim.NowH}");
        }

        IEnumerable<Wait> Handler(Interrupt i)
        {
            log.Add($"interrupted@{sim.NowH} by {i.Cause} with {i.RemainingH} h left");
            yield return Wait.For(3);
        }

        var worker = sim.Start(Work(), Handler);
        IEnumerable<Wait> Breaker()
        {
            yield return Wait.For(4);
            worker.Interrupt("failure");
        }

        sim.Start(Breaker());
        sim.Run();
        Assert.Equal(["interrupted@4 by failure with 6 h left", "done@13"], log);
    }

    [Fact]
    public void An_interrupt_handler_can_continue_past_or_stop_the_body()
    {
        var sim = new Simulator();
        var log = new List<string>();
        IEnumerable<Wait> Work(string name)
        {
            yield return Wait.For(10);
            log.Add($"{name} after wait @{sim.NowH}");
        }

        var continuing = sim.Start(Work("continue"), i => Then(i, InterruptOutcome.Continue));
        var stopping = sim.Start(Work("stop"), i => Then(i, InterruptOutcome.Stop));
        static IEnumerable<Wait> Then(Interrupt i, InterruptOutcome outcome)
        {
            i.Then = outcome;
            yield return Wait.For(1);
        }

        IEnumerable<Wait> Breaker()
        {
            yield return Wait.For(2);
            continuing.Interrupt();
            stopping.Interrupt();
        }

        sim.Start(Breaker());
        sim.Run();
        Assert.Equal(["continue after wait @3"], log);
        Assert.False(stopping.IsAlive);
    }

    [Fact]
    public void An_interrupt_during_a_handler_nests_and_each_level_resumes_its_own_wait()
    {
        var sim = new Simulator();
        var log = new List<string>();
        IEnumerable<Wait> Work()
        {
            yield return Wait.For(10);
            log.Add($"work done@{sim.NowH}");
        }

        IEnumerable<Wait> Handler(Interrupt i)
        {
            log.Add($"{i.Cause}@{sim.NowH}, {i.RemainingH} h left");
            yield return Wait.For(4);
            log.Add($"{i.Cause} handled@{sim.NowH}");
        }

        var worker = sim.Start(Work(), Handler);
        IEnumerable<Wait> Driver()
        {
            yield return Wait.For(2);
            worker.Interrupt("first");
            yield return Wait.For(1);
            worker.Interrupt("second");
        }

        sim.Start(Driver());
        sim.Run();
        // first at 2 (8 h of work left); second at 3 (3 h of the first handler left); second's handler ends at 7,
        // the first's at 10, the work at 18.
        Assert.Equal(["first@2, 8 h left", "second@3, 3 h left", "second handled@7", "first handled@10", "work done@18"], log);
    }

    [Fact]
    public void Two_interrupts_at_the_same_time_are_delivered_in_order()
    {
        var sim = new Simulator();
        var causes = new List<object?>();
        IEnumerable<Wait> Handler(Interrupt i)
        {
            causes.Add(i.Cause);
            yield break;
        }

        var worker = sim.Start(Log(sim, [], "w", 10), Handler);
        IEnumerable<Wait> Driver()
        {
            yield return Wait.For(1);
            worker.Interrupt(1);
            worker.Interrupt(2);
        }

        sim.Start(Driver());
        sim.Run();
        Assert.Equal([1, 2], causes);
        Assert.Equal(10, sim.NowH);
    }

    [Fact]
    public void A_condition_over_events_already_processed_triggers_at_once()
    {
        var sim = new Simulator();
        var done = sim.NewEvent();
        done.Succeed();
        double at = -1;
        IEnumerable<Wait> Body()
        {
            yield return Wait.For(1);
            yield return sim.AllOf(done);
            at = sim.NowH;
        }

        sim.Start(Body());
        sim.Run();
        Assert.Equal(1, at);
    }

    [Fact]
    public void Interrupting_a_process_without_a_handler_is_refused()
    {
        var sim = new Simulator();
        var p = sim.Start(Log(sim, [], "a", 5));
        Assert.Throws<InvalidOperationException>(() => p.Interrupt());
    }

    [Fact]
    public void An_interrupt_while_waiting_for_an_event_resumes_waiting_for_it()
    {
        var sim = new Simulator();
        var signal = sim.NewEvent();
        var log = new List<string>();
        IEnumerable<Wait> Waiter()
        {
            yield return signal;
            log.Add($"signal@{sim.NowH}");
        }

        IEnumerable<Wait> Handler(Interrupt i)
        {
            log.Add($"interrupted@{sim.NowH}, waited for the signal: {ReferenceEquals(i.InterruptedEvent, signal)}");
            yield break;
        }

        var waiter = sim.Start(Waiter(), Handler);
        IEnumerable<Wait> Driver()
        {
            yield return Wait.For(1);
            waiter.Interrupt();
            yield return Wait.For(1);
            signal.Succeed();
        }

        sim.Start(Driver());
        sim.Run();
        Assert.Equal(["interrupted@1, waited for the signal: True", "signal@2"], log);
    }

    [Fact]
    public void Passivate_waits_until_activated()
    {
        var sim = new Simulator();
        double woke = -1;
        IEnumerable<Wait> Sleeper()
        {
            yield return Wait.Passivate;
            woke = sim.NowH;
        }

        var sleeper = sim.Start(Sleeper());
        IEnumerable<Wait> Waker()
        {
            yield return Wait.For(8);
            Assert.True(sleeper.IsPassive);
            sleeper.Activate();
        }

        sim.Start(Waker());
        sim.Run();
        Assert.Equal(8, woke);
    }
}

public sealed class AllocationTests
{
    private static IEnumerable<Wait> Sleeper(RandomStream random, int waits)
    {
        for (var i = 0; i < waits; i++) yield return Wait.For(random.NextDouble());
    }

    private static IEnumerable<Wait> User(Resource resource, int turns)
    {
        for (var i = 0; i < turns; i++)
        {
            var request = resource.Request();
            yield return request;
            yield return Wait.For(1);
            resource.Release(request);
        }
    }

    [Fact]
    public void Delays_and_resource_turns_allocate_nothing_per_event()
    {
        static long Allocated(int scale)
        {
            var sim = new Simulator();
            var random = new RandomStream(1);
            var resource = new Resource(sim, 1);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var p = 0; p < 50; p++) sim.Start(Sleeper(random, 100 * scale));
            sim.Start(User(resource, 100 * scale));
            sim.Start(User(resource, 100 * scale));
            sim.Run();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Allocated(1);
        // Ten times the events must not cost more allocation than the fixed set-up (processes, heap growth).
        var small = Allocated(1);
        var large = Allocated(10);
        Assert.InRange(large - small, long.MinValue, 64 * 1024);
    }
}
