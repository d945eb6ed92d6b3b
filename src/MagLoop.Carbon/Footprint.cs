using System.Text.Json;

namespace MagLoop.Carbon;

/// <summary>Grid region of a site and its factor.</summary>
/// <param name="Site">Site id.</param>
/// <param name="Factor">The grid factor applied to the site's electricity.</param>
public sealed record SiteGrid(string Site, GridFactor Factor);

/// <summary>A site's share of the footprint.</summary>
/// <param name="Site">Site id.</param>
/// <param name="GridRegion">Grid region of its electricity.</param>
/// <param name="GridKgCo2ePerKWh">Grid factor applied.</param>
/// <param name="ElectricityKWhPerYear">Electricity used at the site.</param>
/// <param name="AnnualTonnesCo2e">All emissions attributed to the site (unallocated), t CO2e/yr.</param>
/// <param name="KgCo2ePerKgMagnet">The site's part of the magnet footprint.</param>
/// <param name="KgCo2ePerKgCutBlock">The site's part of the cut-block footprint.</param>
public sealed record SiteCarbon(string Site, string GridRegion, double GridKgCo2ePerKWh, double ElectricityKWhPerYear,
    double AnnualTonnesCo2e, double KgCo2ePerKgMagnet, double KgCo2ePerKgCutBlock);

/// <summary>Footprints at one percentile of the Monte Carlo draws.</summary>
/// <param name="KgCo2ePerKgCutBlock">Cut sintered block.</param>
/// <param name="KgCo2ePerKgMagnet">Finished magnet.</param>
/// <param name="KgCo2ePerKgCoProduct">Co-product.</param>
/// <param name="SavingFraction">Saving against the virgin route.</param>
public sealed record CarbonPercentile(double KgCo2ePerKgCutBlock, double KgCo2ePerKgMagnet, double KgCo2ePerKgCoProduct, double SavingFraction);

/// <summary>Headline footprints, kg CO2e per kg.</summary>
/// <param name="CutBlock">Cut sintered block.</param>
/// <param name="Coated">Coated parts.</param>
/// <param name="Magnet">Finished magnet.</param>
/// <param name="CoProduct">Co-product.</param>
/// <param name="Saving">Saving against the virgin route (fraction).</param>
public sealed record CoreFigures(double CutBlock, double Coated, double Magnet, double CoProduct, double Saving)
{
    /// <summary>As a percentile record.</summary>
    public CarbonPercentile ToPercentile() => new(CutBlock, Magnet, CoProduct, Saving);
}

/// <summary>An inventory line with its emissions, for the report.</summary>
/// <param name="Item">What is consumed or done.</param>
/// <param name="Stage">Stage (camelCase).</param>
/// <param name="Site">Site id.</param>
/// <param name="Gate">Product gate (camelCase).</param>
/// <param name="AmountPerYear">Activity per year.</param>
/// <param name="Unit">Unit of the activity.</param>
/// <param name="KgCo2ePerUnit">Factor.</param>
/// <param name="TonnesCo2ePerYear">Emissions, t CO2e/yr.</param>
/// <param name="FactorSource">Source of the factor.</param>
public sealed record InventoryLineResult(string Item, string Stage, string Site, string Gate, double AmountPerYear, string Unit,
    double KgCo2ePerUnit, double TonnesCo2ePerYear, string FactorSource);

