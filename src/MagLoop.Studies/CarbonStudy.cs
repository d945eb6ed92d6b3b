using MagLoop.Carbon;
using MagLoop.Errors;
using MagLoop.Process;
using MagLoop.Studies.Scenarios;
using MagLoop.Plants;

namespace MagLoop.Studies;

/// <summary>
/// Builds the carbon inventory of a solved plant from its streams and the scenario's <c>carbon</c> section, and
/// evaluates the footprint (MagLoop.Carbon). Problems in the section are located <see cref="ScenarioException"/>s.
/// </summary>
public static class CarbonStudy
{
    private const string Kwh = "kWh";
    private const string Kg = "kg";
    private const string TonneKm = "t·km";

    /// <summary>Evaluates the footprint of a solved plant; with Monte Carlo draws in <paramref name="options"/>, adds P10/P50/P90.</summary>
    public static CarbonResult Evaluate(Plant plant, FlowsheetSolution solution, StudyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(solution);
        options ??= StudyOptions.Default;
        var carbon = plant.Scenario.Carbon;
        var grids = Grids(plant);
        var products = Products(solution);
        var allocation = Allocate(plant, carbon.Allocation, products);
        var (lines, energy) = Inventory(plant, solution, grids);
        var result = Footprint.Evaluate(lines, products, allocation, grids, energy, carbon.VirginRouteKgCo2ePerKg);
        if (options.MonteCarloDraws <= 0) return result;
        var progress = options.Progress is { } p ? new Progress<int>(done => p.Report(new StudyProgress("Carbon Monte Carlo", done, options.MonteCarloDraws))) : null;
        var mc = MonteCarlo.Run(lines, products, allocation, carbon.VirginRouteKgCo2ePerKg, Ranges(carbon.Uncertainty), options.MonteCarloDraws, options.Seed, progress);
        return result with { MonteCarloDraws = mc.Draws, P10 = mc.P10, P50 = mc.P50, P90 = mc.P90 };
    }

