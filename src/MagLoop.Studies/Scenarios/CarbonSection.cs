using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MagLoop.Carbon;

namespace MagLoop.Studies.Scenarios;

// The scenario's `carbon` section: grid regions by site, equipment energy, emission factors, allocation and
// uncertainty. Every default carries its source or says it is an engineering assumption; [Cn] numbers refer to
// the carbon section of docs/references.md. docs/model-carbon.md writes the inventory out.

/// <summary>Carbon footprint settings; every field is optional with a cited default.</summary>
[Description("Carbon footprint: grid regions by site, equipment energy, emission factors, allocation, uncertainty. Every field defaults to a cited value.")]
public sealed class CarbonSection
{
    /// <summary>Grid region of each site; sites not listed use defaultGridRegion.</summary>
    [Description("Grid region (eGRID subregion) of each site; sites not listed use defaultGridRegion. Built in: every eGRID2022 subregion (AKGD, AKMS, AZNM, CAMX, ERCT, FRCC, HIMS, HIOA, MROE, MROW, NEWE, NWPP, NYCW, NYLI, NYUP, PRMS, RFCE, RFCM, RFCW, RMPA, SPNO, SPSO, SRMV, SRMW, SRSO, SRTV, SRVC) and US (eGRID2022 [C1]).")]
    public IReadOnlyList<SiteGridRegion> GridRegions { get; init; } = [];

    /// <summary>Region of sites not listed in gridRegions. Default US (the US average, eGRID2022).</summary>
    [Description("Grid region of sites not listed in gridRegions. Default US, the US average (eGRID2022 [C1]).")]
    public string DefaultGridRegion { get; init; } = "US";

    /// <summary>Grid factors that override the built-in ones or add regions.</summary>
    [Description("Grid factors that override the built-in eGRID2022 ones or add regions.")]
    public IReadOnlyList<GridFactorDefinition> GridFactors { get; init; } = [];

    /// <summary>Equipment energy of each unit operation.</summary>
    [Description("Equipment energy of each unit operation, from installed power, duty, cycle times and gas use.")]
    public CarbonEnergySection Energy { get; init; } = new();

    /// <summary>Emission factors of process gases, fresh rare earth, freight, consumables and waste.</summary>
    [Description("Emission factors of process gases, fresh rare earth, freight, consumables and waste.")]
    public EmissionFactorsSection Factors { get; init; } = new();

    /// <summary>Distance scrap travels from its sources to the spoke (or hub) that receives it, km.</summary>
    [Range(0.0, 20000.0), Description("Mean distance scrap travels from its sources to the site that receives it, km. Default 250: engineering assumption, a regional collection radius around each spoke.")]
    public double CollectionDistanceKm { get; init; } = 250;

    /// <summary>Freight mode from sources to spokes.</summary>
    [Description("Freight mode from sources to spokes (truck or rail). Default truck: engineering assumption.")]
    public TransportMode CollectionMode { get; init; } = TransportMode.Truck;

    /// <summary>How burdens are divided over the products: subdivision first (default) or pooled allocation.</summary>
    [Description("How burdens are divided over the cut block, the magnets and the NdFeB co-products: ISO 14044 subdivision first (default), or pooled allocation as the disclosure likely did.")]
    public AllocationSection Allocation { get; init; } = new();

    /// <summary>The functional unit of the headline footprint. Default cutBlock.</summary>
    [Description("Functional unit of the headline footprint: cutBlock (1 kg of cut sintered block, the disclosed unit, hpms-facts 1c; default), magnet (1 kg of finished magnet) or energyProduct (1 kg of finished magnet per MGOe of its predicted (BH)max, compared with the virgin magnet on the same basis, as Accardo et al. 2024 [C15] do). magloop study --functional-unit overrides it.")]
    public FunctionalUnitKind FunctionalUnit { get; init; } = FunctionalUnitKind.CutBlock;