/// <summary>
/// The carbon footprint of a study: cradle to gate, scrap burden-free (cut-off), IPCC AR5 GWP100, by stage and
/// site; serialised as <c>carbon</c> in <c>magloop study --json</c>.
/// </summary>
/// <param name="KgCo2ePerKgCutBlock">kg CO2e per kg of cut sintered block (the disclosed functional unit).</param>
/// <param name="KgCo2ePerKgCoatedMagnet">kg CO2e per kg of coated parts.</param>
/// <param name="KgCo2ePerKgMagnet">kg CO2e per kg of finished (coated, magnetised, inspected) magnet.</param>
/// <param name="KgCo2ePerKgCoProduct">kg CO2e per kg of NdFeB co-product.</param>
/// <param name="AnnualTonnesCo2e">All emissions of the system in a year, before allocation, t CO2e.</param>
/// <param name="ByStage">Stage (camelCase) to kg CO2e per kg magnet; sums to <paramref name="KgCo2ePerKgMagnet"/>.</param>
/// <param name="ByStagePerKgCutBlock">Stage to kg CO2e per kg cut block; sums to <paramref name="KgCo2ePerKgCutBlock"/>.</param>
/// <param name="BySite">Per site; sums to the totals.</param>
/// <param name="VirginRouteKgCo2ePerKg">Footprint of the same magnet from virgin materials.</param>
/// <param name="SavingFraction">1 - magnet footprint / virgin footprint.</param>
/// <param name="Allocation">Allocation between cut block and co-products.</param>
/// <param name="Energy">Electricity and gases of the plant.</param>
/// <param name="Inventory">Every inventory line.</param>
/// <param name="Method">Boundary, cut-off, allocation and GWP set, in words (ISO 14067 asks for them).</param>
public sealed record CarbonResult(
    double KgCo2ePerKgCutBlock,
    double KgCo2ePerKgCoatedMagnet,
    double KgCo2ePerKgMagnet,
    double KgCo2ePerKgCoProduct,
    double AnnualTonnesCo2e,
    IReadOnlyDictionary<string, double> ByStage,
    IReadOnlyDictionary<string, double> ByStagePerKgCutBlock,
    IReadOnlyList<SiteCarbon> BySite,
    double VirginRouteKgCo2ePerKg,
    double SavingFraction,
    Allocation Allocation,
    PlantEnergy Energy,
    IReadOnlyList<InventoryLineResult> Inventory,
    string Method)
{
    /// <summary>Monte Carlo draws behind the percentiles (0: none).</summary>
    public int MonteCarloDraws { get; init; }

    /// <summary>10th percentile of the Monte Carlo draws, or null without draws.</summary>
    public CarbonPercentile? P10 { get; init; }

    /// <summary>Median of the Monte Carlo draws, or null without draws.</summary>
    public CarbonPercentile? P50 { get; init; }

    /// <summary>90th percentile of the Monte Carlo draws, or null without draws.</summary>
    public CarbonPercentile? P90 { get; init; }
}

/// <summary>Computes the footprint from an inventory. Pure: same inputs, same result.</summary>
public static class Footprint
{
    /// <summary>The method statement reported with every result.</summary>
    public const string MethodStatement =
        "Cradle to gate of the cut sintered block (coated and magnetised magnets as options), ISO 14067 approach; "
        + "GWP100 from IPCC AR5 (CH4 28, N2O 265). Scrap enters burden-free (cut-off): its first life and collection from "
        + "the final holder are outside the system; transport from sources to spokes and to the hub, pre-processing, HPMS, "
        + "magnet making, process gases, fresh rare earth, consumables and waste treatment are inside. Residues sent to "
        + "recycling leave burden-free. Burdens up to the cut block are allocated between cut block and co-products as "
        + "stated; coating and magnetising fall on magnets alone. Electricity on each site's grid subregion factor.";

    /// <summary>Evaluates the footprint.</summary>
    /// <param name="lines">Inventory lines.</param>
    /// <param name="products">Product masses.</param>
    /// <param name="allocation">Allocation between cut block and co-products.</param>
    /// <param name="grids">Grid factor of each site (for the by-site report).</param>
    /// <param name="energy">The plant's energy record, carried into the result.</param>
    /// <param name="virginRouteKgCo2ePerKg">Virgin-route footprint of the same magnet.</param>
    public static CarbonResult Evaluate(IReadOnlyList<InventoryLine> lines, ProductMasses products, Allocation allocation,
        IReadOnlyList<SiteGrid> grids, PlantEnergy energy, double virginRouteKgCo2ePerKg)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(allocation);
        ArgumentNullException.ThrowIfNull(grids);
        var core = Core(lines, products, allocation, virginRouteKgCo2ePerKg);

