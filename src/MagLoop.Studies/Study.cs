using MagLoop.Materials;
using MagLoop.Plants;
using MagLoop.Process;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies;

/// <summary>Runs a study: reads the scenario, builds the plant, solves the flowsheet, gathers the results.</summary>
public static class Study
{
    /// <summary>Reads, validates and builds a scenario file without solving it.</summary>
    public static Plant Load(string path)
    {
        var (scenario, map) = ScenarioReader.ReadFile(path);
        return PlantBuilder.Build(scenario, map);
    }

    /// <summary>Runs the study of a scenario file.</summary>
    public static StudyResult Run(string path, StudyOptions? options = null) => Run(Load(path), path, options);

    /// <summary>Runs the study of a built plant.</summary>
    public static StudyResult Run(Plant plant, string file, StudyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plant);
        options ??= StudyOptions.Default;
        // Each feed and internal stream first goes to its recycling route; every model then reads that plant.
        (plant, var routes) = RouteChoice.Choose(plant, options);
        var solution = Solve(plant);
        // When capacity binds, the plant buys feeds by margin, not pro rata; every model then reads that plant.
        var (chosen, margins) = EconomicsStudy.TakeFeedsByMargin(plant, solution, options);
        if (!ReferenceEquals(chosen, plant)) (plant, solution) = (chosen, Solve(chosen));
        if (options.Basis == StudyBasis.Simulated && !options.Simulate)
            throw plant.Map.Error(plant.Scenario, null, "the simulated basis needs the simulation: run it with the simulation on");
        var result = Evaluate(plant, solution, file, options);
        if (options.Simulate)
        {
            var simulation = PlantSimulation.Run(plant.Definition, solution, new PlantSimulationOptions { Seed = options.Seed, Progress = options.Progress?.ForReplications() });
            var warnings = result.Warnings.Concat(PlantSimulation.Discrepancies(simulation)).Concat(BottleneckNote(plant, result.Production, simulation)).ToList();
            var basis = SimulatedBasis.Compare(solution, simulation);
            if (options.Basis == StudyBasis.Simulated)
            {
                // Production, products, carbon and economics all read the simulated plant; the simulation stays the one run.
                (plant, solution, basis) = SimulatedBasis.Derive(plant, solution, simulation);
                result = Evaluate(plant, solution, file, options);
            }

            if (SimulatedBasis.Note(basis) is { } note) warnings.Add(note);
            result = result with { Simulation = simulation, Basis = basis, Warnings = warnings };
        }

