using MagLoop.Economics;
using MagLoop.Materials;
using MagLoop.Plants;
using MagLoop.Process;

namespace MagLoop.Studies;

/// <summary>
/// What a recycling route takes and makes in a solved plant: the quantities its energy, reagents, carbon and
/// costs scale with. Read by the carbon inventory, the operating cost and the route table alike.
/// </summary>
/// <param name="Route">Medium or long loop.</param>
/// <param name="Unit">The route's flowsheet unit.</param>
/// <param name="IntakeKg">Intake, kg/yr.</param>
/// <param name="RareEarthInKg">Rare earth in the intake, kg/yr.</param>
/// <param name="ProductKg">Flake (medium) or oxide/metal (long), kg/yr.</param>
/// <param name="RareEarthOutKg">Rare earth in the product, kg/yr.</param>
/// <param name="MetalKg">Metal won by electrolysis, kg/yr (0 unless the long loop makes metal).</param>
/// <param name="AnodeOxygenKg">Oxygen electrolysis releases at the anode, kg/yr.</param>
/// <param name="TopUpKg">Fresh rare earth the medium loop adds, kg/yr.</param>
/// <param name="ResidueKg">Slag, dross, leach residue and effluent solids, kg/yr.</param>
/// <param name="Energy">Electricity and argon figures.</param>
/// <param name="Reagents">Reagents.</param>
/// <param name="Toll">Toll terms of a tolled long loop.</param>
/// <param name="TollKgCo2ePerKg">A toll refiner's carbon per kg processed.</param>
/// <param name="AnodeKgCo2PerKgOxygen">CO2 per kg of anode oxygen.</param>
internal sealed record RouteFlows(RecyclingRoute Route, UnitId Unit, double IntakeKg, double RareEarthInKg, double ProductKg, double RareEarthOutKg, double MetalKg,
    double AnodeOxygenKg, double TopUpKg, double ResidueKg, RouteEnergy Energy, IReadOnlyList<RouteReagent> Reagents, TollTerms? Toll, double TollKgCo2ePerKg, double AnodeKgCo2PerKgOxygen)
{
    /// <summary>Long loop: price of the product as a share of its rare earth's oxide-equivalent NdPr value (0 for the medium loop, whose flake is not sold).</summary>
    public double PayableShare { get; init; }

    /// <summary>Long loop: whether its metal returns to the blend (not sold).</summary>
    public bool ReturnsToBlend { get; init; }

    /// <summary>Price of the sold product at an NdPr oxide price, USD/kg of product.</summary>
    public decimal PriceUsdPerKg(decimal ndprOxideUsdPerKg) =>
        ProductKg > 0 ? (decimal)(PayableShare * RareEarthOutKg / ProductKg) * OperatingCosts.OxidePerMetal * ndprOxideUsdPerKg : 0;

    /// <summary>kg/yr of a reagent.</summary>
    public double KgOf(RouteReagent reagent) => reagent.KgPerKg * reagent.Basis switch
    {
        ReagentBasis.Intake => IntakeKg,
        ReagentBasis.RareEarthIn => RareEarthInKg,
        _ => RareEarthOutKg,
    };

    /// <summary>Electricity, kWh/yr.</summary>
    public double KWh => (IntakeKg * Energy.KWhPerKgIntake) + (MetalKg * Energy.KWhPerKgMetal);

    /// <summary>Route display name.</summary>
    public string Name => Route == RecyclingRoute.MediumLoop ? "medium loop" : Toll is null ? "long loop" : "long loop (tolled)";

    /// <summary>The routes a solved plant runs (those with an intake), medium first.</summary>
    public static IReadOnlyList<RouteFlows> Of(PlantDefinition plant, FlowsheetSolution solution)
    {
        var list = new List<RouteFlows>();
        if (plant.RecyclingRoutes is not { } routes) return list;
        static double Re(MassStream s) => Components.RareEarths.Sum(re => s[re]);
        if (routes.Medium is { } m)
        {
            var intake = solution.Intake(RouteIds.MediumLoop.Value);
            if (intake.TotalKgPerYear > 0)
            {
                var flake = solution.Stream(RouteIds.Flake);
                var topUp = solution.ExternalInputs.Where(x => x.Node == RouteIds.MediumLoop.Value && x.Name == ExternalInputs.FreshRareEarth).Sum(x => x.Stream.TotalKgPerYear);
                list.Add(new RouteFlows(RecyclingRoute.MediumLoop, RouteIds.MediumLoop, intake.TotalKgPerYear, Re(intake), flake.TotalKgPerYear, Re(flake), 0, 0, topUp,
                    solution.Stream(RouteIds.MeltSlag).TotalKgPerYear, m.Energy, m.Reagents, null, 0, 0));
            }
        }

        if (routes.Long is { } l)
        {
            var intake = solution.Intake(RouteIds.LongLoop.Value);
            if (intake.TotalKgPerYear > 0)
            {
                var product = solution.Stream(RouteIds.LongLoopProduct);
                var metal = l.Separation.Product == LongLoopProduct.Metal;
                var anodeO = metal ? Components.RareEarths.Sum(re => RareEarthOxides.OxygenKgAsSesquioxide(re, product[re])) : 0;
                list.Add(new RouteFlows(RecyclingRoute.LongLoop, RouteIds.LongLoop, intake.TotalKgPerYear, Re(intake), product.TotalKgPerYear, Re(product),
                    metal ? product.TotalKgPerYear : 0, anodeO, 0,
                    solution.Stream(RouteIds.LeachResidue).TotalKgPerYear + solution.Stream(RouteIds.Effluent).TotalKgPerYear,
                    l.Energy, l.Reagents, l.Toll, l.TollKgCo2ePerKgIntake, l.AnodeKgCo2PerKgOxygen) { PayableShare = l.ReturnsToBlend ? 0 : l.PayableShare, ReturnsToBlend = l.ReturnsToBlend });
            }
        }

        return list;
    }

    /// <summary>The routes' own operating cost lines (reagents, toll fees, toll freight), variable with output.</summary>
    public static IReadOnlyList<OpexLine> CostLines(IReadOnlyList<RouteFlows> routes, double truckUsdPerTonneKm, double railUsdPerTonneKm)
    {
        var lines = new List<OpexLine>();
        foreach (var r in routes)
        {
            var reagents = r.Reagents.Sum(x => (decimal)(r.KgOf(x) * x.UsdPerKg));
            if (reagents > 0) lines.Add(new OpexLine($"Reagents and flux, {r.Name}", reagents, 0));
            if (r.Toll is { } t)
            {
                var rate = t.Mode == FreightMode.Rail ? railUsdPerTonneKm : truckUsdPerTonneKm;
                lines.Add(new OpexLine("Toll refining fee, long loop", (decimal)(r.IntakeKg * t.FeeUsdPerKgIntake), 0));
                lines.Add(new OpexLine("Freight to and from the toll refiner", (decimal)((r.IntakeKg + r.ProductKg) / 1000 * t.DistanceKm * rate), 0));
            }
        }

        return lines;
    }
}
