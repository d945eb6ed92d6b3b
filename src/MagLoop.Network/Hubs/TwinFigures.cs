using System.Collections.Concurrent;
using MagLoop.Studies;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Network.Hubs;

/// <summary>What the twin says about one site of a scenario: staff, capital, energy and process emissions.</summary>
/// <param name="Site">Site id in the scenario.</param>
/// <param name="LatitudeDeg">Latitude in the scenario.</param>
/// <param name="LongitudeDeg">Longitude in the scenario.</param>
/// <param name="ScrapKgPerYear">Scrap as received at the site (the feeds the study takes there).</param>
/// <param name="CapitalUsd">Initial capital of the site with contingency (CapitalModel).</param>
/// <param name="LabourUsdPerYear">Loaded labour cost of the site's staff (LabourModel).</param>
/// <param name="Fte">Full-time equivalents at the site.</param>
/// <param name="ElectricityKWhPerYear">Electricity the site uses.</param>
/// <param name="TariffUsdPerKWh">The site's electricity tariff.</param>
/// <param name="GridKgCo2ePerKWh">The site's grid factor in the scenario.</param>
/// <param name="ProcessTonnesCo2ePerYear">The site's emissions other than transport (electricity, gases, fresh rare earth, consumables, landfill).</param>
public sealed record TwinSite(string Site, double LatitudeDeg, double LongitudeDeg, double ScrapKgPerYear, double CapitalUsd, double LabourUsdPerYear,
    double Fte, double ElectricityKWhPerYear, double TariffUsdPerKWh, double GridKgCo2ePerKWh, double ProcessTonnesCo2ePerYear)
{
    /// <summary>Process emissions per kg received with the site's grid factor replaced by <paramref name="gridKgCo2ePerKWh"/>.</summary>
    public double ProcessKgCo2ePerKg(double gridKgCo2ePerKWh, double kgPerYear) => kgPerYear <= 0 ? 0
        : ((ProcessTonnesCo2ePerYear * 1000) + (ElectricityKWhPerYear * (gridKgCo2ePerKWh - GridKgCo2ePerKWh))) / kgPerYear;
}

/// <summary>
/// A scenario's plant as the network sees it, from one study of the twin (flowsheet, CapitalModel, LabourModel,
/// operating cost lines, carbon inventory): the hub's scrap intake at HPMS capacity, capital, staff, fixed and
/// variable cost, process emissions and yields per scrap type, and the same for each spoke of the scenario.
/// </summary>
/// <param name="ScenarioPath">Full path of the scenario file.</param>
/// <param name="Study">The study the figures come from.</param>
/// <param name="Hub">The hub site.</param>
/// <param name="Spokes">The scenario's spokes by site id.</param>
/// <param name="CapacityKgPerYear">Scrap as received the hub takes when HPMS runs full, at the scenario's feed mix.</param>
/// <param name="FixedCostUsdPerYear">Hub labour, its share of maintenance and insurance, and general and administrative cost.</param>
/// <param name="VariableCostUsdPerKg">Fresh rare earth, Dy/Tb, hub electricity, gases and consumables per kg of scrap as received.</param>
/// <param name="ConcentrateKgPerKg">kg charged to HPMS per kg of scrap received: what a spoke ships to the hub per kg it receives.</param>
/// <param name="Yields">Magnets and co-products per kg of each scrap type.</param>
/// <param name="ScrapPriceUsdPerKg">Purchase price per kg by scrap type (the scenario's default deck).</param>
/// <param name="MagnetPriceUsdPerKg">Magnet price of the study (default deck, predicted grade).</param>
/// <param name="CoProductPriceUsdPerKg">Co-product price, tonnage-weighted over the co-products as sold.</param>
/// <param name="LeadTimeYears">Construction years of the scenario's economics.</param>
/// <param name="DiscountRate">Discount rate of the scenario's economics.</param>
public sealed record TwinFigures(
    string ScenarioPath, StudyResult Study, TwinSite Hub, IReadOnlyDictionary<string, TwinSite> Spokes, double CapacityKgPerYear,
    double FixedCostUsdPerYear, double VariableCostUsdPerKg, double ConcentrateKgPerKg, IReadOnlyList<HubYield> Yields,
    IReadOnlyDictionary<string, double> ScrapPriceUsdPerKg, double MagnetPriceUsdPerKg, double CoProductPriceUsdPerKg, int LeadTimeYears, double DiscountRate)
{
    /// <summary>Jobs at the hub: its FTEs rounded up.</summary>
    public double HubJobs => Math.Ceiling(Hub.Fte);
}