    /// <summary>(BH)max of the virgin magnet the virgin-route footprint refers to, MGOe.</summary>
    [Range(1.0, 70.0), Description("(BH)max of the virgin magnet that virginRouteKgCo2ePerKg refers to, MGOe, for the energyProduct functional unit. Default 42: the nominal of N42, a volume grade of sintered NdFeB (grade naming, BRIEF); engineering assumption for the magnet a recycled one replaces.")]
    public double VirginRouteEnergyProductMGOe { get; init; } = 42;

    /// <summary>Footprint of the same sintered magnet from virgin materials, kg CO2e/kg.</summary>
    [Range(0.0, 1000.0), Description("Footprint of the same sintered magnet from virgin materials, kg CO2e/kg, for the saving. Default 12: engineering estimate consistent with the ~80 % savings reported for recycled routes (Heraeus 2024 [C9]; van Nielen et al. 2024 [C10]) and with RE production being 50-99.9 % of virgin-magnet impacts (Marx et al. 2018 [C11]); a primary cradle-to-gate figure was not retrieved (hpms-facts 6c).")]
    public double VirginRouteKgCo2ePerKg { get; init; } = 12;

    /// <summary>Ranges for the Monte Carlo (with --monte-carlo N).</summary>
    [Description("Triangular ranges (multipliers around 1) of energy intensities and factors for the Monte Carlo (magloop study --monte-carlo N --seed S).")]
    public CarbonUncertaintySection Uncertainty { get; init; } = new();
}

/// <summary>A site's grid region.</summary>
[Description("A site's grid region.")]
public sealed class SiteGridRegion
{
    /// <summary>Site id.</summary>
    [Required, Description("Site id.")]
    public string Site { get; init; } = "";

    /// <summary>Grid region code.</summary>
    [Required, Description("Grid region code: an eGRID2022 subregion acronym (ERCT, SRVC, RFCW, ...), US, or one defined in gridFactors.")]
    public string Region { get; init; } = "";
}

/// <summary>A grid factor defined in the scenario.</summary>
[Description("A grid factor defined in the scenario.")]
public sealed class GridFactorDefinition
{
    /// <summary>Region code.</summary>
    [Required, Description("Region code (overrides a built-in one of the same code).")]
    public string Region { get; init; } = "";

    /// <summary>kg CO2e per kWh.</summary>
    [Required, Range(0.0, 2.0), Description("kg CO2e per kWh consumed.")]
    public double KgCo2ePerKWh { get; init; }

    /// <summary>Source and year of the factor.</summary>
    [Required, Description("Source and year of the factor.")]
    public string Source { get; init; } = "";
}

/// <summary>Equipment energy of each unit operation.</summary>
[Description("Equipment energy of each unit operation. Vacuum furnaces are electrically heated, so all process heat is electricity.")]
public sealed class CarbonEnergySection
{
    /// <summary>Spoke sorting, dismantling and cutting line.</summary>
    [Description("Spoke sorting, dismantling and cutting line. Default 110 kW at 0.5 load for 1,500 kg/h (0.037 kWh/kg): engineering assumption, a shear-shredder and dismantling benches.")]
    public DriveSpec SpokePreprocessing { get; init; } = new() { InstalledKw = 110, LoadFactor = 0.5, RatedKgPerHour = 1500 };

    /// <summary>HPMS vessel cycle.</summary>
    [Description("HPMS vessel cycle: evacuations, argon back-fill, hydrogen at 1-4 bar, drum [6]; equipment sizes are engineering assumptions.")]
    public HpmsEnergySpec Hpms { get; init; } = new();

    /// <summary>Vacuum degassing furnace.</summary>
    [Description("Vacuum degassing furnace. Default 1,000 kg charge to 600 C, 3 h hold at 30 kW, 11 kW pumps over an 8 h cycle, no argon: engineering assumption (a rotary retort; the matrix hydride desorbs below ~600 C).")]
    public FurnaceSpec Degassing { get; init; } = new() { ChargeKg = 1000, TemperatureC = 600, HoldHours = 3, HoldingKw = 30, VacuumPumpKw = 11, CycleHours = 8, ArgonKgPerBatch = 0 };