        var byStage = new Dictionary<string, double>(StringComparer.Ordinal);
        var byStageCut = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var stage in Enum.GetValues<Stage>())
        {
            var stageLines = lines.Where(l => l.Stage == stage).ToList();
            byStage[StageNames.Key(stage)] = PerKgMagnet(stageLines, products, allocation);
            byStageCut[StageNames.Key(stage)] = PerKgCutBlock(stageLines, products, allocation);
        }

        var sites = lines.Select(l => l.Site).Concat(grids.Select(g => g.Site)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        // Looked up, not searched: a network of many sites would otherwise cost sites x grids.
        var linesBySite = lines.ToLookup(l => l.Site, StringComparer.Ordinal);
        var gridBySite = grids.DistinctBy(g => g.Site, StringComparer.Ordinal).ToDictionary(g => g.Site, StringComparer.Ordinal);
        var bySite = sites.Select(site =>
        {
            var siteLines = linesBySite[site].ToList();
            var grid = gridBySite.GetValueOrDefault(site);
            return new SiteCarbon(site, grid?.Factor.Region ?? "", grid?.Factor.KgCo2ePerKWh ?? 0,
                siteLines.Where(l => l.Unit == "kWh").Sum(l => l.AmountPerYear),
                siteLines.Sum(l => l.KgCo2ePerYear) / 1000, PerKgMagnet(siteLines, products, allocation), PerKgCutBlock(siteLines, products, allocation));
        }).ToList();

        var inventory = lines.Select(l => new InventoryLineResult(l.Item, StageNames.Key(l.Stage), l.Site, JsonNamingPolicy.CamelCase.ConvertName(l.Gate.ToString()),
            l.AmountPerYear, l.Unit, l.KgCo2ePerUnit, l.KgCo2ePerYear / 1000, l.FactorSource)).ToList();

        return new CarbonResult(core.CutBlock, core.Coated, core.Magnet, core.CoProduct, lines.Sum(l => l.KgCo2ePerYear) / 1000,
            byStage, byStageCut, bySite, virginRouteKgCo2ePerKg, core.Saving, allocation, energy, inventory, MethodStatement);
    }

    /// <summary>The headline figures only, as the Monte Carlo needs them.</summary>
    public static CoreFigures Core(IReadOnlyList<InventoryLine> lines, ProductMasses products, Allocation allocation, double virginRouteKgCo2ePerKg)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(allocation);
        var preGate = lines.Where(l => l.Gate == Gate.CutBlock).Sum(l => l.KgCo2ePerYear);
        var coating = lines.Where(l => l.Gate == Gate.Coating).Sum(l => l.KgCo2ePerYear);
        var magnet = PerKgMagnet(lines, products, allocation);
        var saving = virginRouteKgCo2ePerKg > 0 ? 1 - magnet / virginRouteKgCo2ePerKg : 0;
        return new CoreFigures(
            Divide(allocation.CutBlockShare * preGate, products.CutBlockKgPerYear),
            Divide(allocation.CutBlockShare * preGate + coating, products.CoatedKgPerYear), // coated parts carry the cut block and the coating
            magnet,
            Divide(allocation.CoProductShare * preGate, products.CoProductKgPerYear),
            saving);
    }

    private static double PerKgCutBlock(IEnumerable<InventoryLine> lines, ProductMasses products, Allocation allocation) =>
        Divide(allocation.CutBlockShare * lines.Where(l => l.Gate == Gate.CutBlock).Sum(l => l.KgCo2ePerYear), products.CutBlockKgPerYear);

    private static double PerKgMagnet(IEnumerable<InventoryLine> lines, ProductMasses products, Allocation allocation)
    {
        var list = lines as IReadOnlyList<InventoryLine> ?? lines.ToList();
        var preGate = list.Where(l => l.Gate == Gate.CutBlock).Sum(l => l.KgCo2ePerYear);
        var after = list.Where(l => l.Gate != Gate.CutBlock).Sum(l => l.KgCo2ePerYear);
        return Divide(allocation.CutBlockShare * preGate + after, products.MagnetKgPerYear);
    }

    private static double Divide(double kgCo2e, double kg) => kg > 0 ? kgCo2e / kg : 0;
}
