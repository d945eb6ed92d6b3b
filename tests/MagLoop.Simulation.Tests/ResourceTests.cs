namespace MagLoop.Simulation.Tests;

public sealed class ResourceTests
{
    [Fact]
    public void A_resource_serves_by_priority_then_arrival()
    {
        var sim = new Simulator();
        var res = new Resource(sim, 1);
        var order = new List<string>();
        IEnumerable<Wait> User(string name, double arriveH, int priority)
        {
            yield return Wait.For(arriveH);
            var r = res.Request(priority);
            yield return r;
            order.Add(name);
            yield return Wait.For(10);
            res.Release(r);
        }

        sim.Start(User("holder", 0, 5));
        sim.Start(User("low-early", 1, 3));
        sim.Start(User("high", 2, 1));
        sim.Start(User("low-late", 3, 3));
        sim.Run();
        Assert.Equal(["holder", "high", "low-early", "low-late"], order);
        Assert.Equal(40, sim.NowH);
        Assert.Equal(1.0, res.Busy.Mean, 12);
    }

    [Fact]
    public void Capacity_lets_that_many_users_in_at_once()
    {
        var sim = new Simulator();
        var res = new Resource(sim, 2);
        var starts = new List<double>();
        IEnumerable<Wait> User()
        {
            var r = res.Request();
            yield return r;
            starts.Add(sim.NowH);
            yield return Wait.For(5);
            res.Release(r);
        }

        for (var i = 0; i < 5; i++) sim.Start(User());
        sim.Run();
        Assert.Equal([0, 0, 5, 5, 10], starts);
    }

    [Fact]
    public void A_preempting_request_takes_the_unit_and_interrupts_the_user()
    {
        var sim = new Simulator();
        var res = new Resource(sim, 1);
        var log = new List<string>();
        Request? jobRequest = null;
        IEnumerable<Wait> Job()
        {
            jobRequest = res.Request(priority: 2);
            yield return jobRequest;
            yield return Wait.For(10);
            res.Release(jobRequest);
            log.Add($"job done@{sim.NowH}");
        }

        IEnumerable<Wait> Preempted(Interrupt i)
        {
            var cause = Assert.IsType<Preempted>(i.Cause);
            log.Add($"preempted@{sim.NowH} (held since {cause.UsageSinceH}), {i.RemainingH} h left");
            res.Release(jobRequest!);
            jobRequest = res.Request(priority: 2);
            yield return jobRequest;
        }

        IEnumerable<Wait> Urgent()
        {
            yield return Wait.For(4);
            var r = res.Request(priority: 1, preempt: true);
            yield return r;
            log.Add($"urgent starts@{sim.NowH}");
            yield return Wait.For(3);
            res.Release(r);
        }

        sim.Start(Job(), Preempted);
        sim.Start(Urgent());
        sim.Run();
        Assert.Equal(["urgent starts@4", "preempted@4 (held since 0), 6 h left", "job done@13"], log);
    }

    [Fact]
    public void A_request_of_equal_priority_does_not_preempt()
    {
        var sim = new Simulator();
        var res = new Resource(sim, 1);
        double second = -1;
        IEnumerable<Wait> First()
        {
            var r = res.Request(1);
            yield return r;
            yield return Wait.For(10);
            res.Release(r);
        }

        IEnumerable<Wait> Second()
        {
            yield return Wait.For(1);
            var r = res.Request(1, preempt: true);
            yield return r;
            second = sim.NowH;
            res.Release(r);
        }

        sim.Start(First());
        sim.Start(Second());
        sim.Run();
        Assert.Equal(10, second);
    }

    [Fact]
    public void A_container_holds_kilograms_and_blocks_getters_until_enough_arrives()
    {
        var sim = new Simulator();
        var silo = new Container(sim, capacityKg: 1000, initialKg: 100);
        var log = new List<string>();
        IEnumerable<Wait> Consumer()
        {
            yield return silo.Get(250);
            log.Add($"got 250@{sim.NowH}");
        }

        IEnumerable<Wait> Producer()
        {
            yield return Wait.For(2);
            yield return silo.Put(100);
            yield return Wait.For(2);
            yield return silo.Put(100);
            log.Add($"level {silo.LevelKg}@{sim.NowH}");
        }

        sim.Start(Consumer());
        sim.Start(Producer());
        sim.Run();
        // Both complete at 4 h; the put was triggered first, so its process resumes first.
        Assert.Equal(["level 50@4", "got 250@4"], log);
        // 100 kg for 2 h, then 200 kg for 2 h: 600 kg·h over 4 h.
        Assert.Equal(150, silo.Level.Mean, 9);
    }

    [Fact]
    public void A_full_container_blocks_putters_and_overflow_returns_what_does_not_fit()
    {
        var sim = new Simulator();
        var silo = new Container(sim, capacityKg: 100, initialKg: 80);
        double putDone = -1;
        IEnumerable<Wait> Producer()
        {
            yield return silo.Put(50);
            putDone = sim.NowH;
        }

        IEnumerable<Wait> Consumer()
        {
            yield return Wait.For(3);
            yield return silo.Get(40);
        }

        sim.Start(Producer());
        sim.Start(Consumer());
        sim.Run();
        Assert.Equal(3, putDone);
        Assert.Equal(90, silo.LevelKg, 9);
        Assert.Equal(80, silo.PutOrOverflow(90), 9);
        Assert.Equal(100, silo.LevelKg, 9);
    }

    [Fact]
    public void A_store_hands_out_items_first_in_first_out()
    {
        var sim = new Simulator();
        var store = new Store<string>(sim, capacity: 2);
        var got = new List<string>();
        IEnumerable<Wait> Producer()
        {
            foreach (var lot in new[] { "lot1", "lot2", "lot3" }) yield return store.Put(lot);
        }

        IEnumerable<Wait> Consumer()
        {
            for (var i = 0; i < 3; i++)
            {
                yield return Wait.For(1);
                var e = store.Get();
                yield return e;
                got.Add((string)e.Value!);
            }
        }

        sim.Start(Producer());
        sim.Start(Consumer());
        sim.Run();
        Assert.Equal(["lot1", "lot2", "lot3"], got);
    }
}