    /// <summary>Jet mills.</summary>
    [Description("Jet mills under nitrogen to 2-5 um.")]
    public JetMillSpec JetMilling { get; init; } = new();

    /// <summary>Presses with their alignment-field supplies.</summary>
    [Description("Presses with their alignment-field supplies. Default 4 presses of 22 kW hydraulics and 45 kW field supply (268 kW) at 0.15 mean load for 140 kg/h: engineering assumption (the field is pulsed for seconds per stroke).")]
    public DriveSpec Pressing { get; init; } = new() { InstalledKw = 268, LoadFactor = 0.15, RatedKgPerHour = 140 };

    /// <summary>Vacuum sintering furnaces.</summary>
    [Description("Vacuum sintering furnaces, 1,000-1,100 C [9]. Default 600 kg charge at 1,060 C, 5 h hold at 45 kW, 22 kW pumps over a 20 h cycle, 30 kg argon quench: engineering assumption.")]
    public FurnaceSpec Sintering { get; init; } = new() { ChargeKg = 600, TemperatureC = 1060, HoldHours = 5, HoldingKw = 45, VacuumPumpKw = 22, CycleHours = 20, ArgonKgPerBatch = 30 };

    /// <summary>First anneal stage.</summary>
    [Description("First anneal, 850-950 C [9]. Default 800 kg at 900 C, 2 h hold at 35 kW, 15 kW pumps over 10 h, 20 kg argon: engineering assumption.")]
    public FurnaceSpec HeatTreatmentFirstStage { get; init; } = new() { ChargeKg = 800, TemperatureC = 900, HoldHours = 2, HoldingKw = 35, VacuumPumpKw = 15, CycleHours = 10, ArgonKgPerBatch = 20 };

    /// <summary>Second anneal stage.</summary>
    [Description("Second anneal, 400-600 C [9]. Default 800 kg at 500 C, 3 h hold at 25 kW, 15 kW pumps over 8 h, 20 kg argon: engineering assumption.")]
    public FurnaceSpec HeatTreatmentSecondStage { get; init; } = new() { ChargeKg = 800, TemperatureC = 500, HoldHours = 3, HoldingKw = 25, VacuumPumpKw = 15, CycleHours = 8, ArgonKgPerBatch = 20 };

    /// <summary>Slicing and grinding machines with coolant systems.</summary>
    [Description("Slicing and grinding machines with coolant systems. Default 150 kW at 0.5 load for 140 kg/h of block: engineering assumption.")]
    public DriveSpec Machining { get; init; } = new() { InstalledKw = 150, LoadFactor = 0.5, RatedKgPerHour = 140 };

    /// <summary>Ni-Cu-Ni plating line (rectifiers, bath heating, drying).</summary>
    [Description("Plating line (rectifiers, bath heating, rinsing, drying). Default 200 kW at 0.6 load for 110 kg/h (1.1 kWh/kg): engineering assumption.")]
    public DriveSpec Coating { get; init; } = new() { InstalledKw = 200, LoadFactor = 0.6, RatedKgPerHour = 110 };

    /// <summary>Magnetiser and test benches.</summary>
    [Description("Capacitor-discharge magnetiser and test benches. Default 30 kW at 0.3 load for 110 kg/h: engineering assumption.")]
    public DriveSpec Magnetising { get; init; } = new() { InstalledKw = 30, LoadFactor = 0.3, RatedKgPerHour = 110 };

    /// <summary>Hub base load: lighting, ventilation, compressed air, blending, offices; kW around the clock.</summary>
    [Range(0.0, 1e5), Description("Hub base load of the magnet line's hall, offices and common areas (lighting, ventilation, compressed air, blending mixers), kW around the clock; a magnet-line burden under subdivision. Default 33.1: engineering assumption, with 3 vessels x hpmsBaseLoadKwPerVessel 40 kW in all, ~3.4 W/m2 over the 11,900 m2 (128,000 sq ft) Northlake building [1] beyond the process equipment.")]
    public double HubBaseLoadKw { get; init; } = 33.1;

