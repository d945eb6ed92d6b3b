using System.Diagnostics;
using System.Globalization;
using MagLoop.Process;
using MagLoop.Simulation;

namespace MagLoop.Plants;

/// <summary>How the plant simulation is run beyond the definition's simulation settings.</summary>
public sealed record PlantSimulationOptions
{
    /// <summary>Years at full rate; null takes the definition's.</summary>
    public int? Years { get; init; }

    /// <summary>Replications; null takes the definition's.</summary>
    public int? Replications { get; init; }

    /// <summary>Seed of the run; replication r uses streams derived from (seed, r), so results do not depend on threads.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Random breakdowns and the stations' planned maintenance. When false, every station instead stops for its
    /// (1 − availability) of every week, the availability its flowsheet capacity assumes, so the model reproduces
    /// the flowsheet's capacity.
    /// </summary>
    public bool Breakdowns { get; init; } = true;

    /// <summary>Every duration at its mean (no transit-time or processing-time variation).</summary>
    public bool Deterministic { get; init; }

    /// <summary>An endless concentrate store instead of trucks from the spokes.</summary>
    public bool UnlimitedFeed { get; init; }

    /// <summary>Receives one step per finished replication; may be null.</summary>
    public IProgress<ReplicationProgress>? Progress { get; init; }
}

/// <summary>
/// The discrete-event model of a hub-and-spoke HPMS plant, built from the same <see cref="PlantDefinition"/> and
/// solved flowsheet as the steady-state study: one stage per station of the definition, in line order (the
/// receiving dock is the trucks' calendar; degassing runs inside the HPMS stage): spokes truck concentrate to the
/// hub; HPMS vessels run batches through their phases;
/// powder goes to the silo (overflow sold as surplus powder); jet mills and presses run lots at their rates;
/// sintering and heat-treatment furnaces run long batches; machining, coating and inspection follow on their
/// shifts. Each station's mass yields are those of the flowsheet solution, so masses agree with the balance.
/// </summary>
public static class PlantSimulation
{
    private const double HoursPerYear = 8760;
    private const double HoursPerWeek = 168;

    /// <summary>Relative difference between simulated and flowsheet output above which the study warns.</summary>
    public const double OutputTolerance = 0.05;

    /// <summary>Runs the replications in parallel and summarises them with 95 % intervals.</summary>
    public static PlantSimulationResult Run(PlantDefinition plant, FlowsheetSolution solution, PlantSimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(solution);
        options ??= new PlantSimulationOptions();
        var section = plant.Simulation;
        var design = Design.From(plant, solution, options);
        var replications = options.Replications ?? section.Replications;
        if (replications < 1) throw new ArgumentOutOfRangeException(nameof(options), "at least one replication");
        var years = options.Years ?? section.Years;
        if (years < 1) throw new ArgumentOutOfRangeException(nameof(options), "at least one year");
        var runs = new ReplicationResult[replications];
        var done = 0;
        var stopwatch = Stopwatch.StartNew();
        Parallel.For(0, replications, r =>
        {
            runs[r] = new PlantModel(design, years, RandomStream.Derive(options.Seed, $"replication {r}")).Run();
            options.Progress?.Report(new ReplicationProgress(Interlocked.Increment(ref done), replications));
        });
        return Summarise(design, runs, years, options.Seed, stopwatch.Elapsed.TotalSeconds);
    }

