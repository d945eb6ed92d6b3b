namespace MagLoop.Economics;

/// <summary>
/// Cost of one unit of an equipment kind against its size, by the exponent ("six-tenths") rule:
/// <c>delivered = ReferenceDeliveredUsd × (size / ReferenceSize)^ScalingExponent</c>, installed =
/// delivered × <see cref="InstallationFactor"/> (installation, instrumentation, piping and electrical).
/// </summary>
/// <param name="ReferenceSize">Size at which the reference cost holds, in the unit of <paramref name="SizeUnit"/>.</param>
/// <param name="SizeUnit">What the size measures (kg/h of input, kg per batch), for reports.</param>
/// <param name="ReferenceDeliveredUsd">Delivered purchase cost of one unit at the reference size.</param>
/// <param name="ScalingExponent">Exponent of the size ratio, in (0, 1]; 0.6 is Williams' six-tenths rule.</param>
/// <param name="InstallationFactor">Installed cost per delivered cost, at least 1.</param>
/// <param name="Source">Where the reference cost comes from, or what it was calibrated to.</param>
public sealed record CostCurve(double ReferenceSize, string SizeUnit, decimal ReferenceDeliveredUsd, double ScalingExponent, double InstallationFactor, string Source)
{
    /// <summary>Delivered cost of one unit of size <paramref name="size"/>.</summary>
    public decimal DeliveredUsd(double size) => ReferenceDeliveredUsd * (decimal)Math.Pow(size / ReferenceSize, ScalingExponent);

    /// <summary>Installed cost of one unit of size <paramref name="size"/>.</summary>
    public decimal InstalledUsd(double size) => DeliveredUsd(size) * (decimal)InstallationFactor;

    /// <summary>The first problem with this curve, or null.</summary>
    public string? Problem() =>
        !(ReferenceSize > 0 && double.IsFinite(ReferenceSize)) ? $"reference size must be positive, found {ReferenceSize:G6}"
        : ReferenceDeliveredUsd < 0 ? "reference cost must not be negative"
        : ScalingExponent is not (> 0 and <= 1) ? $"scaling exponent must lie in (0, 1], found {ScalingExponent:G6}"
        : !(InstallationFactor >= 1 && double.IsFinite(InstallationFactor)) ? $"installation factor must be at least 1, found {InstallationFactor:G6}"
        : null;
}

/// <summary>Units of one equipment kind at one site.</summary>
/// <param name="Kind">Equipment (station) kind, such as <c>jetMill</c>.</param>
/// <param name="Site">Site id.</param>
/// <param name="Count">Number of units.</param>
/// <param name="Size">Size of one unit, in the unit of its curve.</param>
/// <param name="Curve">Cost curve of the kind.</param>
public sealed record EquipmentPurchase(string Kind, string Site, int Count, double Size, CostCurve Curve);

/// <summary>
/// Factors on the delivered equipment cost for the items a factored estimate does not list one by one (Peters and
/// Timmerhaus, ratio factors on delivered-equipment cost), and the contingency.
/// </summary>
/// <param name="ServiceFacilitiesShare">Utilities, power, gas and water systems, per $ of delivered equipment.</param>
/// <param name="BuildingsShare">Building works and fit-out, per $ of delivered equipment.</param>
/// <param name="IndirectShare">Engineering, supervision, construction expenses and commissioning, per $ of delivered equipment.</param>
/// <param name="Contingency">Contingency on every area.</param>
public sealed record CapitalFactors(double ServiceFacilitiesShare, double BuildingsShare, double IndirectShare, double Contingency);

/// <summary>What the capital model reads: the equipment, the fit-out of each spoke, the factors and the tax classes.</summary>
/// <param name="Equipment">Equipment by kind and site.</param>
/// <param name="SpokeFitOuts">Fit-out of each spoke (building, dismantling and sorting), by site, before contingency.</param>
/// <param name="Factors">Factors on delivered equipment and the contingency.</param>
/// <param name="Depreciation">Tax depreciation of each area.</param>
public sealed record CapitalInputs(
    IReadOnlyList<EquipmentPurchase> Equipment,
    IReadOnlyList<SpokeFitOut> SpokeFitOuts,
    CapitalFactors Factors,
    CapitalDepreciation Depreciation);