    /// <summary>Base load of the HPMS hall per vessel (ventilation, hydrogen detection, gas store), kW around the clock.</summary>
    [Range(0.0, 1e4), Description("Base load of the HPMS hall per vessel (ventilation, hydrogen detection, gas store), kW around the clock; it grows with equipment.hpms.vessels. Default 2.3: engineering assumption, the HPMS share of the hub's process electricity (17 %) of the 40 kW of the 3-vessel design.")]
    public double HpmsBaseLoadKwPerVessel { get; init; } = 2.3;
}

/// <summary>An electric drive or line.</summary>
[Description("An electric drive or line: kWh/kg = installedKw x loadFactor / ratedKgPerHour.")]
public sealed class DriveSpec
{
    /// <summary>Installed power, kW.</summary>
    [Description("Installed electrical power, kW.")]
    public double InstalledKw { get; init; }

    /// <summary>Mean draw over installed power while running.</summary>
    [Range(0.0, 1.0), Description("Mean draw over installed power while running (0-1).")]
    public double LoadFactor { get; init; }

    /// <summary>Throughput at that draw, kg/h.</summary>
    [Range(0.0, 1e6, MinimumIsExclusive = true), Description("Throughput at that draw, kg/h.")]
    public double RatedKgPerHour { get; init; } = 1;
}

/// <summary>A batch vacuum furnace.</summary>
[Description("A batch vacuum furnace: heat-up of charge and fixtures, hold against losses, vacuum pumps for the cycle, argon back-fill or quench.")]
public sealed class FurnaceSpec
{
    /// <summary>Charge per batch, kg.</summary>
    [Range(0.0, 1e6, MinimumIsExclusive = true), Description("Charge per batch, kg.")]
    public double ChargeKg { get; init; } = 500;

    /// <summary>Hold temperature, °C.</summary>
    [Range(25.0, 2000.0), Description("Hold temperature, C.")]
    public double TemperatureC { get; init; } = 1000;

    /// <summary>Fixtures heated per kg of charge.</summary>
    [Description("Trays, boats and racks heated per kg of charge, kg. Default 0.5: engineering assumption (Mo or graphite boats).")]
    public double FixtureKgPerKg { get; init; } = 0.5;

    /// <summary>Mean specific heat of charge and fixtures, kJ/(kg K).</summary>
    [Description("Mean specific heat of charge and fixtures from 25 C to temperature, kJ/(kg K). Default 0.5: NdFeB ~0.44 at room temperature rising with temperature; engineering assumption.")]
    public double SpecificHeatKJPerKgK { get; init; } = 0.5;

    /// <summary>Share of heater energy that ends in the load during heat-up.</summary>
    [Range(0.0, 1.0, MinimumIsExclusive = true), Description("Share of heater energy that ends in the load during heat-up. Default 0.7: engineering assumption for a radiation-shielded vacuum furnace.")]
    public double HeatingEfficiency { get; init; } = 0.7;

    /// <summary>Hours at temperature.</summary>
    [Description("Hours at temperature.")]
    public double HoldHours { get; init; }

    /// <summary>Heater power that balances losses at temperature, kW.</summary>
    [Description("Heater power that balances the furnace's losses at temperature, kW.")]
    public double HoldingKw { get; init; }

    /// <summary>Vacuum and cooling-water pumps, kW, for the whole cycle.</summary>
    [Description("Vacuum and cooling-water pumps, kW, running for the whole cycle.")]
    public double VacuumPumpKw { get; init; }

    /// <summary>Door-to-door cycle, h.</summary>
    [Description("Door-to-door cycle, h.")]
    public double CycleHours { get; init; }

    /// <summary>Argon for back-fill and quench per batch, kg.</summary>
    [Description("Argon for back-fill and gas quench per batch, kg.")]
    public double ArgonKgPerBatch { get; init; }
}

