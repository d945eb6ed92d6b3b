using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace MagLoop.Studies.Scenarios;

// The recycling routes beside the short loop (docs/model-routes.md). Every default carries its source; the
// literature figures are listed in docs/references.md [R1]..; "engineering assumption" marks the rest.

/// <summary>Medium and long loops, the short loop's limits and where each stream goes.</summary>
[Description("Recycling routes beside the short loop (docs/model-routes.md): a medium loop (re-melting to flake), a long loop (dissolution and separation to rare-earth oxide or metal), the limits of the short loop, a carbon constraint, and streams forced onto a route. Absent: every feed takes the short loop and routing places swarf and rejects.")]
public sealed class RecyclingRoutesSection
{
    /// <summary>What the short loop accepts.</summary>
    [Description("What the short loop (HPMS and the magnet line) accepts, measured on the alloy a stream brings.")]
    public ShortLoopLimitsSpec ShortLoopLimits { get; init; } = new();

    /// <summary>Largest headline footprint (kg CO2e per kg cut block) a route choice may give; absent: no carbon constraint.</summary>
    [Range(0.0, 1000.0), Description("Largest headline footprint, kg CO2e per kg of cut sintered block, that a route choice may give; absent: no carbon constraint.")]
    public double? MaxKgCo2ePerKgCutBlock { get; init; }

    /// <summary>Medium loop; absent: none.</summary>
    [Description("Medium loop: vacuum induction melting with flux and a rare-earth top-up, strip casting to flake, then HPMS and the magnet line. Absent: none.")]
    public MediumLoopSpec? MediumLoop { get; init; }

    /// <summary>Long loop; absent: none.</summary>
    [Description("Long loop: roasting, selective acid leaching, solvent extraction, oxalate precipitation to mixed rare-earth oxide and optionally molten-salt electrolysis to metal; on site or tolled. Absent: none.")]
    public LongLoopSpec? LongLoop { get; init; }

    /// <summary>Streams sent to a named route instead of the route choice's.</summary>
    [Description("Streams sent to a named route instead of the one the route choice finds: a feed id, or swarf, rejects, surplusPowder.")]
    public IReadOnlyList<ForcedRouteSpec> Force { get; init; } = [];
}

/// <summary>Short-loop limits.</summary>
[Description("Short-loop limits on the alloy a stream brings to HPMS.")]
public sealed class ShortLoopLimitsSpec
{
    /// <summary>Largest oxygen mass fraction of the alloy.</summary>
    [Range(0.0, 1.0), Description("Largest oxygen mass fraction of the alloy. Default 0.008: the HPMS alloy powder co-product class of the bundled scenarios (oxygen of commercial sintered NdFeB is 0.2-0.6 wt%, docs/references.md); engineering assumption for where re-sintering with a 10-20 % fresh addition stops reaching a saleable grade.")]
    public double MaxOxygenFraction { get; init; } = 0.008;

    /// <summary>Smallest rare-earth mass fraction of the alloy.</summary>
    [Range(0.0, 1.0), Description("Smallest rare-earth mass fraction of the alloy. Default 0.28: Tyseley's HPMS powder grade, total RE > 28 wt% (hpms-facts 1d).")]
    public double MinRareEarthFraction { get; init; } = 0.28;

    /// <summary>Source of the limits.</summary>
    [Description("Source of the limits, shown in the route table.")]
    public string Source { get; init; } = "max O 0.8 wt%: engineering assumption; min RE 28 wt%: Tyseley HPMS powder grade (hpms-facts 1d)";
}

/// <summary>Medium loop.</summary>
[Description("Medium loop: re-melting to strip-cast flake.")]
public sealed class MediumLoopSpec
{
    /// <summary>Fraction of the oxygen the flux takes.</summary>
    [Range(0.0, 1.0), Description("Fraction of the charge's oxygen the rare-earth fluoride flux takes into the slag as RE2O3. Default 0.8: engineering assumption; flux remelting reduces oxygen to levels fit for magnet making (Schmidt et al., US 5,174,811 [R1]), no fraction retrieved.")]
    public double OxygenRemoval { get; init; } = 0.8;

    /// <summary>Fraction of the de-oxidised melt cast to flake.</summary>
    [Range(0.0, 1.0), Description("Fraction of the de-oxidised melt cast to flake (the rest: skull, spatter). Default 0.97: engineering assumption.")]
    public double MetalYield { get; init; } = 0.97;

    /// <summary>Fraction of coating metal that dissolves into the melt.</summary>
    [Range(0.0, 1.0), Description("Fraction of coating metal (Ni, Zn) dissolving into the melt; the rest reports to the dross. Default 0: engineering assumption that coated magnets are stripped before melting (Ni would stay in the alloy).")]
    public double CoatingToMelt { get; init; } = 0;