/// <summary>Runs the twin on scenario files for the network, once per file.</summary>
public static class Twin
{
    private static readonly ConcurrentDictionary<string, Lazy<TwinFigures>> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The figures of a scenario file (read, validated and studied through <see cref="Study"/>; its errors are the
    /// scenario's located errors). A scenario without an economics section is refused, located at its start.
    /// </summary>
    public static TwinFigures Evaluate(string scenarioPath)
    {
        ArgumentNullException.ThrowIfNull(scenarioPath);
        var full = Path.GetFullPath(scenarioPath);
        var stamp = File.Exists(full) ? File.GetLastWriteTimeUtc(full).Ticks : 0;
        return Cache.GetOrAdd($"{full}|{stamp}", _ => new Lazy<TwinFigures>(() => Compute(scenarioPath, full))).Value;
    }

    private static TwinFigures Compute(string given, string full)
    {
        var plant = Study.Load(given);
        var scenario = plant.Scenario;
        if (scenario.Economics is not { } economics)
            throw plant.Map.Error(scenario, null, "a network hub or spoke option needs the scenario's economics section (capital, staff and operating cost come from it)");
        var result = Study.Run(plant, given);
        var money = result.Economics!;
        var carbon = result.Carbon!;
        var production = result.Production;
        var hubSite = scenario.Equipment.Hpms.Site;
        var tariffs = economics.ElectricityTariffs.ToDictionary(t => t.Site, t => t.UsdPerKWh, StringComparer.Ordinal);
        var totalCapex = (double)money.CapexUsd;

        TwinSite SiteFigures(Site site) => new(
            site.Id, site.Latitude, site.Longitude,
            result.Feeds.Where(f => f.Site == site.Id).Sum(f => f.ProcessedTonnesPerYear) * 1000,
            (double)money.CapexUsdBySite.GetValueOrDefault(site.Id),
            (double)(money.Labour?.Roles.Where(r => r.Site == site.Id).Sum(r => r.Headcount * r.LoadedWageUsdPerYear) ?? 0),
            (double)(money.Labour?.Roles.Where(r => r.Site == site.Id).Sum(r => r.Headcount) ?? 0),
            carbon.BySite.FirstOrDefault(s => s.Site == site.Id)?.ElectricityKWhPerYear ?? 0,
            tariffs.GetValueOrDefault(site.Id),
            carbon.BySite.FirstOrDefault(s => s.Site == site.Id)?.GridKgCo2ePerKWh ?? 0,
            carbon.Inventory.Where(l => l.Site == site.Id && l.Stage != "transport").Sum(l => l.TonnesCo2ePerYear));

        var hub = SiteFigures(scenario.Sites.Single(s => s.Id == hubSite));
        var spokes = scenario.Sites.Where(s => s.Kind == SiteKind.Spoke).ToDictionary(s => s.Id, SiteFigures, StringComparer.Ordinal);

        var scrapKg = production.ScrapFeedTonnesPerYear * 1000;
        // HPMS capacity in scrap as received at this feed mix: when HPMS binds the study takes exactly that much.
        var capacityKg = production.HpmsUtilisation > 0 ? scrapKg / Math.Min(1, production.HpmsUtilisation) : scrapKg;
        decimal Line(string name) => money.OpexAtNameplate.FirstOrDefault(l => l.Name == name)?.UsdPerYear ?? 0;
        var hubCapexShare = totalCapex > 0 ? hub.CapitalUsd / totalCapex : 1;
        var fixedCost = hub.LabourUsdPerYear + (((double)Line("Maintenance") + (double)Line("Insurance")) * hubCapexShare) + (double)Line("General and administrative");
        var variable = (double)(Line("Fresh rare earth") + Line("Dy/Tb for grain-boundary diffusion") + Line("Hydrogen, argon, nitrogen") + Line("Other consumables"))
            + (hub.ElectricityKWhPerYear * hub.TariffUsdPerKWh);

        var margins = money.FeedMargins.ToDictionary(m => m.Feed, StringComparer.Ordinal);
        var prices = result.Feeds.GroupBy(f => f.ScrapType, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (double)margins[g.First().Id].PurchaseUsdPerKgScrap, StringComparer.Ordinal);
        var magnetSales = money.Sales.Where(s => s.Name == "Magnets").ToList();
        var coSales = money.Sales.Where(s => s.Name != "Magnets" && s.TonnesPerYear > 0).ToList();
        var coTonnes = coSales.Sum(s => s.TonnesPerYear);

        return new TwinFigures(full, result, hub, spokes, capacityKg, fixedCost, scrapKg > 0 ? variable / scrapKg : 0,
            scrapKg > 0 ? production.HpmsIntakeTonnesPerYear * 1000 / scrapKg : 1, Yields(result),
            prices,
            magnetSales.Count > 0 ? (double)magnetSales[0].PriceUsdPerKg : 0,
            coTonnes > 0 ? coSales.Sum(s => s.TonnesPerYear * (double)s.PriceUsdPerKg) / coTonnes : 0,
            economics.ConstructionYears, economics.DiscountRate);
    }

    /// <summary>
    /// Magnets and co-products per kg of each scrap type at the scenario's operating point: the plant's magnet and
    /// co-product tonnes shared over the feeds by the HPMS powder each yields (alloy taken x extraction yield). The
    /// shares reproduce the study's output at its feed mix; at another mix or a lower throughput they are a linear
    /// approximation (the magnet line's cap, which sends surplus powder to co-products, is not modelled apart).
    /// </summary>
    public static IReadOnlyList<HubYield> Yields(StudyResult study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var powder = study.Feeds.Sum(f => f.MagnetAlloyTonnesPerYear * f.HpmsExtractionYield);
        var magnets = study.Production.MagnetTonnesPerYear;
        var coProducts = study.Production.CoProductTonnesPerYear;
        return study.Feeds.GroupBy(f => f.ScrapType, StringComparer.Ordinal).Select(g =>
        {
            var taken = g.Sum(f => f.ProcessedTonnesPerYear);
            var share = powder > 0 ? g.Sum(f => f.MagnetAlloyTonnesPerYear * f.HpmsExtractionYield) / powder : 0;
            return taken > 0 ? new HubYield(g.Key, magnets * share / taken, coProducts * share / taken) : new HubYield(g.Key, 0, 0);
        }).OrderBy(y => y.ScrapType, StringComparer.Ordinal).ToList();
    }
}