/// <summary>HPMS vessel cycle energy and gases.</summary>
[Description("HPMS vessel cycle energy and gases; batches per year follow from the HPMS intake and equipment.hpms.batchKg.")]
public sealed class HpmsEnergySpec
{
    /// <summary>Gas volume around the charge, m³.</summary>
    [Description("Gas volume of a vessel around its charge, m3. Default 3: engineering assumption for a ~1.4 t charge (vessel size not disclosed, hpms-facts 2a).")]
    public double VesselFreeVolumeM3 { get; init; } = 3;

    /// <summary>Hydrogen fill pressure, bar absolute.</summary>
    [Range(0.0, 100.0), Description("Hydrogen fill pressure, bar absolute. Default 2: within the 1-4 bar of the UoB vessel specification [6].")]
    public double HydrogenPressureBar { get; init; } = 2;

    /// <summary>Argon back-fill pressure, bar absolute.</summary>
    [Range(0.0, 100.0), Description("Argon back-fill pressure, bar absolute. Default 1: engineering assumption (back-fill to atmospheric, then evacuated [6]).")]
    public double ArgonBackfillBar { get; init; } = 1;

    /// <summary>Share of head-space hydrogen vented each batch.</summary>
    [Range(0.0, 1.0), Description("Share of the head-space hydrogen vented each batch (not recovered). Default 1: engineering assumption, no recovery.")]
    public double HeadspaceHydrogenLostFraction { get; init; } = 1;

    /// <summary>Vacuum pumps, kW.</summary>
    [Description("Vacuum pumps per vessel, kW. Default 22 (two 11 kW dry pumps): engineering assumption.")]
    public double VacuumPumpKw { get; init; } = 22;

    /// <summary>Pumping hours per batch.</summary>
    [Description("Pumping hours per batch (two evacuations and the final purge). Default 1.5: engineering assumption.")]
    public double EvacuationHours { get; init; } = 1.5;

    /// <summary>Drum drive, kW.</summary>
    [Description("Drum drive, kW. Default 11: engineering assumption.")]
    public double DrumKw { get; init; } = 11;

    /// <summary>Hours the drum turns under hydrogen.</summary>
    [Description("Hours the drum turns under hydrogen. Default 3: within the 1-4 h exposure of [6].")]
    public double HydrogenationHours { get; init; } = 3;

    /// <summary>Cooling water, gas handling and controls, kW.</summary>
    [Description("Cooling water (the hydriding is exothermic), gas handling and controls, kW, over the whole cycle (equipment.hpms.cycleHours). Default 8: engineering assumption.")]
    public double AuxiliaryKw { get; init; } = 8;
}

/// <summary>Jet-mill energy and gas.</summary>
[Description("Jet mills: compressed milling gas, classifier, nitrogen make-up; the feed rate is equipment.magnetLine.jetMillKgPerHour.")]
public sealed class JetMillSpec
{
    /// <summary>Milling gas per kg of powder, Nm³.</summary>
    [Description("Milling gas per kg of powder, Nm3. Default 8: engineering assumption for 3 um NdFeB in a fluidised-bed opposed-jet mill.")]
    public double GasNm3PerKg { get; init; } = 8;

    /// <summary>Compressor electricity per Nm³, kWh.</summary>
    [Description("Compressor electricity per Nm3 delivered at 6-7 bar, kWh. Default 0.11: typical specific power of industrial screw compressors (6-7 kW per m3/min); engineering assumption.")]
    public double CompressionKWhPerNm3 { get; init; } = 0.11;

    /// <summary>Classifier, feeder and cyclone fan per mill, kW.</summary>
    [Description("Classifier wheel, feeder and cyclone fan per mill, kW. Default 11: engineering assumption.")]
    public double ClassifierKw { get; init; } = 11;

    /// <summary>Nitrogen make-up per kg of powder, kg.</summary>
    [Description("Nitrogen make-up (leaks, purge) per kg of powder, kg. Default 0.05: engineering assumption for a closed gas loop.")]
    public double NitrogenMakeupKgPerKg { get; init; } = 0.05;
}

