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

/// <summary>A method's headline figures, for showing methods side by side.</summary>
/// <param name="Method">The method in words.</param>
/// <param name="KgCo2ePerKgCutBlock">Cut sintered block.</param>
/// <param name="KgCo2ePerKgMagnet">Finished magnet.</param>
/// <param name="KgCo2ePerKgCoProduct">Co-products.</param>
public sealed record MethodFigures(string Method, double KgCo2ePerKgCutBlock, double KgCo2ePerKgMagnet, double KgCo2ePerKgCoProduct);

/// <summary>The disclosed footprint beside the method and assumptions that reproduce it.</summary>
/// <param name="DisclosedKgCo2ePerKgCutBlock">The disclosed figure.</param>
/// <param name="Source">Where it was disclosed.</param>
/// <param name="Reproduced">The figures of the method that reproduces it.</param>
/// <param name="Assumptions">The method and the calibrated factor behind the reproduction, in words.</param>
public sealed record DisclosedFootprint(double DisclosedKgCo2ePerKgCutBlock, string Source, MethodFigures Reproduced, string Assumptions);

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
/// <param name="Attribution">How the burdens were divided over the products: subdivision and the shares of the processes it could not split, or pooled allocation.</param>
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
    AttributionSummary Attribution,
    PlantEnergy Energy,
    IReadOnlyList<InventoryLineResult> Inventory,
    string Method)
{
    /// <summary>The footprint per the scenario's functional unit; null when not evaluated.</summary>
    public FunctionalUnitResult? FunctionalUnit { get; init; }

    /// <summary>The headline figures under every method the scenario could choose, side by side (empty when not evaluated).</summary>
    public IReadOnlyList<MethodFigures> Methods { get; init; } = [];

    /// <summary>The disclosed footprint beside the method that reproduces it; null when not evaluated.</summary>
    public DisclosedFootprint? Disclosure { get; init; }

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
        + "recycling leave burden-free; the plant's own scrap returned upstream is closed-loop recycling and carries no burden. "
        + "Multi-functionality by the ISO 14044 hierarchy unless the scenario chooses pooled allocation: subdivision first, "
        + "allocation only at the processes subdivision cannot split. Electricity on each site's grid subregion factor.";

    /// <summary>Evaluates the footprint.</summary>
    /// <param name="lines">Inventory lines.</param>
    /// <param name="attribution">How the burdens are divided over the products.</param>
    /// <param name="grids">Grid factor of each site (for the by-site report).</param>
    /// <param name="energy">The plant's energy record, carried into the result.</param>
    /// <param name="virginRouteKgCo2ePerKg">Virgin-route footprint of the same magnet.</param>
    public static CarbonResult Evaluate(IReadOnlyList<InventoryLine> lines, IAttribution attribution,
        IReadOnlyList<SiteGrid> grids, PlantEnergy energy, double virginRouteKgCo2ePerKg)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(attribution);
        ArgumentNullException.ThrowIfNull(grids);
        var core = Core(lines, attribution, virginRouteKgCo2ePerKg);

        var byStage = new Dictionary<string, double>(StringComparer.Ordinal);
        var byStageCut = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var stage in Enum.GetValues<Stage>())
        {
            var part = attribution.Attribute(lines.Where(l => l.Stage == stage).ToList());
            byStage[StageNames.Key(stage)] = part.Magnet;
            byStageCut[StageNames.Key(stage)] = part.CutBlock;
        }

        var sites = lines.Select(l => l.Site).Concat(grids.Select(g => g.Site)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        // Looked up, not searched: a network of many sites would otherwise cost sites x grids.
        var linesBySite = lines.ToLookup(l => l.Site, StringComparer.Ordinal);
        var gridBySite = grids.DistinctBy(g => g.Site, StringComparer.Ordinal).ToDictionary(g => g.Site, StringComparer.Ordinal);
        var bySite = sites.Select(site =>
        {
            var siteLines = linesBySite[site].ToList();
            var grid = gridBySite.GetValueOrDefault(site);
            var part = attribution.Attribute(siteLines);
            return new SiteCarbon(site, grid?.Factor.Region ?? "", grid?.Factor.KgCo2ePerKWh ?? 0,
                siteLines.Where(l => l.Unit == "kWh").Sum(l => l.AmountPerYear),
                siteLines.Sum(l => l.KgCo2ePerYear) / 1000, part.Magnet, part.CutBlock);
        }).ToList();

        var inventory = lines.Select(l => new InventoryLineResult(l.Item, StageNames.Key(l.Stage), l.Site, JsonNamingPolicy.CamelCase.ConvertName(l.Gate.ToString()),
            l.AmountPerYear, l.Unit, l.KgCo2ePerUnit, l.KgCo2ePerYear / 1000, l.FactorSource)).ToList();

        return new CarbonResult(core.CutBlock, core.Coated, core.Magnet, core.CoProduct, lines.Sum(l => l.KgCo2ePerYear) / 1000,
            byStage, byStageCut, bySite, virginRouteKgCo2ePerKg, core.Saving, attribution.Summary, energy, inventory, MethodStatement);
    }

    /// <summary>The headline figures only, as the Monte Carlo needs them.</summary>
    public static CoreFigures Core(IReadOnlyList<InventoryLine> lines, IAttribution attribution, double virginRouteKgCo2ePerKg)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(attribution);
        var f = attribution.Attribute(lines);
        var saving = virginRouteKgCo2ePerKg > 0 ? 1 - f.Magnet / virginRouteKgCo2ePerKg : 0;
        return new CoreFigures(f.CutBlock, f.Coated, f.Magnet, f.CoProduct, saving);
    }
}