/// <summary>Fit-out of one spoke before contingency.</summary>
/// <param name="Site">Spoke site id.</param>
/// <param name="Usd">Fit-out cost.</param>
public sealed record SpokeFitOut(string Site, decimal Usd);

/// <summary>Tax depreciation by capital area (IRS Pub 946 classes).</summary>
/// <param name="Equipment">Process equipment (MACRS 7: manufacturing equipment).</param>
/// <param name="ServiceFacilities">Utilities and gas systems (MACRS 15).</param>
/// <param name="Buildings">Building works (straight line over <paramref name="BuildingYears"/>, 39 for nonresidential real property).</param>
/// <param name="BuildingYears">Years of straight-line building depreciation.</param>
/// <param name="SpokeFitOut">Spoke fit-out (MACRS 7).</param>
/// <param name="Indirect">Engineering, owner's costs and commissioning (MACRS 5).</param>
public sealed record CapitalDepreciation(
    DepreciationMethod Equipment = DepreciationMethod.Macrs7,
    DepreciationMethod ServiceFacilities = DepreciationMethod.Macrs15,
    DepreciationMethod Buildings = DepreciationMethod.StraightLine,
    int BuildingYears = 39,
    DepreciationMethod SpokeFitOut = DepreciationMethod.Macrs7,
    DepreciationMethod Indirect = DepreciationMethod.Macrs5);

/// <summary>One line of the capital estimate: an equipment item or a factored item.</summary>
/// <param name="Item">Equipment kind or item name.</param>
/// <param name="Site">Site id, or null for plant-wide items.</param>
/// <param name="Count">Units (1 for factored items).</param>
/// <param name="Size">Size of one unit (null for factored items).</param>
/// <param name="SizeUnit">Unit of the size.</param>
/// <param name="DeliveredUsd">Delivered cost of all units (0 for factored items).</param>
/// <param name="BaseUsd">Cost before contingency (installed, for equipment).</param>
/// <param name="Area">Capital area the line belongs to.</param>
public sealed record CapitalLine(string Item, string? Site, int Count, double? Size, string? SizeUnit, decimal DeliveredUsd, decimal BaseUsd, string Area);

/// <summary>The capital estimate: its lines, the areas the cash-flow model depreciates, and the total.</summary>
/// <param name="Lines">Every item.</param>
/// <param name="Areas">Areas with contingency and depreciation, for <see cref="ProjectInputs.Capex"/>.</param>
public sealed record CapitalEstimate(IReadOnlyList<CapitalLine> Lines, IReadOnlyList<CapexArea> Areas)
{
    /// <summary>Initial capital with contingency.</summary>
    public decimal TotalUsd => Areas.Sum(a => a.TotalUsd);

    /// <summary>Capital with contingency by site; plant-wide factored items fall on the site of the equipment they are factored on.</summary>
    public IReadOnlyDictionary<string, decimal> TotalUsdBySite { get; init; } = new Dictionary<string, decimal>();
}

/// <summary>
/// Initial capital from the equipment: <c>Σ count × installed(size)</c> plus service facilities, buildings and
/// indirect costs factored on the delivered equipment cost, plus each spoke's fit-out, each area with contingency.
/// Every term is non-negative and rises with count and size, so adding equipment or a spoke never lowers capital.
/// </summary>
public static class CapitalModel
{
    /// <summary>Area names, in the order of <see cref="CapitalEstimate.Areas"/>.</summary>
    public const string EquipmentArea = "Process equipment, installed", ServiceArea = "Utilities, power and gas systems",
        BuildingArea = "Building works and fit-out", SpokeArea = "Spoke fit-out", IndirectArea = "Engineering, construction and commissioning";