/// <summary>Emission factors other than electricity.</summary>
[Description("Emission factors other than electricity, kg CO2e per unit.")]
public sealed class EmissionFactorsSection
{
    /// <summary>Hydrogen, kg CO2e/kg H2.</summary>
    [Description("Hydrogen, kg CO2e/kg. Default 11.2: grey hydrogen by steam methane reforming in the US including upstream (9.35 direct), Cho, Strezov & Evans 2022 [C3]. For low-carbon hydrogen use e.g. 4 or less (the US 45V clean-hydrogen ceiling [C4]).")]
    public double HydrogenKgCo2ePerKg { get; init; } = 11.2;

    /// <summary>Argon, kg CO2e/kg.</summary>
    [Description("Argon, kg CO2e/kg. Default 0.87: 1,550 kg CO2e per 1,000 Nm3 from air separation (Zhang et al. 2024 [C5]) at 1.784 kg/Nm3.")]
    public double ArgonKgCo2ePerKg { get; init; } = 0.87;

    /// <summary>Nitrogen, kg CO2e/kg.</summary>
    [Description("Nitrogen, kg CO2e/kg. Default 0.073: 91 kg CO2e per 1,000 Nm3 (Zhang et al. 2024 [C5]) at 1.25 kg/Nm3.")]
    public double NitrogenKgCo2ePerKg { get; init; } = 0.073;

    /// <summary>Fresh rare earth (NdPr metal) from virgin routes, kg CO2e/kg.</summary>
    [Description("Fresh rare earth (NdPr metal) from virgin routes, kg CO2e/kg. Default 20: engineering estimate from cradle-to-gate LCAs of Chinese rare-earth oxides (Koltun & Tharumarajah 2014 [C6]; Arshi et al. 2018 [C7]) plus molten-salt electrolysis to metal; the primary tables were not retrieved, so the Monte Carlo range is wide (0.6-1.8x).")]
    public double FreshRareEarthKgCo2ePerKg { get; init; } = 20;

    /// <summary>Truck freight for collection from sources, kg CO2e per tonne-km.</summary>
    [Description("Truck freight for collection from sources (part loads), kg CO2e per t.km. Default 0.116: EPA GHG Emission Factors Hub 2024, Table 8, medium- and heavy-duty truck, 0.168 kg CO2 per short ton-mile plus CH4 and N2O [C8], converted.")]
    public double TruckKgCo2ePerTonneKm { get; init; } = 0.116;

    /// <summary>Truck factor for full-truckload line-haul of concentrate between sites, kg CO2e per tonne-km.</summary>
    [Description("Truck factor for full-truckload line-haul of concentrate between sites (routes with mode truck), kg CO2e per t.km. Calibrated: 0.0647, so that the bundled DFW hub gives the disclosed 2.35 kg CO2e/kg of cut sintered block [C2]. Check: a class-8 truck at ~6.5 mpg burns 1.57 kg CO2 per mile (10.21 kg CO2/gal diesel [C8]); with 20 short tons it is 0.054 kg/t.km loaded one way, 0.08 with an empty return. See docs/model-carbon.md.")]
    public double LineHaulTruckKgCo2ePerTonneKm { get; init; } = 0.0647;

    /// <summary>Rail freight, kg CO2e per tonne-km.</summary>
    [Description("Rail freight, kg CO2e per t.km. Default 0.0152: EPA GHG Emission Factors Hub 2024, Table 8, rail, 0.022 kg CO2 per short ton-mile [C8], converted.")]
    public double RailKgCo2ePerTonneKm { get; init; } = 0.0152;

    /// <summary>Coating material, kg CO2e/kg.</summary>
    [Description("Coating material deposited (process.coating), kg CO2e/kg. Default 13: class-1 nickel, order of the Nickel Institute life-cycle data [C12]; engineering estimate.")]
    public double CoatingMaterialKgCo2ePerKg { get; init; } = 13;