    /// <summary>
    /// Checks the carbon section against a solved plant without evaluating the footprint: grid regions, the
    /// allocation method and every energy specification the inventory reads. Problems are located scenario errors.
    /// </summary>
    public static void Check(Plant plant, FlowsheetSolution solution)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(solution);
        var grids = Grids(plant);
        Allocate(plant, plant.Scenario.Carbon.Allocation, Products(solution));
        Inventory(plant, solution, grids);
    }

    /// <summary>The grid factor of every site, checked against the built-in and scenario factors.</summary>
    public static IReadOnlyList<SiteGrid> Grids(Plant plant)
    {
        ArgumentNullException.ThrowIfNull(plant);
        var carbon = plant.Scenario.Carbon;
        var map = plant.Map;
        var own = carbon.GridFactors.Select(f => new GridFactor(f.Region, f.KgCo2ePerKWh, f.Source)).ToList();
        var sites = plant.Scenario.Sites.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var bySite = new Dictionary<string, GridFactor>(StringComparer.Ordinal);
        foreach (var entry in carbon.GridRegions)
        {
            if (!sites.Contains(entry.Site))
            {
                var hint = Suggest.Nearest(entry.Site, sites);
                throw map.Error(entry, nameof(SiteGridRegion.Site), $"site '{entry.Site}' is not defined{(hint is null ? "" : $"; did you mean '{hint}'?")} Sites: {string.Join(", ", sites)}");
            }

            if (bySite.ContainsKey(entry.Site)) throw map.Error(entry, nameof(SiteGridRegion.Site), $"site '{entry.Site}' is given a grid region twice");
            bySite[entry.Site] = Region(entry.Region, own, map, entry, nameof(SiteGridRegion.Region));
        }

        var fallback = new Lazy<GridFactor>(() => Region(carbon.DefaultGridRegion, own, map, carbon, nameof(CarbonSection.DefaultGridRegion)));
        return plant.Scenario.Sites.Select(s => new SiteGrid(s.Id, bySite.TryGetValue(s.Id, out var f) ? f : fallback.Value)).ToList();
    }

    private static GridFactor Region(string region, IReadOnlyList<GridFactor> own, SourceMap map, object owner, string property)
    {
        if (GridFactors.Find(region, own) is { } factor) return factor;
        var known = GridFactors.Known(own);
        var hint = Suggest.Nearest(region, known);
        throw map.Error(owner, property, $"unknown grid region '{region}'{(hint is null ? "" : $"; did you mean '{hint}'?")} Known: {string.Join(", ", known)}; define others under carbon.gridFactors");
    }

    /// <summary>Product masses from the solved flowsheet.</summary>
    public static ProductMasses Products(FlowsheetSolution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return new ProductMasses(solution.Stream(StreamId.CutBlock).TotalKgPerYear, solution.Stream(StreamId.CoatedParts).TotalKgPerYear,
            solution.Outlet(OutletKind.Magnet).TotalKgPerYear, solution.Outlet(OutletKind.CoProduct).TotalKgPerYear);
    }

    private static Allocation Allocate(Plant plant, AllocationSection section, ProductMasses products)
    {
        switch (section.Method)
        {
            case CarbonAllocationMethod.Mass:
                return Allocation.ByMass(products);
            case CarbonAllocationMethod.Economic:
                return Allocation.ByValue(products, section.CutBlockPriceUsdPerKg, section.CoProductPriceUsdPerKg);
            default:
                if (section.CutBlockShare is not { } cut || section.CoProductShare is not { } co)
                    throw plant.Map.Error(section, section.CutBlockShare is null ? nameof(AllocationSection.CutBlockShare) : nameof(AllocationSection.CoProductShare),
                        "method shares needs both cutBlockShare and coProductShare");
                if (!Allocation.IsValidShares(cut, co))
                    throw plant.Map.Error(section, nameof(AllocationSection.CutBlockShare),
                        $"allocation shares must sum to 1; cutBlockShare {cut:G6} + coProductShare {co:G6} = {cut + co:G6}");
                return Allocation.Explicit(cut, co);
        }
    }

    /// <summary>The inventory lines and the plant's energy record.</summary>
    public static (IReadOnlyList<InventoryLine> Lines, PlantEnergy Energy) Inventory(Plant plant, FlowsheetSolution solution, IReadOnlyList<SiteGrid> grids)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(grids);
        var scenario = plant.Scenario;
        var carbon = scenario.Carbon;
        var e = carbon.Energy;
        var f = carbon.Factors;
        var hub = scenario.Equipment.Hpms.Site;
        var grid = grids.ToDictionary(g => g.Site, g => g.Factor, StringComparer.Ordinal);
        var units = new List<UnitEnergy>();
        var lines = new List<InventoryLine>();

        void Electricity(string process, string site, Stage stage, Gate gate, double throughputKg, double kwh, string basis,
            double h2Kg = 0, double arKg = 0, double n2Kg = 0)
        {
            units.Add(new UnitEnergy(process, site, stage, throughputKg, kwh, h2Kg, arKg, n2Kg, basis));
            var g = grid[site];
            lines.Add(new InventoryLine($"Electricity, {process}", stage, site, gate, kwh, Kwh, g.KgCo2ePerKWh, $"{g.Region}: {g.Source}",
                UncertaintyKeys.ElectricityIntensity, UncertaintyKeys.GridFactor));
            if (h2Kg > 0) lines.Add(new($"Hydrogen, {process}", stage, site, gate, h2Kg, Kg, f.HydrogenKgCo2ePerKg, "carbon.factors.hydrogenKgCo2ePerKg", UncertaintyKeys.GasConsumption, UncertaintyKeys.HydrogenFactor));
            if (arKg > 0) lines.Add(new($"Argon, {process}", stage, site, gate, arKg, Kg, f.ArgonKgCo2ePerKg, "carbon.factors.argonKgCo2ePerKg", UncertaintyKeys.GasConsumption, UncertaintyKeys.InertGasFactor));
            if (n2Kg > 0) lines.Add(new($"Nitrogen, {process}", stage, site, gate, n2Kg, Kg, f.NitrogenKgCo2ePerKg, "carbon.factors.nitrogenKgCo2ePerKg", UncertaintyKeys.GasConsumption, UncertaintyKeys.InertGasFactor));
        }

        void Landfill(string what, Stage stage, string site, double kg)
        {
            if (kg > 0)
                lines.Add(new($"Landfill, {what}", stage, site, Gate.CutBlock, kg * f.ResidueLandfillFraction, Kg, f.LandfillKgCo2ePerKg,
                    "carbon.factors.landfillKgCo2ePerKg x residueLandfillFraction", null, UncertaintyKeys.ConsumablesAndWaste));
        }

        // Collection and pre-processing, per receiving site; transport from sources and on to the hub.
        var spoke = Drive(carbon.Energy.SpokePreprocessing, plant);
        foreach (var group in plant.Definition.Feeds.GroupBy(x => x.Site))
        {
            var site = group.Key.Value;
            var receivedKg = group.Sum(x => solution.Stream(StreamId.ScrapReceived(x)).TotalKgPerYear);
            Electricity($"pre-processing at {site}", site, Stage.CollectionAndPreprocessing, Gate.CutBlock, receivedKg, receivedKg * spoke.KWhPerKg,
                $"{spoke.InstalledKw:G4} kW x {spoke.LoadFactor:G3} load / {spoke.RatedKgPerHour:G4} kg/h");
            Landfill($"spoke residue at {site}", Stage.CollectionAndPreprocessing, site, group.Sum(x => solution.Stream(StreamId.SpokeResidue(x.Id)).TotalKgPerYear));
            Freight($"Collection from sources to {site}", site, carbon.CollectionMode, receivedKg / 1000 * carbon.CollectionDistanceKm, f, lines, UncertaintyKeys.CollectionDistance, lineHaul: false);
            var concentrateKg = group.Sum(x => solution.StreamOrNothing(StreamId.ConcentrateToHub(x.Id)).TotalKgPerYear);
            foreach (var (freight, km) in Lane.ToHub(plant.Definition, group.Key).KmByMode)
            {
                var mode = freight == FreightMode.Rail ? TransportMode.Rail : TransportMode.Truck;
                Freight($"Concentrate {site} to {hub} ({Lower(mode)})", site, mode, concentrateKg / 1000 * km, f, lines, null, lineHaul: true);
            }
        }

        // HPMS: batches follow from the intake and the batch charge.
        var hpmsSpec = e.Hpms;
        var equipment = scenario.Equipment.Hpms;
        var cycle = Guard(plant, hpmsSpec, () => new HpmsCycle(hpmsSpec.VesselFreeVolumeM3, hpmsSpec.HydrogenPressureBar, hpmsSpec.ArgonBackfillBar,
            hpmsSpec.HeadspaceHydrogenLostFraction, hpmsSpec.VacuumPumpKw, hpmsSpec.EvacuationHours, hpmsSpec.DrumKw, hpmsSpec.HydrogenationHours, hpmsSpec.AuxiliaryKw, equipment.CycleHours));
        var intakeKg = solution.Intake(UnitId.Hpms).TotalKgPerYear;
        var batches = intakeKg / equipment.BatchKg;
        var absorbedH2 = solution.ExternalInputs.Where(x => x.Node == UnitId.Hpms.Value && x.Name == ExternalInputs.Hydrogen).Sum(x => x.Stream.TotalKgPerYear);
        Electricity("HPMS vessels", hub, Stage.Hpms, Gate.CutBlock, intakeKg, batches * cycle.KWhPerBatch,
            $"{batches:N0} batches x {cycle.KWhPerBatch:G4} kWh (pumps, drum, auxiliaries)",
            absorbedH2 + batches * cycle.VentedHydrogenKgPerBatch, batches * cycle.ArgonKgPerBatch);
        Landfill("HPMS drum residue", Stage.Hpms, hub, solution.Stream(StreamId.HpmsResidue).TotalKgPerYear);

        Furnace("degassing", Stage.Hpms, solution.Stream(StreamId.HpmsPowder).TotalKgPerYear, e.Degassing);

        // Magnet making.
        var jet = e.JetMilling;
        var mill = Guard(plant, jet, () => new JetMill(jet.GasNm3PerKg, jet.CompressionKWhPerNm3, jet.ClassifierKw, scenario.Equipment.MagnetLine.JetMillKgPerHour, jet.NitrogenMakeupKgPerKg));
        var blendKg = solution.Stream(StreamId.Blend).TotalKgPerYear;
        Electricity("jet milling", hub, Stage.MagnetMaking, Gate.CutBlock, blendKg, blendKg * mill.KWhPerKg,
            $"{jet.GasNm3PerKg:G3} Nm3/kg x {jet.CompressionKWhPerNm3:G3} kWh/Nm3 + {jet.ClassifierKw:G3} kW classifier", n2Kg: blendKg * jet.NitrogenMakeupKgPerKg);
        var fineKg = solution.Stream(StreamId.FinePowder).TotalKgPerYear;
        var press = Drive(e.Pressing, plant);
        Electricity("pressing", hub, Stage.MagnetMaking, Gate.CutBlock, fineKg, fineKg * press.KWhPerKg, DriveBasis(press));
        Furnace("sintering", Stage.MagnetMaking, solution.Stream(StreamId.GreenCompacts).TotalKgPerYear, e.Sintering);
        var blockKg = solution.Stream(StreamId.SinteredBlock).TotalKgPerYear;
        Furnace("heat treatment, first stage", Stage.MagnetMaking, blockKg, e.HeatTreatmentFirstStage);
        Furnace("heat treatment, second stage", Stage.MagnetMaking, blockKg, e.HeatTreatmentSecondStage);
        var machinedKg = solution.Stream(StreamId.HeatTreatedBlock).TotalKgPerYear;
        var machining = Drive(e.Machining, plant);
        Electricity("slicing and grinding", hub, Stage.MagnetMaking, Gate.CutBlock, machinedKg, machinedKg * machining.KWhPerKg, DriveBasis(machining));
        lines.Add(new("Machining consumables", Stage.MagnetMaking, hub, Gate.CutBlock, machinedKg, Kg, f.MachiningConsumablesKgCo2ePerKg,
            "carbon.factors.machiningConsumablesKgCo2ePerKg (per kg machined)", null, UncertaintyKeys.ConsumablesAndWaste));
        Landfill("process losses (fines, breakage)", Stage.MagnetMaking, hub, solution.Outlet(OutletKind.Loss).TotalKgPerYear);

        // The hub's base load is shared by HPMS and magnet making in proportion to their process electricity.
        var baseKwh = e.HubBaseLoadKw * 8760;
        var hpmsKwh = units.Where(u => u.Site == hub && u.Stage == Stage.Hpms).Sum(u => u.ElectricityKWhPerYear);
        var lineKwh = units.Where(u => u.Site == hub && u.Stage == Stage.MagnetMaking).Sum(u => u.ElectricityKWhPerYear);
        var hpmsShare = hpmsKwh + lineKwh > 0 ? hpmsKwh / (hpmsKwh + lineKwh) : 0.5;
        Electricity("hub base load (HPMS share)", hub, Stage.Hpms, Gate.CutBlock, intakeKg, baseKwh * hpmsShare, $"{e.HubBaseLoadKw:G4} kW x 8,760 h x {hpmsShare:P0}");
        Electricity("hub base load (magnet-line share)", hub, Stage.MagnetMaking, Gate.CutBlock, blendKg, baseKwh * (1 - hpmsShare), $"{e.HubBaseLoadKw:G4} kW x 8,760 h x {1 - hpmsShare:P0}");

        var freshKg = solution.ExternalInput(ExternalInputs.FreshRareEarth).TotalKgPerYear;
        lines.Add(new("Fresh rare earth (NdPr metal), virgin route", Stage.FreshRareEarth, hub, Gate.CutBlock, freshKg, Kg, f.FreshRareEarthKgCo2ePerKg,
            "carbon.factors.freshRareEarthKgCo2ePerKg", null, UncertaintyKeys.FreshRareEarthFactor));

        // After the cut-block gate: coating, then magnetising and inspection (magnets only).
        var cutKg = solution.Stream(StreamId.CutBlock).TotalKgPerYear;
        var coating = Drive(e.Coating, plant);
        Electricity("coating", hub, Stage.MagnetMaking, Gate.Coating, cutKg, cutKg * coating.KWhPerKg, DriveBasis(coating));
        var coatingKg = solution.ExternalInputs.Where(x => x.Name == ExternalInputs.CoatingMaterial).Sum(x => x.Stream.TotalKgPerYear);
        lines.Add(new("Coating material", Stage.MagnetMaking, hub, Gate.Coating, coatingKg, Kg, f.CoatingMaterialKgCo2ePerKg,
            "carbon.factors.coatingMaterialKgCo2ePerKg", null, UncertaintyKeys.ConsumablesAndWaste));
        var coatedKg = solution.Stream(StreamId.CoatedParts).TotalKgPerYear;
        var magnetising = Drive(e.Magnetising, plant);
        Electricity("magnetising and inspection", hub, Stage.MagnetMaking, Gate.Magnetising, coatedKg, coatedKg * magnetising.KWhPerKg, DriveBasis(magnetising));

        return (lines, PlantEnergy.Of(units));

        void Furnace(string process, Stage stage, double throughputKg, FurnaceSpec spec)
        {
            var furnace = Guard(plant, spec, () => new FurnaceCycle(spec.ChargeKg, spec.TemperatureC, spec.FixtureKgPerKg, spec.SpecificHeatKJPerKgK,
                spec.HeatingEfficiency, spec.HoldHours, spec.HoldingKw, spec.VacuumPumpKw, spec.CycleHours, spec.ArgonKgPerBatch));
            var runs = throughputKg / spec.ChargeKg;
            Electricity(process, hub, stage, Gate.CutBlock, throughputKg, runs * furnace.KWhPerBatch,
                $"{runs:N0} batches x {furnace.KWhPerBatch:G4} kWh (heat-up {furnace.HeatUpKWh:G4}, hold {furnace.HoldKWh:G4}, pumps {furnace.VacuumKWh:G4})",
                arKg: runs * spec.ArgonKgPerBatch);
        }
    }

    private static void Freight(string item, string site, TransportMode mode, double tonneKm, EmissionFactorsSection f, List<InventoryLine> lines, string? activityKey, bool lineHaul)
    {
        if (tonneKm <= 0) return;
        var (factor, source) = mode == TransportMode.Rail ? (f.RailKgCo2ePerTonneKm, "carbon.factors.railKgCo2ePerTonneKm")
            : lineHaul ? (f.LineHaulTruckKgCo2ePerTonneKm, "carbon.factors.lineHaulTruckKgCo2ePerTonneKm (calibrated)")
            : (f.TruckKgCo2ePerTonneKm, "carbon.factors.truckKgCo2ePerTonneKm");
        lines.Add(new InventoryLine(item, Stage.Transport, site, Gate.CutBlock, tonneKm, TonneKm, factor, source, activityKey, UncertaintyKeys.TransportFactor));
    }

    private static DriveLoad Drive(DriveSpec spec, Plant plant) =>
        Guard(plant, spec, () => new DriveLoad(spec.InstalledKw, spec.LoadFactor, spec.RatedKgPerHour));

    private static string DriveBasis(DriveLoad d) => $"{d.InstalledKw:G4} kW x {d.LoadFactor:G3} load / {d.RatedKgPerHour:G4} kg/h";

    // The equipment records check their own inputs; a bad value is reported at the scenario block it came from.
    private static T Guard<T>(Plant plant, object spec, Func<T> build) where T : class
    {
        T built;
        try
        {
            built = build();
            _ = built switch
            {
                DriveLoad d => d.KWhPerKg,
                FurnaceCycle c => c.KWhPerKg + c.ArgonKgPerKg,
                HpmsCycle h => h.KWhPerBatch + h.ArgonKgPerBatch + h.VentedHydrogenKgPerBatch,
                JetMill j => j.KWhPerKg,
                _ => 0,
            };
        }
        catch (ArgumentOutOfRangeException ex)
        {
            var field = ex.ParamName is { } name ? ScenarioNames.Key(name) : null;
            throw plant.Map.Error(spec, field, ex.Message.Split(" (Parameter", 2)[0]);
        }

        return built;
    }

    private static string Lower(TransportMode mode) => ScenarioNames.Key(mode.ToString());

    private static List<UncertaintyRange> Ranges(CarbonUncertaintySection u) =>
    [
        new(UncertaintyKeys.ElectricityIntensity, u.ElectricityIntensity.Low, u.ElectricityIntensity.High),
        new(UncertaintyKeys.GridFactor, u.GridFactor.Low, u.GridFactor.High),
        new(UncertaintyKeys.GasConsumption, u.GasConsumption.Low, u.GasConsumption.High),
        new(UncertaintyKeys.HydrogenFactor, u.HydrogenFactor.Low, u.HydrogenFactor.High),
        new(UncertaintyKeys.InertGasFactor, u.InertGasFactor.Low, u.InertGasFactor.High),
        new(UncertaintyKeys.FreshRareEarthFactor, u.FreshRareEarthFactor.Low, u.FreshRareEarthFactor.High),
        new(UncertaintyKeys.TransportFactor, u.TransportFactor.Low, u.TransportFactor.High),
        new(UncertaintyKeys.CollectionDistance, u.CollectionDistance.Low, u.CollectionDistance.High),
        new(UncertaintyKeys.ConsumablesAndWaste, u.ConsumablesAndWaste.Low, u.ConsumablesAndWaste.High),
        new(UncertaintyKeys.VirginRoute, u.VirginRoute.Low, u.VirginRoute.High),
    ];
}