    /// <summary>Fresh rare earth of the top-up.</summary>
    [Description("Composition of the fresh rare-earth top-up. Default NdPr 75:25, as the blending addition (engineering assumption).")]
    public CompositionSpec TopUp { get; init; } = CompositionSpec.Of(("Nd", 0.75), ("Pr", 0.25));

    /// <summary>Rare-earth fraction of the flake.</summary>
    [Range(0.0, 1.0), Description("Rare-earth mass fraction the top-up brings the flake to. Default 0.315: the middle of 31-32 wt% RE of commercial sintered NdFeB [8].")]
    public double TargetRareEarthFraction { get; init; } = 0.315;

    /// <summary>Fraction of the flake HPMS decrepitates into powder.</summary>
    [Range(0.0, 1.0), Description("Fraction of the flake that hydrogen decrepitation turns into powder. Default 0.99: engineering assumption; strip-cast flake is the standard feed of hydrogen decrepitation in magnet making [R2].")]
    public double FlakeHpmsYield { get; init; } = 0.99;

    /// <summary>Electricity per kg melted.</summary>
    [Range(0.0, 100.0), Description("Electricity per kg melted and cast, kWh. Default 1.2: engineering assumption (induction melting of iron alloys takes about 0.55-0.65 kWh/kg; vacuum pumps, holding and the caster added).")]
    public double KWhPerKg { get; init; } = 1.2;

    /// <summary>Argon per kg melted.</summary>
    [Range(0.0, 10.0), Description("Argon per kg melted (back-fill of the furnace and caster), kg. Default 0.02: engineering assumption.")]
    public double ArgonKgPerKg { get; init; } = 0.02;

    /// <summary>Flux per kg melted.</summary>
    [Range(0.0, 10.0), Description("Flux (CaF2 with rare-earth fluoride) per kg melted, kg. Default 0.05: engineering assumption.")]
    public double FluxKgPerKg { get; init; } = 0.05;

    /// <summary>Flux price.</summary>
    [Range(0.0, 1000.0), Description("Flux price, USD/kg. Default 1.0: engineering assumption (acid-grade fluorspar is well below, the rare-earth fluoride share raises it).")]
    public double FluxUsdPerKg { get; init; } = 1.0;

    /// <summary>Flux carbon factor.</summary>
    [Range(0.0, 1000.0), Description("Flux carbon factor, kg CO2e/kg. Default 1.0: engineering assumption (a primary-source factor was not retrieved).")]
    public double FluxKgCo2ePerKg { get; init; } = 1.0;

    /// <summary>The route's equipment.</summary>
    [Description("Equipment of the medium loop (kinds inductionMelting, stripCasting), costed by economics.capital.equipment and crewed by economics.labour.crews like any station.")]
    public IReadOnlyList<RouteStationSpec> Equipment { get; init; } = [];
}

/// <summary>Where the long loop stands.</summary>
public enum LongLoopSite
{
    /// <summary>A line at the hub.</summary>
    OnSite,
    /// <summary>A toll refiner: a fee per kg and a lane there and back.</summary>
    Toll,
}

/// <summary>Long loop.</summary>
[Description("Long loop: dissolution and separation.")]
public sealed class LongLoopSpec
{
    /// <summary>On site or tolled.</summary>
    [Description("onSite (a line at the hub, its equipment costed) or toll (a refiner's fee and a lane).")]
    public LongLoopSite Site { get; init; } = LongLoopSite.OnSite;

    /// <summary>Oxide or metal.</summary>
    [Description("oxide (mixed rare-earth oxide from oxalate calcination) or metal (molten-salt electrolysis of the oxide). Priced as a co-product by content (economics.coProductClasses).")]
    public Process.LongLoopProduct Product { get; init; } = Process.LongLoopProduct.Oxide;

    /// <summary>Whether the metal goes back to the blend instead of being sold.</summary>
    [Description("With product: metal, send the recovered rare-earth metal back to blending in place of fresh NdPr (closing the loop on site) instead of selling it. Default false: sold.")]
    public bool ReturnToBlend { get; init; }

    /// <summary>Price of the product as a share of its rare earth's oxide-equivalent NdPr value.</summary>
    [Range(0.0, 5.0), Description("Price of the product: this share of its rare earth's oxide-equivalent value at the price deck's NdPr oxide price (Dy and Tb paid as NdPr, a lower bound). Default 0.9: engineering assumption, a mixed oxide sells below separated NdPr oxide; for metal the bundled scenarios' 1.25 (the co-product classes' calibrated metal-to-oxide payable) is the counterpart.")]
    public double PayableShare { get; init; } = 0.9;