    /// <summary>The estimate; throws <see cref="ArgumentException"/> naming the first bad item.</summary>
    public static CapitalEstimate Estimate(CapitalInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var f = inputs.Factors;
        if (f.ServiceFacilitiesShare < 0 || f.BuildingsShare < 0 || f.IndirectShare < 0 || f.Contingency is < 0 or > 1)
            throw new ArgumentException("capital factors must not be negative and contingency must lie in [0, 1]", nameof(inputs));
        var lines = new List<CapitalLine>();
        var deliveredBySite = new Dictionary<string, decimal>();
        foreach (var e in inputs.Equipment)
        {
            if (e.Curve.Problem() is { } problem) throw new ArgumentException($"cost curve of '{e.Kind}': {problem}", nameof(inputs));
            if (e.Count < 0) throw new ArgumentException($"'{e.Kind}' at '{e.Site}' has a negative count", nameof(inputs));
            if (!(e.Size > 0 && double.IsFinite(e.Size))) throw new ArgumentException($"'{e.Kind}' at '{e.Site}' needs a positive size, found {e.Size:G6}", nameof(inputs));
            var delivered = e.Count * e.Curve.DeliveredUsd(e.Size);
            lines.Add(new CapitalLine(e.Kind, e.Site, e.Count, e.Size, e.Curve.SizeUnit, delivered, e.Count * e.Curve.InstalledUsd(e.Size), EquipmentArea));
            deliveredBySite[e.Site] = deliveredBySite.GetValueOrDefault(e.Site) + delivered;
        }

        var totalDelivered = deliveredBySite.Values.Sum();
        lines.Add(new CapitalLine("Service facilities (utilities, power, gases)", null, 1, null, null, 0, totalDelivered * (decimal)f.ServiceFacilitiesShare, ServiceArea));
        lines.Add(new CapitalLine("Buildings (works and fit-out)", null, 1, null, null, 0, totalDelivered * (decimal)f.BuildingsShare, BuildingArea));
        foreach (var s in inputs.SpokeFitOuts)
        {
            if (s.Usd < 0) throw new ArgumentException($"spoke '{s.Site}' has a negative fit-out cost", nameof(inputs));
            lines.Add(new CapitalLine("Spoke fit-out", s.Site, 1, null, null, 0, s.Usd, SpokeArea));
        }

        lines.Add(new CapitalLine("Engineering, construction and commissioning", null, 1, null, null, 0, totalDelivered * (decimal)f.IndirectShare, IndirectArea));
        var d = inputs.Depreciation;
        decimal Sum(string area) => lines.Where(l => l.Area == area).Sum(l => l.BaseUsd);
        var areas = new List<CapexArea>
        {
            new(EquipmentArea, Sum(EquipmentArea), f.Contingency, d.Equipment),
            new(ServiceArea, Sum(ServiceArea), f.Contingency, d.ServiceFacilities),
            new(BuildingArea, Sum(BuildingArea), f.Contingency, d.Buildings, d.BuildingYears),
            new(SpokeArea, Sum(SpokeArea), f.Contingency, d.SpokeFitOut),
            new(IndirectArea, Sum(IndirectArea), f.Contingency, d.Indirect),
        };

        // Per site: its installed equipment, its share of the factored items (by delivered cost) and its fit-out.
        var factored = (decimal)(f.ServiceFacilitiesShare + f.BuildingsShare + f.IndirectShare);
        var contingency = 1 + (decimal)f.Contingency;
        var bySite = new Dictionary<string, decimal>();
        foreach (var l in lines.Where(l => l.Site is not null))
            bySite[l.Site!] = bySite.GetValueOrDefault(l.Site!) + ((l.BaseUsd + (l.DeliveredUsd * factored)) * contingency);
        return new CapitalEstimate(lines, areas) { TotalUsdBySite = bySite };
    }
}
