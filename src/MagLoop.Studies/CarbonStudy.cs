using MagLoop.Carbon;
using MagLoop.Errors;
using MagLoop.Materials;
using MagLoop.Plants;
using MagLoop.Process;
using MagLoop.Studies.Scenarios;

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
    private const string LinePowder = "powder to the magnet line";

    /// <summary>The disclosed footprint of the cut sintered block, kg CO2e/kg (hpms-facts 1c).</summary>
    public const double DisclosedKgCo2ePerKgCutBlock = 2.35;

    /// <summary>
    /// Evaluates the footprint of a solved plant by the scenario's method and functional unit (the options may
    /// override the unit); shows every method side by side and the disclosure beside the method that reproduces it;
    /// with Monte Carlo draws in <paramref name="options"/>, adds P10/P50/P90. <paramref name="magnets"/> are the
    /// predicted products, needed for the energy-product functional unit.
    /// </summary>
    public static CarbonResult Evaluate(Plant plant, FlowsheetSolution solution, StudyOptions? options = null, IReadOnlyList<MagnetProduct>? magnets = null) =>
        Evaluate(plant, solution, options, magnets, out _);

    /// <summary>As <see cref="Evaluate(Plant, FlowsheetSolution, StudyOptions?, IReadOnlyList{MagnetProduct}?)"/>, also giving the Monte Carlo's draws (null without draws).</summary>
    internal static CarbonResult Evaluate(Plant plant, FlowsheetSolution solution, StudyOptions? options, IReadOnlyList<MagnetProduct>? magnets, out CarbonDraws? draws)
    {
        draws = null;
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(solution);
        options ??= StudyOptions.Default;
        var carbon = plant.Scenario.Carbon;
        var grids = Grids(plant);
        var (lines, energy) = Inventory(plant, solution, grids);
        var attribution = Attribution(plant, solution, carbon.Allocation);
        var virgin = carbon.VirginRouteKgCo2ePerKg;
        var result = Footprint.Evaluate(lines, attribution, grids, energy, virgin);
        var figures = attribution.Attribute(lines);
        var kind = options.FunctionalUnit ?? carbon.FunctionalUnit;
        result = result with
        {
            FunctionalUnit = FunctionalUnit(plant, kind, figures, magnets),
            Methods = Alternatives(plant, solution, carbon.Allocation).Select(a => Figures(a.Label, a.Attribution.Attribute(lines))).ToList(),
            Disclosure = Disclosure(Figures(DisclosureMethod, Pooled(solution, CarbonAllocationMethod.Mass, carbon.Allocation, plant).Attribute(lines))),
        };
        if (options.MonteCarloDraws <= 0) return result;
        var progress = options.Progress is { } p ? new Progress<int>(done => p.Report(new StudyProgress("Carbon Monte Carlo", done, options.MonteCarloDraws))) : null;
        var (start, count) = options.DrawRange;
        draws = options.MergedDraws is { } merged
            ? merged.Carbon ?? throw new InvalidOperationException("the merged shards hold no carbon draws")
            : MonteCarlo.Draw(lines, attribution, virgin, Ranges(carbon.Uncertainty), options.Seed, start, count, progress, options.MaxThreads);
        // A shard's draws are a part of the run: their percentiles come from the merge of all shards.
        if (options.Shard is not null) return result;
        var mc = MonteCarlo.Summarise(draws);
        return result with { MonteCarloDraws = mc.Draws, P10 = mc.P10, P50 = mc.P50, P90 = mc.P90 };
    }

    private const string DisclosureMethod = "mass allocation pooled over all products (no subdivision)";

    private static MethodFigures Figures(string label, AttributedFigures f) => new(label, f.CutBlock, f.Magnet, f.CoProduct);

    private static DisclosedFootprint Disclosure(MethodFigures reproduced) => new(DisclosedKgCo2ePerKgCutBlock,
        "HyProMag USA, ISO-compliant study, Sep 2025 (hpms-facts 1c): 2.35 kg CO2e per kg of cut sintered block; boundary, factors and allocation not disclosed",
        reproduced,
        "Reproduced with every burden up to the cut block pooled and shared by mass over the cut block and all co-products (surplus powder and swarf), "
        + "the simplest reading of an undisclosed method, and with carbon.factors.lineHaulTruckKgCo2ePerTonneKm calibrated to 0.0647 kg CO2e/t.km so that the "
        + "bundled 3-vessel DFW hub gives 2.35 (the one calibrated factor: line-haul of concentrate is the least known large item, and the value lies between "
        + "the one-way loaded 0.054 and the empty-return 0.08 of a class-8 truck). Under ISO 14044 subdivision the same inventory gives a higher cut-block figure, "
        + "because surplus powder then no longer bears magnet-line burdens.");

    /// <summary>The attribution the scenario chooses.</summary>
    public static IAttribution Attribution(Plant plant, FlowsheetSolution solution, AllocationSection section)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(section);
        return section.Method == CarbonAllocationMethod.Subdivision
            ? new Subdivision(System(plant, solution, section), section.SharedStages)
            : Pooled(solution, section.Method, section, plant);
    }

    private static PooledAllocation Pooled(FlowsheetSolution solution, CarbonAllocationMethod method, AllocationSection section, Plant plant)
    {
        var products = Products(solution);
        return new PooledAllocation(products, Allocate(plant, method, section, products));
    }

    // Every method a scenario can choose without stating shares, for the side-by-side table.
    private static IEnumerable<(string Label, IAttribution Attribution)> Alternatives(Plant plant, FlowsheetSolution solution, AllocationSection section)
    {
        var system = System(plant, solution, section);
        yield return ("subdivision, shared stages by mass", new Subdivision(system, SplitBasis.Mass));
        yield return ("subdivision, shared stages by economic value", new Subdivision(system, SplitBasis.Economic));
        yield return (DisclosureMethod, Pooled(solution, CarbonAllocationMethod.Mass, section, plant));
        yield return ("economic allocation pooled over all products (no subdivision)", Pooled(solution, CarbonAllocationMethod.Economic, section, plant));
    }

    private static FunctionalUnitResult FunctionalUnit(Plant plant, FunctionalUnitKind kind, AttributedFigures figures, IReadOnlyList<MagnetProduct>? magnets)
    {
        var carbon = plant.Scenario.Carbon;
        if (kind != FunctionalUnitKind.EnergyProduct) return FunctionalUnitResult.Of(kind, figures, carbon.VirginRouteKgCo2ePerKg);
        var made = magnets?.Where(m => m.TonnesPerYear > 0).ToList() ?? [];
        var tonnes = made.Sum(m => m.TonnesPerYear);
        var mgoe = tonnes > 0 ? made.Sum(m => m.TonnesPerYear * m.EnergyProductMGOe) / tonnes : 0;
        if (!(mgoe > 0))
            throw plant.Map.Error(carbon, nameof(CarbonSection.FunctionalUnit), "functional unit energyProduct needs the predicted (BH)max of the magnets, and the study predicted none above zero");
        return FunctionalUnitResult.Of(kind, figures, carbon.VirginRouteKgCo2ePerKg, mgoe, carbon.VirginRouteEnergyProductMGOe);
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
        Attribution(plant, solution, plant.Scenario.Carbon.Allocation);
        Inventory(plant, solution, grids);
    }

    /// <summary>The grid factor of every site, checked against the built-in and scenario factors.</summary>
    public static IReadOnlyList<SiteGrid> Grids(Plant plant)
    {
        ArgumentNullException.ThrowIfNull(plant);
        var carbon = plant.Scenario.Carbon;
        var map = plant.Map;
        var own = carbon.GridFactors.Select(f => new GridFactor(f.Region, f.KgCo2ePerKWh, f.Source)).ToList();
        var sites = plant.Definition.Sites.Select(s => s.Id.Value).ToHashSet(StringComparer.Ordinal);
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
        return plant.Definition.Sites.Select(s => new SiteGrid(s.Id.Value, bySite.TryGetValue(s.Id.Value, out var f) ? f : fallback.Value)).ToList();
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
        return new ProductMasses(solution.Stream(StreamId.CutBlock.Value).TotalKgPerYear, solution.Stream(StreamId.CoatedParts.Value).TotalKgPerYear,
            solution.Outlet(OutletKind.Magnet).TotalKgPerYear, solution.Outlet(OutletKind.CoProduct).TotalKgPerYear);
    }

    private static Allocation Allocate(Plant plant, CarbonAllocationMethod method, AllocationSection section, ProductMasses products)
    {
        switch (method)
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

    /// <summary>
    /// The inventory lines and the plant's energy record, read from the plant definition: spokes and lanes, and every
    /// station's energy specification applied to the intake of the flowsheet unit it serves (typed stream and unit ids).
    /// </summary>
    public static (IReadOnlyList<InventoryLine> Lines, PlantEnergy Energy) Inventory(Plant plant, FlowsheetSolution solution, IReadOnlyList<SiteGrid> grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        var lines = new List<InventoryLine>();
        return (lines, Walk(plant, solution, grids, lines));
    }

    /// <summary>
    /// The plant's energy record alone, the same figures as <see cref="Inventory"/> gives, without the inventory lines
    /// and without the units' basis text (empty): for the economics of a Monte Carlo's drawn plant, which reads only
    /// the totals, so no labels are formatted per draw.
    /// </summary>
    public static PlantEnergy Energy(Plant plant, FlowsheetSolution solution) => Walk(plant, solution, [], null);

    // Every station's energy and, where lines is given, the inventory lines with their labels and sources.
    private static PlantEnergy Walk(Plant plant, FlowsheetSolution solution, IReadOnlyList<SiteGrid> grids, List<InventoryLine>? lines)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(solution);
        var definition = plant.Definition;
        var carbon = plant.Scenario.Carbon;
        var f = carbon.Factors;
        var hub = definition.Hub.Id.Value;
        var grid = grids.ToDictionary(g => g.Site, g => g.Factor, StringComparer.Ordinal);
        var units = new List<UnitEnergy>();
        var withLines = lines is not null;
        double MassKg(StreamId stream) => solution.Stream(stream.Value).TotalKgPerYear;

        // basis is null exactly when no lines are wanted (the text is formatted only then).
        void Electricity(string process, string site, Stage stage, Gate gate, double throughputKg, double kwh, string? basis,
            double h2Kg = 0, double arKg = 0, double n2Kg = 0)
        {
            units.Add(new UnitEnergy(process, site, stage, throughputKg, kwh, h2Kg, arKg, n2Kg, basis ?? ""));
            if (lines is null) return;
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
                lines?.Add(new($"Landfill, {what}", stage, site, Gate.CutBlock, kg * f.ResidueLandfillFraction, Kg, f.LandfillKgCo2ePerKg,
                    "carbon.factors.landfillKgCo2ePerKg x residueLandfillFraction", null, UncertaintyKeys.ConsumablesAndWaste));
        }

        // Each block of lines belongs to one unit process of the product system (System below).
        var tagged = 0;
        void Tag(string process)
        {
            if (lines is null) return;
            for (; tagged < lines.Count; tagged++) lines[tagged] = lines[tagged] with { Process = process };
        }

        // Collection and pre-processing, per receiving site; transport from sources and on to the hub.
        var spoke = Guard(plant, carbon.Energy.SpokePreprocessing, () => Drive(definition.Energy.SpokePreprocessing));
        foreach (var group in definition.Feeds.GroupBy(x => x.Site.Value, StringComparer.Ordinal))
        {
            var site = group.Key;
            var receivedKg = group.Sum(x => MassKg(StreamId.ScrapReceived(x)));
            Electricity($"pre-processing at {site}", site, Stage.CollectionAndPreprocessing, Gate.CutBlock, receivedKg, receivedKg * spoke.KWhPerKg, withLines ? DriveBasis(spoke) : null);
            if (lines is null) continue;
            Landfill($"spoke residue at {site}", Stage.CollectionAndPreprocessing, site, group.Sum(x => MassKg(StreamId.SpokeResidue(x.Id))));
            Freight($"Collection from sources to {site}", site, carbon.CollectionMode, receivedKg / 1000 * carbon.CollectionDistanceKm, f, lines, UncertaintyKeys.CollectionDistance, lineHaul: false);
            var concentrateKg = group.Sum(x => solution.StreamOrNothing(StreamId.ConcentrateToHub(x.Id)).TotalKgPerYear);
            foreach (var (freight, km) in Lane.ToHub(definition, new SiteId(site)).KmByMode)
            {
                var mode = freight == FreightMode.Rail ? TransportMode.Rail : TransportMode.Truck;
                Freight($"Concentrate {site} to {hub} ({Lower(mode)})", site, mode, concentrateKg / 1000 * km, f, lines, null, lineHaul: true);
            }
        }

        Tag(Processes.Collection);

        // Every station: its energy specification applied to the intake of the flowsheet unit it serves.
        foreach (var station in definition.Stations)
        {
            var intakeKg = solution.Intake(station.Serves.Value).TotalKgPerYear;
            var (label, stage, gate) = Describe(station.Kind);
            var site = station.Site.Value;
            foreach (var spec in station.Energy)
            {
                switch (spec)
                {
                    case DriveEnergy drive:
                        var load = Guard(plant, Location(carbon.Energy, station.Kind, ""), () => Drive(drive));
                        Electricity(label, site, stage, gate, intakeKg, intakeKg * load.KWhPerKg, withLines ? DriveBasis(load) : null);
                        break;
                    case FurnaceEnergy furnace:
                        Furnace(furnace.Stage.Length == 0 ? label : $"{label}, {furnace.Stage}", stage, gate, site, intakeKg, furnace, Location(carbon.Energy, station.Kind, furnace.Stage));
                        break;
                    case HpmsEnergy h when station.Throughput is BatchThroughput batch:
                        var vessel = Guard(plant, carbon.Energy.Hpms, () => new HpmsCycle(h.VesselFreeVolumeM3, h.HydrogenPressureBar, h.ArgonBackfillBar,
                            h.HeadspaceHydrogenLostFraction, h.VacuumPumpKw, h.EvacuationHours, h.DrumKw, h.HydrogenationHours, h.AuxiliaryKw, batch.CycleHours));
                        var batches = intakeKg / batch.BatchKg;
                        var absorbedH2 = solution.ExternalInputs.Where(x => x.Node == station.Serves.Value && x.Name == ExternalInputs.Hydrogen).Sum(x => x.Stream.TotalKgPerYear);
                        Electricity(label, site, stage, gate, intakeKg, batches * vessel.KWhPerBatch,
                            withLines ? $"{batches:N0} batches x {vessel.KWhPerBatch:G4} kWh (pumps, drum, auxiliaries)" : null,
                            absorbedH2 + batches * vessel.VentedHydrogenKgPerBatch, batches * vessel.ArgonKgPerBatch);
                        break;
                    case JetMillEnergy jet when station.Throughput is RateThroughput rate:
                        var mill = Guard(plant, carbon.Energy.JetMilling, () => new JetMill(jet.GasNm3PerKg, jet.CompressionKWhPerNm3, jet.ClassifierKw, rate.RateKgPerHour, jet.NitrogenMakeupKgPerKg));
                        Electricity(label, site, stage, gate, intakeKg, intakeKg * mill.KWhPerKg,
                            withLines ? $"{jet.GasNm3PerKg:G3} Nm3/kg x {jet.CompressionKWhPerNm3:G3} kWh/Nm3 + {jet.ClassifierKw:G3} kW classifier" : null, n2Kg: intakeKg * jet.NitrogenMakeupKgPerKg);
                        break;
                    default:
                        throw new InvalidOperationException($"station {station.Id} has an energy specification the carbon model does not know: {spec.GetType().Name}");
                }
            }

            switch (station.Kind)
            {
                case StationKind.Hpms:
                    Landfill("HPMS drum residue", stage, site, MassKg(StreamId.HpmsResidue));
                    // The HPMS hall's own base load grows with its vessels, so a vessel added brings its building services along.
                    var perVessel = definition.Energy.HpmsBaseLoadKwPerVessel;
                    Electricity("HPMS hall base load", site, stage, gate, intakeKg, perVessel * station.Units * HoursPerYear, withLines ? $"{perVessel:G4} kW x {station.Units} vessels x 8,760 h" : null);
                    if (definition.StationOfKind(StationKind.Degassing) is null)
                    {
                        // Until the definition has a degassing station, its furnace is read from the carbon section.
                        Tag(Processes.Hpms);
                        var d = carbon.Energy.Degassing;
                        Furnace("degassing", Stage.Hpms, Gate.CutBlock, site, solution.Intake(UnitId.Degassing.Value).TotalKgPerYear,
                            new FurnaceEnergy("", d.ChargeKg, d.TemperatureC, d.FixtureKgPerKg, d.SpecificHeatKJPerKgK, d.HeatingEfficiency, d.HoldHours, d.HoldingKw,
                                d.VacuumPumpKw, d.CycleHours, d.ArgonKgPerBatch), d);
                        Tag(Processes.Degassing);
                    }

                    break;
                case StationKind.HeatTreatmentFurnace:
                    // The losses (jet-mill fines, sintering and heat-treatment breakage) all arise before machining.
                    Landfill("process losses (fines, breakage)", stage, site, solution.Outlet(OutletKind.Loss).TotalKgPerYear);
                    break;
                case StationKind.Machining:
                    lines?.Add(new("Machining consumables", stage, site, gate, intakeKg, Kg, f.MachiningConsumablesKgCo2ePerKg,
                        "carbon.factors.machiningConsumablesKgCo2ePerKg (per kg machined)", null, UncertaintyKeys.ConsumablesAndWaste));
                    break;
                case StationKind.Coating when lines is not null:
                    var coatingKg = solution.ExternalInputs.Where(x => x.Name == ExternalInputs.CoatingMaterial).Sum(x => x.Stream.TotalKgPerYear);
                    lines.Add(new("Coating material", stage, site, gate, coatingKg, Kg, f.CoatingMaterialKgCo2ePerKg,
                        "carbon.factors.coatingMaterialKgCo2ePerKg", null, UncertaintyKeys.ConsumablesAndWaste));
                    // Grain-boundary diffusion runs between machining and coating, on the magnets only; booked with the
                    // coating process. No Dy/Tb factor is in the scenario yet: the NdPr metal factor stands in as a
                    // lower bound (Tb and Dy routes are at least as carbon-intensive).
                    var diffusionKg = solution.ExternalInput(ExternalInputs.DiffusionHeavyRareEarth).TotalKgPerYear;
                    if (diffusionKg > 0)
                        lines.Add(new("Fresh Dy/Tb for grain-boundary diffusion (NdPr factor as a lower bound)", Stage.FreshRareEarth, site, gate, diffusionKg, Kg,
                            f.FreshRareEarthKgCo2ePerKg, "carbon.factors.freshRareEarthKgCo2ePerKg", null, UncertaintyKeys.FreshRareEarthFactor));
                    break;
            }

            Tag(station.Kind == StationKind.Receiving ? Processes.Collection : station.Serves.Value);
        }

        // The medium and long loops (docs/model-routes.md), each its own unit process, counted under the HPMS stage
        // (scrap processing before the magnet line).
        foreach (var route in RouteFlows.Of(definition, solution))
        {
            var process = $"{route.Name}";
            if (route.Toll is { } toll)
            {
                if (lines is null) continue;
                var tonneKm = (route.IntakeKg + route.ProductKg) / 1000 * toll.DistanceKm;
                Freight($"Hub to toll refiner and back ({Lower(toll.Mode == FreightMode.Rail ? TransportMode.Rail : TransportMode.Truck)})", hub,
                    toll.Mode == FreightMode.Rail ? TransportMode.Rail : TransportMode.Truck, tonneKm, f, lines, null, lineHaul: true);
                lines.Add(new($"Toll refining, {process}", Stage.Hpms, hub, Gate.CutBlock, route.IntakeKg, Kg, route.TollKgCo2ePerKg, "recyclingRoutes.longLoop.toll.kgCo2ePerKg", null, UncertaintyKeys.ConsumablesAndWaste));
            }
            else
            {
                Electricity(process, hub, Stage.Hpms, Gate.CutBlock, route.IntakeKg, route.KWh, withLines ? $"{route.Energy.KWhPerKgIntake:G3} kWh/kg intake + {route.Energy.KWhPerKgMetal:G3} kWh/kg metal ({route.Energy.Source})" : null,
                    arKg: route.IntakeKg * route.Energy.ArgonKgPerKgIntake);
                foreach (var reagent in route.Reagents)
                    lines?.Add(new($"{reagent.Name}, {process}", Stage.Hpms, hub, Gate.CutBlock, route.KgOf(reagent), Kg, reagent.KgCo2ePerKg, reagent.Source, null, UncertaintyKeys.ConsumablesAndWaste));
                if (route.AnodeOxygenKg > 0)
                    lines?.Add(new($"Anode CO2, {process}", Stage.Hpms, hub, Gate.CutBlock, route.AnodeOxygenKg, "kg O", route.AnodeKgCo2PerKgOxygen, "recyclingRoutes.longLoop.anodeKgCo2PerKgOxygen", null, null));
                Landfill($"residues of the {process}", Stage.Hpms, hub, route.ResidueKg);
            }

            if (route.TopUpKg > 0)
                lines?.Add(new($"Fresh rare earth (NdPr metal) topping up the {process}", Stage.FreshRareEarth, hub, Gate.CutBlock, route.TopUpKg, Kg, f.FreshRareEarthKgCo2ePerKg,
                    "carbon.factors.freshRareEarthKgCo2ePerKg", null, UncertaintyKeys.FreshRareEarthFactor));
            Tag(route.Unit.Value);
        }

        // Blending: the fresh rare earth and the magnet line's hall, offices and common areas.
        var baseKw = definition.Energy.HubBaseLoadKw;
        Electricity("hub base load (magnet line, offices)", hub, Stage.MagnetMaking, Gate.CutBlock, solution.Intake(UnitId.JetMilling.Value).TotalKgPerYear,
            baseKw * HoursPerYear, withLines ? $"{baseKw:G4} kW x 8,760 h" : null);
        lines?.Add(new("Fresh rare earth (NdPr metal), virgin route", Stage.FreshRareEarth, hub, Gate.CutBlock,
            MassStream.Sum(solution.ExternalInputs.Where(x => x.Node == UnitId.Blending.Value && x.Name == ExternalInputs.FreshRareEarth).Select(x => x.Stream)).TotalKgPerYear,
            Kg, f.FreshRareEarthKgCo2ePerKg, "carbon.factors.freshRareEarthKgCo2ePerKg", null, UncertaintyKeys.FreshRareEarthFactor));
        Tag(Processes.Blending);

        return PlantEnergy.Of(units);

        void Furnace(string process, Stage stage, Gate gate, string site, double throughputKg, FurnaceEnergy furnace, object location)
        {
            var cycle = Guard(plant, location, () => new FurnaceCycle(furnace.ChargeKg, furnace.TemperatureC, furnace.FixtureKgPerKg, furnace.SpecificHeatKJPerKgK,
                furnace.HeatingEfficiency, furnace.HoldHours, furnace.HoldingKw, furnace.VacuumPumpKw, furnace.CycleHours, furnace.ArgonKgPerBatch));
            var runs = throughputKg / furnace.ChargeKg;
            Electricity(process, site, stage, gate, throughputKg, runs * cycle.KWhPerBatch,
                withLines ? $"{runs:N0} batches x {cycle.KWhPerBatch:G4} kWh (heat-up {cycle.HeatUpKWh:G4}, hold {cycle.HoldKWh:G4}, pumps {cycle.VacuumKWh:G4})" : null,
                arKg: runs * furnace.ArgonKgPerBatch);
        }
    }

    // What a station's lines are called, the stage they count under and the gate they precede.
    private static (string Label, Stage Stage, Gate Gate) Describe(StationKind kind) => kind switch
    {
        StationKind.Receiving => ("receiving", Stage.CollectionAndPreprocessing, Gate.CutBlock),
        StationKind.Hpms => ("HPMS vessels", Stage.Hpms, Gate.CutBlock),
        StationKind.Degassing => ("degassing", Stage.Hpms, Gate.CutBlock),
        StationKind.JetMill => ("jet milling", Stage.MagnetMaking, Gate.CutBlock),
        StationKind.Press => ("pressing", Stage.MagnetMaking, Gate.CutBlock),
        StationKind.SinteringFurnace => ("sintering", Stage.MagnetMaking, Gate.CutBlock),
        StationKind.HeatTreatmentFurnace => ("heat treatment", Stage.MagnetMaking, Gate.CutBlock),
        StationKind.GrainBoundaryDiffusion => ("grain-boundary diffusion", Stage.MagnetMaking, Gate.CutBlock),
        StationKind.Machining => ("slicing and grinding", Stage.MagnetMaking, Gate.CutBlock),
        StationKind.Coating => ("coating", Stage.MagnetMaking, Gate.Coating),
        _ => ("magnetising and inspection", Stage.MagnetMaking, Gate.Magnetising),
    };

    // The scenario block an energy figure came from, so that a bad value is reported where it was written.
    private static object Location(CarbonEnergySection e, StationKind kind, string stage) => kind switch
    {
        StationKind.Degassing => e.Degassing,
        StationKind.Press => e.Pressing,
        StationKind.SinteringFurnace => e.Sintering,
        StationKind.HeatTreatmentFurnace => stage == "second stage" ? e.HeatTreatmentSecondStage : e.HeatTreatmentFirstStage,
        StationKind.Machining => e.Machining,
        StationKind.Coating => e.Coating,
        StationKind.Inspection => e.Magnetising,
        _ => e,
    };

    private const double HoursPerYear = 8760;

    /// <summary>Ids of the unit processes of the carbon product system: the flowsheet unit ids where the process is a unit.</summary>
    public static class Processes
    {
        /// <summary>Collection from sources, pre-processing at the spokes (and the hub) and transport to the hub.</summary>
        public const string Collection = "collection";
        /// <summary>HPMS vessels and the HPMS hall.</summary>
        public static readonly string Hpms = UnitId.Hpms.Value;
        /// <summary>Degassing.</summary>
        public static readonly string Degassing = UnitId.Degassing.Value;
        /// <summary>Where the degassed powder parts into the magnet line's share and the surplus sold (no lines of its own).</summary>
        public const string PowderSplit = "powder split";
        /// <summary>Blending with fresh rare earth, and the magnet line's hall, offices and common areas.</summary>
        public static readonly string Blending = UnitId.Blending.Value;
        /// <summary>Jet milling.</summary>
        public static readonly string JetMilling = UnitId.JetMilling.Value;
        /// <summary>Pressing in a field.</summary>
        public static readonly string Pressing = UnitId.Pressing.Value;
        /// <summary>Vacuum sintering.</summary>
        public static readonly string Sintering = UnitId.Sintering.Value;
        /// <summary>Both anneal stages.</summary>
        public static readonly string HeatTreatment = UnitId.HeatTreatment.Value;
        /// <summary>Slicing and grinding.</summary>
        public static readonly string Machining = UnitId.Machining.Value;
        /// <summary>Coating.</summary>
        public static readonly string Coating = UnitId.Coating.Value;
        /// <summary>Magnetising and inspection.</summary>
        public static readonly string Inspection = UnitId.Inspection.Value;

        /// <summary>All, from scrap to magnet.</summary>
        public static IReadOnlyList<string> All { get; } = [Collection, Hpms, Degassing, PowderSplit, Blending, JetMilling, Pressing, Sintering, HeatTreatment, Machining, Coating, Inspection];
    }

    /// <summary>
    /// The plant subdivided into the unit processes of <see cref="Processes"/>, with the solved masses. The plant's
    /// own scrap sent back upstream (pressing scrap to blending, swarf or rejects to HPMS, as the scenario routes them)
    /// is a return and carries no burden; routed as a co-product it is a product of the process that makes it.
    /// Prices (for the economic basis): the magnet line's products and intermediates at the cut-block price, co-products
    /// at the co-product price.
    /// </summary>
    public static ProductSystem System(Plant plant, FlowsheetSolution solution, AllocationSection section)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(section);
        double line = section.CutBlockPriceUsdPerKg, co = section.CoProductPriceUsdPerKg;
        double MassKg(StreamId stream) => solution.Stream(stream.Value).TotalKgPerYear;
        // A feed's concentrate goes on from the dock to HPMS or to the route it takes (edges looked up by name once,
        // so the attribution stays linear in the number of feeds).
        var edgeTo = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var e in plant.Flowsheet.Edges) edgeTo.TryAdd(e.Name, e.To);
        double ConcentrateKg(string to) => plant.Definition.Feeds
            .Where(x => edgeTo.TryGetValue(StreamId.ConcentrateReceived(x.Id).Value, out var edge) && edge == to)
            .Sum(x => solution.StreamOrNothing(StreamId.ConcentrateToHub(x.Id)).TotalKgPerYear);
        var concentrateKg = ConcentrateKg(UnitId.Hpms.Value);
        var surplusKg = MassKg(StreamId.SurplusPowder);
        ProductFlow Flow(StreamId stream, string from, string? to, FlowRole role, double price) => new(stream.Value, from, to, MassKg(stream), role, price);
        // The plant's own scrap returns to the unit the flowsheet sends it to (HPMS, blending or a route), else it is sold.
        ProductFlow Routed(StreamId stream, string from)
        {
            var to = edgeTo[stream.Value];
            return to is null ? Flow(stream, from, null, FlowRole.Product, co) : Flow(stream, from, to, FlowRole.Return, 0);
        }
        List<ProductFlow> flows =
        [
            new("concentrate to hub", Processes.Collection, Processes.Hpms, concentrateKg, FlowRole.Product, co),
            Flow(StreamId.HpmsPowder, Processes.Hpms, Processes.Degassing, FlowRole.Product, co),
            Flow(StreamId.DegassedPowder, Processes.Degassing, Processes.PowderSplit, FlowRole.Product, co),
            new(LinePowder, Processes.PowderSplit, Processes.Blending, Math.Max(0, MassKg(StreamId.DegassedPowder) - surplusKg), FlowRole.Product, line),
            Flow(StreamId.SurplusPowder, Processes.PowderSplit, edgeTo[StreamId.SurplusPowder.Value], FlowRole.Product, co),
            Flow(StreamId.Blend, Processes.Blending, Processes.JetMilling, FlowRole.Product, line),
            Flow(StreamId.FinePowder, Processes.JetMilling, Processes.Pressing, FlowRole.Product, line),
            Flow(StreamId.GreenCompacts, Processes.Pressing, Processes.Sintering, FlowRole.Product, line),
            Routed(StreamId.PressingScrap, Processes.Pressing),
            Flow(StreamId.SinteredBlock, Processes.Sintering, Processes.HeatTreatment, FlowRole.Product, line),
            Flow(StreamId.HeatTreatedBlock, Processes.HeatTreatment, Processes.Machining, FlowRole.Product, line),
            Flow(StreamId.CutBlock, Processes.Machining, Processes.Coating, FlowRole.Product, line),
            Routed(StreamId.Swarf, Processes.Machining),
            Flow(StreamId.CoatedParts, Processes.Coating, Processes.Inspection, FlowRole.Product, line),
            new(StreamId.Magnets.Value, Processes.Inspection, null, solution.Outlet(OutletKind.Magnet).TotalKgPerYear, FlowRole.Product, line),
            Routed(StreamId.Rejects, Processes.Inspection),
        ];
        var processes = Processes.All.ToList();
        foreach (var route in RouteFlows.Of(plant.Definition, solution))
        {
            processes.Add(route.Unit.Value);
            flows.Add(new($"concentrate to the {route.Name}", Processes.Collection, route.Unit.Value, ConcentrateKg(route.Unit.Value), FlowRole.Product, co));
            flows.Add(route.Route == RecyclingRoute.MediumLoop
                ? Flow(RouteIds.Flake, route.Unit.Value, Processes.Hpms, FlowRole.Product, co)
                // Returned metal is the long loop's product, carrying its burden into the blend like fresh rare earth would.
                : route.ReturnsToBlend ? Flow(RouteIds.LongLoopProduct, route.Unit.Value, Processes.Blending, FlowRole.Product, line)
                : Flow(RouteIds.LongLoopProduct, route.Unit.Value, null, FlowRole.Product, co));
        }

        return new ProductSystem(processes, flows, StreamId.CutBlock.Value, StreamId.CoatedParts.Value, StreamId.Magnets.Value);
    }

    private static void Freight(string item, string site, TransportMode mode, double tonneKm, EmissionFactorsSection f, List<InventoryLine> lines, string? activityKey, bool lineHaul)
    {
        if (tonneKm <= 0) return;
        var (factor, source) = mode == TransportMode.Rail ? (f.RailKgCo2ePerTonneKm, "carbon.factors.railKgCo2ePerTonneKm")
            : lineHaul ? (f.LineHaulTruckKgCo2ePerTonneKm, "carbon.factors.lineHaulTruckKgCo2ePerTonneKm (calibrated)")
            : (f.TruckKgCo2ePerTonneKm, "carbon.factors.truckKgCo2ePerTonneKm");
        lines.Add(new InventoryLine(item, Stage.Transport, site, Gate.CutBlock, tonneKm, TonneKm, factor, source, activityKey, UncertaintyKeys.TransportFactor));
    }

    private static DriveLoad Drive(DriveEnergy d) => new(d.InstalledKw, d.LoadFactor, d.RatedKgPerHour);

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

    /// <summary>The uncertainty ranges of the scenario's carbon section, one per group key.</summary>
    public static IReadOnlyList<UncertaintyRange> Ranges(CarbonUncertaintySection u) =>
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