    /// <summary>Yield of each rare earth to the oxide.</summary>
    [Description("Fraction of each rare earth reaching the oxide: leaching x solvent extraction x oxalate precipitation. Defaults 0.95 (Nd, Pr, Dy, Tb, Ce): near-complete leaching [R3][R4] x 0.99 extraction (engineering assumption) x 0.967 oxalate precipitation at 1.2 x stoichiometric oxalic acid [R5].")]
    public RareEarthYieldsSpec Yields { get; init; } = new();

    /// <summary>Metal product: fraction of the oxide won as metal.</summary>
    [Range(0.0, 1.0), Description("Metal product: fraction of the oxide's rare earth won as metal by electrolysis. Default 0.95: engineering assumption (a plant figure was not retrieved).")]
    public double ReductionYield { get; init; } = 0.95;

    /// <summary>Electricity per kg of intake.</summary>
    [Range(0.0, 100.0), Description("Electricity per kg of intake (roasting, leaching, extraction, filtration, calcination), kWh. Default 2.0: engineering assumption.")]
    public double KWhPerKgIntake { get; init; } = 2.0;

    /// <summary>Electricity per kg of metal.</summary>
    [Range(0.0, 100.0), Description("Electricity per kg of metal won by molten-salt electrolysis, kWh. Default 10: engineering assumption of the order of oxide-fluoride electrowinning cells (closed cells at about 1,050 C [R6]).")]
    public double KWhPerKgMetal { get; init; } = 10;

    /// <summary>CO2 from the carbon anode per kg of oxygen released.</summary>
    [Range(0.0, 10.0), Description("CO2 from the carbon anode per kg of oxygen electrolysis releases, kg. Default 1.375 = 44/32: all anode oxygen leaves as CO2 (the anode gives CO and CO2 [R6]); perfluorocarbons of anode effects are not counted.")]
    public double AnodeKgCo2PerKgOxygen { get; init; } = 44.0 / 32.0;

    /// <summary>Reagents.</summary>
    [Description("Reagents per kg, with price and carbon factor.")]
    public LongLoopReagentsSpec Reagents { get; init; } = new();

    /// <summary>Toll terms (site: toll).</summary>
    [Description("Toll terms, required with site: toll.")]
    public TollSpec? Toll { get; init; }

    /// <summary>The route's equipment (site: onSite).</summary>
    [Description("Equipment of an on-site line (kinds leaching, solventExtraction, oxideReduction), costed and crewed like any station.")]
    public IReadOnlyList<RouteStationSpec> Equipment { get; init; } = [];
}

/// <summary>Yields by rare earth.</summary>
[Description("Yield of each rare earth to the long loop's oxide.")]
public sealed class RareEarthYieldsSpec
{
    /// <summary>Nd.</summary>
    [Range(0.0, 1.0), Description("Nd. Default 0.95 (see yields).")]
    public double Nd { get; init; } = 0.95;

    /// <summary>Pr.</summary>
    [Range(0.0, 1.0), Description("Pr. Default 0.95 (see yields).")]
    public double Pr { get; init; } = 0.95;

    /// <summary>Dy.</summary>
    [Range(0.0, 1.0), Description("Dy. Default 0.95 (see yields).")]
    public double Dy { get; init; } = 0.95;

    /// <summary>Tb.</summary>
    [Range(0.0, 1.0), Description("Tb. Default 0.95 (see yields).")]
    public double Tb { get; init; } = 0.95;

    /// <summary>Ce.</summary>
    [Range(0.0, 1.0), Description("Ce. Default 0.95 (see yields).")]
    public double Ce { get; init; } = 0.95;
}

/// <summary>Long-loop reagents.</summary>
[Description("Long-loop reagents: quantity, price and carbon factor.")]
public sealed class LongLoopReagentsSpec
{
    /// <summary>Hydrochloric acid (as 100 % HCl) per kg of rare earth dissolved.</summary>
    [Range(0.0, 100.0), Description("HCl (100 % basis) per kg of rare earth dissolved, kg. Default 0.91: 3 mol HCl per mol RE (0.76 kg/kg at Nd) x 1.2 excess; selective leaching of a roasted magnet leaves iron undissolved [R3].")]
    public double AcidKgPerKgRareEarth { get; init; } = 0.91;

    /// <summary>Oxalic acid per kg of rare earth precipitated.</summary>
    [Range(0.0, 100.0), Description("Oxalic acid (anhydrous) per kg of rare earth precipitated, kg. Default 1.12: 1.5 mol per mol RE (0.94 kg/kg at Nd) x 1.2, the excess at which 96.7 % precipitates [R5].")]
    public double OxalicAcidKgPerKgRareEarth { get; init; } = 1.12;

    /// <summary>Extractant lost per kg of rare earth.</summary>
    [Range(0.0, 10.0), Description("Extractant and diluent lost per kg of rare earth, kg. Default 0.01: engineering assumption.")]
    public double ExtractantKgPerKgRareEarth { get; init; } = 0.01;