        return EconomicsStudy.Attach(plant, solution, result, options, margins) with { Routes = routes };
    }

    // Production, magnet products and carbon of a solved plant.
    internal static StudyResult Evaluate(Plant plant, FlowsheetSolution solution, string file, StudyOptions options)
    {
        var summary = Summarise(plant, solution, file);
        var products = MagnetStudy.Products(plant, solution);
        var carbon = CarbonStudy.Evaluate(plant, solution, options, products, out var carbonDraws);
        return summary with
        {
            Products = products,
            Carbon = carbon,
            Warnings = [.. summary.Warnings, .. MagnetStudy.Warnings(products)],
            // A shard run hands its carbon draws on to the economics, which adds its own (StudyResult.Draws).
            Draws = options.Shard is not null && carbonDraws is not null ? new MonteCarloDraws(0, 0) { Carbon = carbonDraws } : null,
        };
    }

    /// <summary>
    /// What <c>magloop validate</c> runs: the definition's validation pass (in <see cref="Load"/>), a flowsheet
    /// solve, the magnet model's domain check of the products (an error is a located scenario error) and the
    /// checks of the carbon and economics sections against the solved plant. No footprint, cash flow, Monte Carlo
    /// or simulation is run. Returns the magnet products, whose domain warnings validate prints.
    /// </summary>
    public static IReadOnlyList<MagnetProduct> Validate(Plant plant)
    {
        var solution = Solve(plant);
        var products = MagnetStudy.Products(plant, solution);
        CarbonStudy.Check(plant, solution);
        EconomicsStudy.Check(plant);
        return products;
    }

    /// <summary>
    /// Solves a plant's flowsheet; a process error, or a plant that makes no magnets, becomes a located scenario
    /// error, so every command that solves (study, validate, simulate, compare) refuses the same files.
    /// </summary>
    public static FlowsheetSolution Solve(Plant plant)
    {
        ArgumentNullException.ThrowIfNull(plant);
        var solution = PlantBuilder.Located(plant.Scenario, plant.Map, () => FlowsheetSolver.Solve(plant.Flowsheet));

        if (solution.FeedTotal.TotalKgPerYear <= 0)
            throw plant.Map.Error(plant.Scenario, nameof(Scenario.Feeds), "the feeds supply no scrap: at least one feed needs tonnesPerYear above 0");
        if (solution.Outlet(OutletKind.Magnet).TotalKgPerYear <= 0)
            throw plant.Map.Error(plant.Scenario, nameof(Scenario.Process),
                "no magnets leave the line, so there is no path from feed to product: check the loss and reject fractions and the machining yield");
        return solution;
    }

    /// <summary>
    /// Compares the flowsheet's binding station with the simulation's bottleneck; a sentence saying why when they
    /// differ, nothing when they agree.
    /// </summary>
    public static IReadOnlyList<string> BottleneckNote(Plant plant, ProductionResult production, PlantSimulationResult simulation)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(production);
        ArgumentNullException.ThrowIfNull(simulation);
        if (production.BindingStation == simulation.BottleneckStation) return [];
        var simulated = $"the simulation's bottleneck is {simulation.Bottleneck}";
        if (production.BindingStation is not { } id)
            return [$"No station binds in the flowsheet (scrap supply limits the plant) but {simulated}: breakdowns, shifts and buffers cost it more time than its average availability."];
        var station = plant.Definition.Station(new StationId(id));
        var why = station.Kind is StationKind.Receiving or StationKind.Degassing
            ? $"{station.Name} is no stage of the simulation (the dock is the receiving calendar; degassing runs inside the HPMS stage)"
            : $"the flowsheet compares long-run capacities (rate x hours x availability) while in the simulation breakdowns, shifts and finite buffers starve or block stations, so {simulation.Bottleneck} loses more time than its average availability says";
        return [$"The flowsheet's binding station is {station.Name} but {simulated}: {why}."];
    }

    private static StudyResult Summarise(Plant plant, FlowsheetSolution solution, string file)
    {
        var scenario = plant.Scenario;
        var magnets = solution.Outlet(OutletKind.Magnet).TotalTonnesPerYear;
        var coProducts = solution.Outlet(OutletKind.CoProduct).TotalTonnesPerYear;
        var supply = plant.Flowsheet.Feeds.Sum(f => f.Supply.TotalTonnesPerYear);
        var hpmsIntake = solution.Intake(UnitId.Hpms).TotalTonnesPerYear;
        var lineIntake = solution.Stream(StreamId.Blend).TotalTonnesPerYear;
        var hpmsCapacity = plant.HpmsCapacityKgPerYear / 1000;
        var lineCapacity = FlowsheetFactory.LineCapacity(plant.Definition, solution, plant.MagnetLineCapacityKgPerYear) / 1000;
        var loads = StationLoads.Of(plant.Definition, solution);
        var binding = StationLoads.LimitingMagnets(loads, solution);

        var coProductList = plant.Flowsheet.Edges.Where(e => e.Outlet == OutletKind.CoProduct)
            .Select(e => new NamedTonnage(e.Name, solution.Stream(e.Name).TotalTonnesPerYear)).ToList();
        var balance = new MassBalanceResult(solution.MaxRelativeBalanceError, solution.Iterations,
            solution.Balance.Where(b => b.InKgPerYear > 0 || b.OutKgPerYear > 0)
                .Select(b => new ComponentBalanceResult(b.Component.ToString(), b.InKgPerYear, b.OutKgPerYear, b.LossesKgPerYear, b.RelativeError)).ToList());

        var production = new ProductionResult(
            MagnetTonnesPerYear: magnets,
            CoProductTonnesPerYear: coProducts,
            TotalTonnesPerYear: magnets + coProducts,
            ScrapFeedTonnesPerYear: solution.FeedTotal.TotalTonnesPerYear,
            ScrapSupplyTonnesPerYear: supply,
            FeedScale: solution.FeedScale,
            HpmsIntakeTonnesPerYear: hpmsIntake,
            HpmsCapacityTonnesPerYear: hpmsCapacity,
            HpmsUtilisation: hpmsIntake / hpmsCapacity,
            HpmsPowderTonnesPerYear: solution.Stream(StreamId.HpmsPowder).TotalTonnesPerYear,
            MagnetLineIntakeTonnesPerYear: lineIntake,
            MagnetLineCapacityTonnesPerYear: lineCapacity,
            MagnetLineUtilisation: lineIntake / lineCapacity,
            FreshRareEarthTonnesPerYear: solution.ExternalInput(ExternalInputs.FreshRareEarth).TotalTonnesPerYear,
            FreshDyForDiffusionTonnesPerYear: solution.ExternalInput(ExternalInputs.DiffusionHeavyRareEarth)[Component.Dy] / 1000,
            FreshTbForDiffusionTonnesPerYear: solution.ExternalInput(ExternalInputs.DiffusionHeavyRareEarth)[Component.Tb] / 1000,
            CutBlockTonnesPerYear: solution.Stream(StreamId.CutBlock).TotalTonnesPerYear,
            ResidueTonnesPerYear: solution.Outlet(OutletKind.Residue).TotalTonnesPerYear,
            OffGasTonnesPerYear: solution.Outlet(OutletKind.OffGas).TotalTonnesPerYear,
            LossTonnesPerYear: solution.Outlet(OutletKind.Loss).TotalTonnesPerYear,
            CoProducts: coProductList,
            MassBalance: balance)
        {
            Stations = [.. loads.Select(l => new StationCapacityResult(l.Station.Value, l.Name, l.CapacityKgPerYear / 1000, l.IntakeKgPerYear / 1000, l.Utilisation))],
            BindingStation = binding?.Station.Value,
            BindingStationName = binding?.Name,
        };

        var feeds = plant.Definition.Feeds.Select(f =>
        {
            var type = f.ScrapType;
            var supply = f.SupplyKgPerYear / 1000;
            var processed = supply * solution.FeedScale;
            return new FeedResult(f.Id.Value, type.Id, f.Site.Value, supply, processed,
                processed * type.MagnetMassFraction.Value, type.HpmsExtractionYield.Value);
        }).ToList();

        var streams = plant.Flowsheet.Edges.Select(e =>
        {
            var stream = solution.Stream(e.Name);
            var composition = stream.IsEmpty
                ? new Dictionary<string, double>()
                : stream.Composition.NonZero().ToDictionary(p => p.Key.ToString(), p => p.Value);
            return new StreamResult(e.Name, e.From, e.To, e.Outlet, stream.TotalTonnesPerYear, composition);
        }).ToList();

        var warnings = new List<string>();
        if (solution.FeedScale < 1)
            warnings.Add($"HPMS capacity ({hpmsCapacity:N0} t/yr) binds: the plant takes {solution.FeedScale:P1} of the {supply:N0} t/yr of scrap on offer.");
        if (production.MagnetLineUtilisation < 0.999)
            warnings.Add($"The magnet line runs at {production.MagnetLineUtilisation:P1} of capacity: recycled powder is short.");
        if (binding is not null && StationLoads.OnTheLine(binding.Kind) && binding.Station != StationId.JetMills)
            warnings.Add($"{binding.Name} ({binding.CapacityKgPerYear / 1000:N0} t/yr of intake) limit the magnet line below the jet mills' {plant.MagnetLineCapacityKgPerYear / 1000:N0} t/yr; recycled powder beyond it is sold as surplus.");

        return new StudyResult(new ScenarioInfo(scenario.Name, file), production, feeds, streams, warnings);
    }
}