    /// <summary>Machining consumables per kg of block machined, kg CO2e.</summary>
    [Description("Machining consumables (wire, blades, grinding wheels, coolant) per kg of block machined, kg CO2e. Default 0.05: engineering assumption.")]
    public double MachiningConsumablesKgCo2ePerKg { get; init; } = 0.05;

    /// <summary>Share of residues and losses landfilled.</summary>
    [Range(0.0, 1.0), Description("Share of residues (steel, plastics, coating) and process losses landfilled; the rest goes to recycling and leaves burden-free (cut-off). Default 0.2: engineering assumption.")]
    public double ResidueLandfillFraction { get; init; } = 0.2;

    /// <summary>Landfill of inert industrial waste, kg CO2e/kg.</summary>
    [Description("Landfill of inert industrial waste (haulage and equipment), kg CO2e/kg. Default 0.02: order of EPA WARM landfill factors for metals and plastics [C13]; engineering estimate.")]
    public double LandfillKgCo2ePerKg { get; init; } = 0.02;
}

/// <summary>How burdens are divided over the products.</summary>
[Description("How burdens are divided over the products (ISO 14044 4.3.4).")]
public sealed class AllocationSection
{
    /// <summary>subdivision, mass, economic or shares. Default subdivision.</summary>
    [Description("subdivision (default): the plant is subdivided into unit processes, so magnet-line burdens (milling, pressing, sintering, heat treatment, machining, coating, fresh rare earth) fall on the magnet line's products only and surplus powder carries only collection, transport, pre-processing, HPMS and degassing; sharedStages says how the processes subdivision cannot split are shared (ISO 14044 4.3.4.2: subdivision before allocation). mass, economic or shares: pooled allocation of every burden up to the cut block over the cut block and all co-products, the method that reproduces the disclosed 2.35 kg CO2e/kg (docs/model-carbon.md).")]
    public CarbonAllocationMethod Method { get; init; } = CarbonAllocationMethod.Subdivision;

    /// <summary>With subdivision, how the stages it cannot split are shared. Default mass.</summary>
    [Description("With method subdivision: how the processes subdivision cannot split (the HPMS and collection stages shared by surplus powder and the magnet line; joint outputs such as machining's cut block and swarf) share their burden: mass (default, a physical relationship, ISO 14044 4.3.4.2) or economic (mass x price: cutBlockPriceUsdPerKg for the magnet line's products and intermediates, coProductPriceUsdPerKg for co-products).")]
    public SplitBasis SharedStages { get; init; } = SplitBasis.Mass;

    /// <summary>Price of the cut block for economic allocation, US$/kg.</summary>
    [Description("Price of the cut block (and, with subdivision, of the magnet line's products and intermediates) for economic allocation, US$/kg. Default 70: engineering assumption (finished magnets sold at 65-220 US$/kg 2020-2023, hpms-facts 5d).")]
    public double CutBlockPriceUsdPerKg { get; init; } = 70;

    /// <summary>Price of the co-products for economic allocation, US$/kg.</summary>
    [Description("Price of the co-products for economic allocation, US$/kg. Default 35: engineering assumption (alloy powder and swarf at about half the magnet value).")]
    public double CoProductPriceUsdPerKg { get; init; } = 35;

    /// <summary>Share of the cut block with method shares.</summary>
    [Range(0.0, 1.0), Description("Share borne by the cut block with method shares; with coProductShare it must sum to 1.")]
    public double? CutBlockShare { get; init; }

    /// <summary>Share of the co-products with method shares.</summary>
    [Range(0.0, 1.0), Description("Share borne by the co-products with method shares; with cutBlockShare it must sum to 1.")]
    public double? CoProductShare { get; init; }
}

/// <summary>How burdens are divided over the products.</summary>
public enum CarbonAllocationMethod
{
    /// <summary>Subdivision into unit processes; allocation only where it cannot split.</summary>
    Subdivision,
    /// <summary>Pooled, by mass.</summary>
    Mass,
    /// <summary>Pooled, by economic value.</summary>
    Economic,
    /// <summary>Pooled, by stated shares.</summary>
    Shares,
}