    /// <summary>Simulated output further than <see cref="OutputTolerance"/> from the flowsheet's, one sentence per product, naming the bottleneck.</summary>
    public static IReadOnlyList<string> Discrepancies(PlantSimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. new[] { ("magnets", result.MagnetTonnesPerYear.Mean, result.FlowsheetMagnetTonnesPerYear), ("co-products", result.CoProductTonnesPerYear.Mean, result.FlowsheetCoProductTonnesPerYear) }
            .Where(p => p.Item3 > 0 && Math.Abs(p.Item2 / p.Item3 - 1) > OutputTolerance)
            .Select(p => string.Create(CultureInfo.InvariantCulture,
                $"the simulation makes {p.Item2:N1} t/yr of {p.Item1}, {Math.Abs(p.Item2 / p.Item3 - 1):P1} {(p.Item2 < p.Item3 ? "below" : "above")} the flowsheet's {p.Item3:N1} t/yr (tolerance {OutputTolerance:P0}); bottleneck: {result.Bottleneck}"))];
    }

    private static PlantSimulationResult Summarise(Design design, ReplicationResult[] runs, int years, int seed, double seconds)
    {
        var rampYears = design.RampUp.Count;
        var byYear = Enumerable.Range(0, rampYears + years).Select(y => new SimulatedYear(
            y + 1,
            y < rampYears ? design.RampUp[y] : 1.0,
            ReplicationEstimate.Of(runs.Select(r => r.MagnetKgByYear[y] / 1000).ToList()),
            ReplicationEstimate.Of(runs.Select(r => r.CoProductKgByYear[y] / 1000).ToList()))).ToList();
        double FullRate(double[] kgByYear) => kgByYear.Skip(rampYears).Average() / 1000;
        var stations = design.Stages.Select((s, i) => new StationResult(
            s.Id, s.Name, s.Units,
            runs.Average(r => r.Stations[i].Busy), runs.Average(r => r.Stations[i].Starved), runs.Average(r => r.Stations[i].Blocked),
            runs.Average(r => r.Stations[i].Down), runs.Average(r => r.Stations[i].OffShift),
            runs.Average(r => r.Stations[i].Breakdowns) / (rampYears + years))).ToList();
        // The bottleneck is the station least often starved or blocked while its area works (active-period method).
        var bottleneck = stations.OrderByDescending(s => (s.Busy + s.Down) / Math.Max(1e-12, 1 - s.OffShift)).First().Name;
        return new PlantSimulationResult(
            Replications: runs.Length,
            Years: years,
            RampUpYears: rampYears,
            Seed: seed,
            MagnetTonnesPerYear: ReplicationEstimate.Of(runs.Select(r => FullRate(r.MagnetKgByYear)).ToList()),
            CoProductTonnesPerYear: ReplicationEstimate.Of(runs.Select(r => FullRate(r.CoProductKgByYear)).ToList()),
            FlowsheetMagnetTonnesPerYear: design.FlowsheetMagnetTonnesPerYear,
            FlowsheetCoProductTonnesPerYear: design.FlowsheetCoProductTonnesPerYear,
            Utilization: stations.ToDictionary(s => s.Id, s => s.Busy),
            Bottleneck: bottleneck,
            Stations: stations,
            WipTonnes: ReplicationEstimate.Of(runs.Select(r => r.WipKg / 1000).ToList()),
            LeadTimeDays: ReplicationEstimate.Of(runs.Select(r => r.LeadTimeDays).ToList()),
            ConcentrateStockTonnes: ReplicationEstimate.Of(runs.Select(r => r.ConcentrateStockKg / 1000).ToList()),
            ByYear: byYear,
            EventsPerReplication: (long)runs.Average(r => r.Events),
            WallClockSeconds: seconds);
    }

    private enum UnitState
    {
        Busy,
        Starved,
        Blocked,
        Down,
        OffShift,
    }

    // Everything a replication needs, computed once from the plant and its solution.
    private sealed record Design(
        IReadOnlyList<StageDesign> Stages,
        IReadOnlyList<Shipper> Shippers,
        IReadOnlyList<double> RampUp,
        double WarmUpH,
        SimulationSettings Settings,
        bool Deterministic,
        bool UnlimitedFeed,
        double FlowsheetMagnetTonnesPerYear,
        double FlowsheetCoProductTonnesPerYear)
    {
        public static Design From(PlantDefinition plant, FlowsheetSolution solution, PlantSimulationOptions options)
        {
            var flowsheet = solution.Flowsheet;
            double Flow(StreamId stream) => solution.Stream(stream).TotalKgPerYear;
            double Intake(UnitId unit) => solution.Intake(unit).TotalKgPerYear;
            var nominal = !options.Breakdowns;
            var stages = plant.Stations.Where(s => s.Kind is not (StationKind.Receiving or StationKind.Degassing)).Select(Stage).ToList();

            var shippers = new List<Shipper>();
            foreach (var group in plant.Feeds.GroupBy(f => f.Site))
            {
                var kgPerYear = group.Sum(f => solution.StreamOrNothing(StreamId.ConcentrateToHub(f.Id)).TotalKgPerYear);
                if (kgPerYear <= 0) continue;
                shippers.Add(new Shipper(group.Key, kgPerYear, Lane.ToHub(plant, group.Key).DistanceKm));
            }

            var settings = plant.Simulation;
            return new Design(stages, shippers, settings.RampUp, settings.WarmUpDays * 24, settings, options.Deterministic, options.UnlimitedFeed,
                solution.Outlet(OutletKind.Magnet).TotalTonnesPerYear, solution.Outlet(OutletKind.CoProduct).TotalTonnesPerYear);

            // Shares of a node's intake leaving as co-product or returning to HPMS, from the solved streams.
            double Share(string node, double intake, Func<FlowsheetEdge, bool> predicate) =>
                intake > 0 ? flowsheet.Edges.Where(e => e.From == node && predicate(e)).Sum(e => solution.Stream(e.Name).TotalKgPerYear) / intake : 0;

            // A station of the definition as a stage: its lot, phases and buffer, and the mass yields of the unit it serves.
            StageDesign Stage(StationDefinition station)
            {
                double[] phaseH = station.Throughput is BatchThroughput batch ? [.. batch.Phases.Select(p => p.Hours)] : [station.LotKg / station.Throughput.KgPerUnitHour];
                var availability = nominal ? station.Availability : (double?)null;
                if (station.Kind == StationKind.Hpms)
                {
                    // HPMS and degassing together feed the powder silo; the concentrate store in front is unlimited.
                    return new StageDesign(station.Id.Value, station.Name, station.Units, station.LotKg, phaseH, double.PositiveInfinity, 1.0,
                        Flow(StreamId.DegassedPowder) / Intake(UnitId.Hpms), CoProductYield: 0, ReturnYield: 0, station.Calendar, station.Reliability, availability)
                    { Breakdowns = !nominal };
                }

                // The jet mills take recycled powder from the silo for the recycled share of each lot of blend.
                var takeFraction = station.Kind == StationKind.JetMill ? (Flow(StreamId.DegassedPowder) - Flow(StreamId.SurplusPowder)) / Flow(StreamId.Blend) : 1.0;
                var node = station.Serves.Value;
                var intake = solution.Intake(node).TotalKgPerYear;
                var main = flowsheet.Edges.Single(e => e.From == node && e.FromPort == "out");
                return new StageDesign(station.Id.Value, station.Name, station.Units, station.LotKg, phaseH, station.BufferKg ?? double.PositiveInfinity, takeFraction,
                    solution.Stream(main.Name).TotalKgPerYear / intake,
                    Share(node, intake, e => e.Outlet == OutletKind.CoProduct && e != main),
                    Share(node, intake, e => e.To == UnitId.Hpms.Value),
                    station.Calendar, station.Reliability, availability)
                { Breakdowns = !nominal };
            }
        }
    }

    private sealed record StageDesign(
        string Id, string Name, int Units, double LotKg, double[] PhaseH, double BufferKg, double TakeFraction,
        double MainYield, double CoProductYield, double ReturnYield,
        WorkCalendar Calendar, Reliability Parameters, double? NominalAvailability)
    {
        // False in nominal runs: no random failures and no planned maintenance beyond the nominal weekly stop.
        public bool Breakdowns { get; init; } = true;
    }

    private sealed record Shipper(SiteId Site, double KgPerYear, double DistanceKm);

    private sealed record StationTimes(double Busy, double Starved, double Blocked, double Down, double OffShift, double Breakdowns);

    private sealed record ReplicationResult(
        double[] MagnetKgByYear, double[] CoProductKgByYear, IReadOnlyList<StationTimes> Stations, double WipKg, double LeadTimeDays,
        double ConcentrateStockKg, long Events);

    // One replication: the simulator, the buffers and the unit processes.
    private sealed class PlantModel
    {
        private readonly Design _design;
        private readonly Simulator _sim = new();
        private readonly ulong _seed;
        private readonly int _totalYears;
        private readonly double[] _magnetKg;
        private readonly double[] _coProductKg;
        private readonly Container _concentrate;
        private readonly Container[] _inputs;
        private readonly StageRuntime[] _stages;
        private readonly TimeWeighted _wip;
        private double _wipKg;
        private double _lineIntakeKg;

        public PlantModel(Design design, int years, ulong seed)
        {
            _design = design;
            _seed = seed;
            _totalYears = design.RampUp.Count + years;
            _magnetKg = new double[_totalYears];
            _coProductKg = new double[_totalYears];
            _wip = new TimeWeighted(_sim);
            _concentrate = design.UnlimitedFeed
                ? new Container(_sim, double.MaxValue, 1e15, "concentrate store")
                : new Container(_sim, name: "concentrate store");
            _inputs = new Container[design.Stages.Count];
            _inputs[0] = _concentrate;
            // The powder silo starts full, as in steady operation (its overflow is the surplus powder sold); the
            // other buffers start empty and fill during the warm-up.
            for (var i = 1; i < _inputs.Length; i++)
                _inputs[i] = new Container(_sim, design.Stages[i].BufferKg, i == 1 ? design.Stages[i].BufferKg : 0, design.Stages[i].Name);
            _stages = [.. design.Stages.Select((s, i) => new StageRuntime(this, s, i))];
        }

        public double MeasureStartH => _design.WarmUpH;

        public double NowH => _sim.NowH;

        public ReplicationResult Run()
        {
            foreach (var stage in _stages) stage.Start();
            if (!_design.UnlimitedFeed)
                foreach (var shipper in _design.Shippers) _sim.Start(Shipments(shipper));
            _sim.Start(ResetAfterWarmUp());
            var endH = MeasureStartH + _totalYears * HoursPerYear;
            _sim.Run(endH);
            var measured = endH - MeasureStartH;
            var stations = _stages.Select(s => s.Times(measured)).ToList();
            var wipKg = _wip.Mean;
            var leadTimeDays = _lineIntakeKg > 0 ? wipKg / (_lineIntakeKg / measured) / 24 : 0;
            var concentrateKg = _design.UnlimitedFeed ? 0 : _concentrate.Level.Mean;
            return new ReplicationResult(_magnetKg, _coProductKg, stations, wipKg, leadTimeDays, concentrateKg, _sim.EventsProcessed);
        }

        private IEnumerable<Wait> ResetAfterWarmUp()
        {
            yield return Wait.For(MeasureStartH);
            _wip.Reset();
            _concentrate.Level.Reset();
        }

        public RandomStream Stream(string name) => new(RandomStream.Derive(unchecked((long)_seed), name));

        public double RampFactor()
        {
            var year = (int)(Math.Max(0, NowH - MeasureStartH) / HoursPerYear);
            return year < _design.RampUp.Count ? _design.RampUp[year] : 1.0;
        }

        // Lognormal with the given mean and coefficient of variation; the mean itself in deterministic runs.
        public double Sample(RandomStream random, double mean, double cv)
        {
            if (_design.Deterministic || cv <= 0 || mean <= 0) return mean;
            var sigma = Math.Sqrt(Math.Log(1 + cv * cv));
            return mean * Math.Exp(sigma * random.NextStandardNormal() - sigma * sigma / 2);
        }

        public int StageCount => _design.Stages.Count;

        public void StartUnit(IEnumerable<Wait> body) => _sim.Start(body);

        public Container Input(int stage) => _inputs[stage];

        public Container Concentrate => _concentrate;

        public bool Deterministic => _design.Deterministic;

        public void ChangeWip(double deltaKg)
        {
            _wipKg = Math.Max(0, _wipKg + deltaKg);
            _wip.Update(_wipKg);
        }

        public void LineIntake(double kg)
        {
            if (NowH >= MeasureStartH) _lineIntakeKg += kg;
        }

        public void Magnets(double kg) => Credit(_magnetKg, kg);

        public void CoProduct(double kg) => Credit(_coProductKg, kg);

        private void Credit(double[] byYear, double kg)
        {
            if (NowH < MeasureStartH) return;
            var year = (int)((NowH - MeasureStartH) / HoursPerYear);
            if (year < byYear.Length) byYear[year] += kg;
        }

        // A spoke ships a truck whenever a payload has accumulated; the truck waits for the receiving dock.
        private IEnumerable<Wait> Shipments(Shipper shipper)
        {
            var random = Stream($"trucks {shipper.Site}");
            var payloadKg = _design.Settings.TruckPayloadKg;
            var intervalH = payloadKg / shipper.KgPerYear * HoursPerYear;
            yield return Wait.For(random.NextDouble() * intervalH);
            while (true)
            {
                _sim.Start(Truck(shipper, payloadKg * RampFactor(), random));
                yield return Wait.For(intervalH);
            }
        }

        private IEnumerable<Wait> Truck(Shipper shipper, double kg, RandomStream random)
        {
            var transitH = shipper.DistanceKm / _design.Settings.TruckSpeedKmPerHour;
            if (transitH > 0) yield return Wait.For(Sample(random, transitH, _design.Settings.TransitTimeCv));
            var receiving = _sim.NowH;
            var wait = _design.Settings.ReceivingCalendar.HoursUntilOpen(receiving);
            if (wait > 0) yield return Wait.For(wait);
            yield return _concentrate.Put(kg);
        }
    }

    private sealed class StageRuntime(PlantModel model, StageDesign design, int index)
    {
        private readonly double[] _time = new double[5];
        private double _breakdowns;

        public StationTimes Times(double measuredH)
        {
            foreach (var unit in _units) unit.Close();
            var unitHours = measuredH * design.Units;
            return new StationTimes(_time[0] / unitHours, _time[1] / unitHours, _time[2] / unitHours, _time[3] / unitHours, _time[4] / unitHours, _breakdowns);
        }

        private readonly List<Unit> _units = [];

        public void Start()
        {
            for (var u = 0; u < design.Units; u++)
            {
                var unit = new Unit(model, design, index, this, u);
                _units.Add(unit);
                unit.Start();
            }
        }

        public void Add(UnitState state, double hours) => _time[(int)state] += hours;

        public void Breakdown()
        {
            if (model.NowH >= model.MeasureStartH) _breakdowns++;
        }
    }

    private sealed class Unit(PlantModel model, StageDesign design, int index, StageRuntime stage, int number)
    {
        private readonly RandomStream _random = model.Stream($"{design.Name} {number}");
        private UnitState _state = UnitState.Starved;
        private double _since;
        private double _toFailureH;
        private double _nextStopH;

        public void Start()
        {
            var p = design.Parameters;
            _toFailureH = DrawTimeToFailure();
            _nextStopH = design.NominalAvailability is not null ? HoursPerWeek
                : Breakdowns && p.MaintenanceEveryHours > 0 && p.MaintenanceHours > 0 ? p.MaintenanceEveryHours * (number + 1.0) / design.Units
                : double.PositiveInfinity;
            model.StartUnit(Run());
        }

        private bool Breakdowns => design.Breakdowns;

        private double DrawTimeToFailure() => Breakdowns ? _random.NextExponential(design.Parameters.MtbfHours) : double.PositiveInfinity;

        private double StopHours() => design.NominalAvailability is { } a ? (1 - a) * HoursPerWeek : design.Parameters.MaintenanceHours;

        private double StopEveryHours() => design.NominalAvailability is not null ? HoursPerWeek : design.Parameters.MaintenanceEveryHours;

        private void Set(UnitState state)
        {
            var now = model.NowH;
            var from = Math.Max(_since, model.MeasureStartH);
            if (now > from) stage.Add(_state, now - from);
            _state = state;
            _since = now;
        }

        public void Close() => Set(_state);

        private IEnumerable<Wait> Run()
        {
            var input = model.Input(index);
            var output = index + 1 < model.StageCount ? model.Input(index + 1) : null;
            while (true)
            {
                if (model.NowH >= _nextStopH)
                {
                    Set(UnitState.Down);
                    yield return Wait.For(StopHours());
                    _nextStopH += StopEveryHours();
                    continue;
                }

                var closedH = design.Calendar.HoursUntilOpen(model.NowH);
                if (closedH > 0)
                {
                    Set(UnitState.OffShift);
                    yield return Wait.For(closedH);
                    continue;
                }

                Set(UnitState.Starved);
                var takeKg = design.LotKg * design.TakeFraction;
                yield return input.Get(takeKg);
                if (index == 1) model.LineIntake(design.LotKg);
                Set(UnitState.Busy);
                var ramp = model.RampFactor();
                foreach (var phaseH in design.PhaseH)
                {
                    var remainingH = model.Sample(_random, phaseH, design.Parameters.DurationCv) / ramp;
                    while (remainingH > 0)
                    {
                        if (_toFailureH < remainingH)
                        {
                            yield return Wait.For(_toFailureH);
                            remainingH -= _toFailureH;
                            Set(UnitState.Down);
                            stage.Breakdown();
                            yield return Wait.For(model.Sample(_random, design.Parameters.MttrHours, 0.5));
                            Set(UnitState.Busy);
                            _toFailureH = DrawTimeToFailure();
                        }
                        else
                        {
                            yield return Wait.For(remainingH);
                            _toFailureH -= remainingH;
                            remainingH = 0;
                        }
                    }
                }

                var outKg = design.LotKg * design.MainYield;
                model.CoProduct(design.LotKg * design.CoProductYield);
                var returnKg = design.LotKg * design.ReturnYield;
                if (returnKg > 0) model.Concentrate.PutOrOverflow(returnKg);
                if (output is null)
                {
                    model.Magnets(outKg);
                    model.ChangeWip(-takeKg);
                    continue;
                }

                if (index == 0)
                {
                    var overflowKg = output.PutOrOverflow(outKg);
                    model.CoProduct(overflowKg);
                    model.ChangeWip(outKg - overflowKg);
                    continue;
                }

                Set(UnitState.Blocked);
                yield return output.Put(outKg);
                model.ChangeWip(outKg - takeKg);
            }
        }
    }
}

/// <summary>Replications finished so far out of all.</summary>
/// <param name="Done">Replications finished.</param>
/// <param name="Total">Replications in all.</param>
public readonly record struct ReplicationProgress(int Done, int Total);