    /// <summary>Lime to neutralise the effluent per kg of intake.</summary>
    [Range(0.0, 10.0), Description("Lime to neutralise acid effluent per kg of intake, kg. Default 0.3: engineering assumption.")]
    public double LimeKgPerKgIntake { get; init; } = 0.3;

    /// <summary>Prices.</summary>
    [Description("Prices, USD/kg: acid 0.2, oxalic acid 1.0, extractant 5, lime 0.15 (engineering assumptions of the order of bulk chemical prices).")]
    public ReagentFiguresSpec UsdPerKg { get; init; } = new() { Acid = 0.2, OxalicAcid = 1.0, Extractant = 5, Lime = 0.15 };

    /// <summary>Carbon factors.</summary>
    [Description("Carbon factors, kg CO2e/kg: acid 0.8, oxalic acid 1.5, extractant 4, lime 1.0 (engineering assumptions of the order of life-cycle inventories of bulk chemicals; primary factors not retrieved).")]
    public ReagentFiguresSpec KgCo2ePerKg { get; init; } = new() { Acid = 0.8, OxalicAcid = 1.5, Extractant = 4, Lime = 1.0 };
}

/// <summary>A figure per reagent.</summary>
[Description("A figure per long-loop reagent.")]
public sealed class ReagentFiguresSpec
{
    /// <summary>Hydrochloric acid.</summary>
    [Range(0.0, 1000.0), Description("Hydrochloric acid (100 % basis).")]
    public double Acid { get; init; }

    /// <summary>Oxalic acid.</summary>
    [Range(0.0, 1000.0), Description("Oxalic acid.")]
    public double OxalicAcid { get; init; }

    /// <summary>Extractant.</summary>
    [Range(0.0, 1000.0), Description("Extractant and diluent.")]
    public double Extractant { get; init; }

    /// <summary>Lime.</summary>
    [Range(0.0, 1000.0), Description("Lime.")]
    public double Lime { get; init; }
}

/// <summary>Toll terms.</summary>
[Description("Toll processing terms.")]
public sealed class TollSpec
{
    /// <summary>Fee per kg shipped.</summary>
    [Range(0.0, 1000.0), Description("Toll fee per kg shipped to the refiner, USD (no default: a quote).")]
    public double FeeUsdPerKg { get; init; }

    /// <summary>Lane length.</summary>
    [Range(0.0, 40000.0), Description("Lane from the hub to the refiner, km; the product comes back the same way.")]
    public double DistanceKm { get; init; }

    /// <summary>Freight mode.</summary>
    [Description("truck or rail.")]
    public TransportMode Mode { get; init; } = TransportMode.Truck;

    /// <summary>The refiner's carbon per kg processed.</summary>
    [Range(0.0, 1000.0), Description("The refiner's carbon per kg processed (its energy and reagents), kg CO2e/kg. Default 3: engineering assumption of the order of an on-site line's energy and reagents.")]
    public double KgCo2ePerKg { get; init; } = 3;

    /// <summary>Source of the terms.</summary>
    [Description("Source of the terms.")]
    public string Source { get; init; } = "engineering assumption";
}

/// <summary>One equipment type of a route.</summary>
[Description("One equipment type of a route.")]
public sealed class RouteStationSpec
{
    /// <summary>Station kind.</summary>
    [Required, Description("Station kind: inductionMelting, stripCasting (medium loop); leaching, solventExtraction, oxideReduction (long loop).")]
    public string Kind { get; init; } = "";

    /// <summary>Units installed.</summary>
    [Range(1, 1000), Description("Units installed.")]
    public int Units { get; init; } = 1;

    /// <summary>Intake per unit and hour.</summary>
    [Range(0.001, 1e7), Description("Intake per unit and operating hour, kg (oxideReduction: of the oxide it reduces).")]
    public double KgPerHour { get; init; } = 100;

    /// <summary>Operating hours per year.</summary>
    [Range(1.0, 8760.0), Description("Operating hours per year. Default 8760: engineering assumption, continuous operation.")]
    public double OperatingHoursPerYear { get; init; } = 8760;

    /// <summary>Availability.</summary>
    [Range(0.0, 1.0), Description("Fraction of operating hours available. Default 0.85: engineering assumption, as the bundled equipment.")]
    public double Availability { get; init; } = 0.85;
}

/// <summary>A stream forced onto a route.</summary>
[Description("A stream sent to a named route.")]
public sealed class ForcedRouteSpec
{
    /// <summary>Feed id, or swarf, rejects, surplusPowder.</summary>
    [Required, Description("A feed id, or swarf, rejects, surplusPowder.")]
    public string Stream { get; init; } = "";

    /// <summary>Route.</summary>
    [Description("sell, shortLoop, mediumLoop or longLoop.")]
    public Plants.RecyclingRoute Route { get; init; } = Plants.RecyclingRoute.ShortLoop;
}