/// <summary>A triangular range of a multiplier around 1.</summary>
[Description("A triangular range of a multiplier around 1 (mode 1).")]
public sealed class MultiplierRange
{
    /// <summary>Lowest multiplier.</summary>
    [Range(0.0, 1.0), Description("Lowest multiplier (0-1).")]
    public double Low { get; init; } = 1;

    /// <summary>Highest multiplier.</summary>
    [Range(1.0, 100.0), Description("Highest multiplier (1 or more).")]
    public double High { get; init; } = 1;
}

/// <summary>Ranges for the Monte Carlo.</summary>
[Description("Ranges for the Monte Carlo; each group's lines share one multiplier per draw. Defaults are engineering assumptions except hydrogen (9.35-11.2 kg/kg, [C3]).")]
public sealed class CarbonUncertaintySection
{
    /// <summary>Electricity per kg of each unit operation. Default 0.7-1.5.</summary>
    [Description("Electricity per kg of each unit operation. Default 0.7-1.5.")]
    public MultiplierRange ElectricityIntensity { get; init; } = new() { Low = 0.7, High = 1.5 };

    /// <summary>Grid factors. Default 0.9-1.1 (year-to-year eGRID change).</summary>
    [Description("Grid factors. Default 0.9-1.1 (year-to-year change of eGRID subregion rates).")]
    public MultiplierRange GridFactor { get; init; } = new() { Low = 0.9, High = 1.1 };

    /// <summary>Process-gas use per kg. Default 0.5-2.</summary>
    [Description("Process-gas use per kg. Default 0.5-2.")]
    public MultiplierRange GasConsumption { get; init; } = new() { Low = 0.5, High = 2 };

    /// <summary>Hydrogen factor. Default 0.835-1 (9.35-11.2 kg/kg, [C3]).</summary>
    [Description("Hydrogen factor. Default 0.835-1, i.e. 9.35-11.2 kg CO2e/kg [C3].")]
    public MultiplierRange HydrogenFactor { get; init; } = new() { Low = 0.835, High = 1 };

    /// <summary>Argon and nitrogen factors. Default 0.5-1.2 (US grids are cleaner than the Chinese plant of [C5]).</summary>
    [Description("Argon and nitrogen factors. Default 0.5-1.2 (over 90 % of their CO2e is electricity; US grids are cleaner than that of [C5]).")]
    public MultiplierRange InertGasFactor { get; init; } = new() { Low = 0.5, High = 1.2 };

    /// <summary>Fresh rare-earth factor. Default 0.6-1.8.</summary>
    [Description("Fresh rare-earth factor. Default 0.6-1.8.")]
    public MultiplierRange FreshRareEarthFactor { get; init; } = new() { Low = 0.6, High = 1.8 };

    /// <summary>Freight factors. Default 0.8-1.3.</summary>
    [Description("Freight factors. Default 0.8-1.3 (payload and empty running).")]
    public MultiplierRange TransportFactor { get; init; } = new() { Low = 0.8, High = 1.3 };

    /// <summary>Collection distance. Default 0.4-2.</summary>
    [Description("Collection distance from sources to spokes. Default 0.4-2.")]
    public MultiplierRange CollectionDistance { get; init; } = new() { Low = 0.4, High = 2 };

    /// <summary>Consumables and waste factors. Default 0.5-2.</summary>
    [Description("Consumables and waste factors. Default 0.5-2.")]
    public MultiplierRange ConsumablesAndWaste { get; init; } = new() { Low = 0.5, High = 2 };

    /// <summary>Virgin-route footprint. Default 0.67-2.5 (8-30 kg CO2e/kg).</summary>
    [Description("Virgin-route footprint. Default 0.67-2.5 (8-30 kg CO2e/kg around 12).")]
    public MultiplierRange VirginRoute { get; init; } = new() { Low = 0.67, High = 2.5 };
}
