namespace MagLoop.Carbon;

/// <summary>The last product gate an inventory line comes before.</summary>
public enum Gate
{
    /// <summary>Up to the cut sintered block (the disclosed functional unit); shared with co-products by allocation.</summary>
    CutBlock,
    /// <summary>Coating of the cut parts: magnets only.</summary>
    Coating,
    /// <summary>Magnetising and inspection: magnets only.</summary>
    Magnetising,
}

/// <summary>Keys of the uncertainty groups a line's activity and factor belong to.</summary>
public static class UncertaintyKeys
{
    /// <summary>Electricity per kg of the unit operations (equipment energy intensities).</summary>
    public const string ElectricityIntensity = "electricityIntensity";
    /// <summary>Grid emission factors.</summary>
    public const string GridFactor = "gridFactor";
    /// <summary>Process-gas consumption per kg.</summary>
    public const string GasConsumption = "gasConsumption";
    /// <summary>Hydrogen emission factor.</summary>
    public const string HydrogenFactor = "hydrogenFactor";
    /// <summary>Argon and nitrogen emission factors.</summary>
    public const string InertGasFactor = "inertGasFactor";
    /// <summary>Fresh rare-earth emission factor.</summary>
    public const string FreshRareEarthFactor = "freshRareEarthFactor";
    /// <summary>Freight emission factors.</summary>
    public const string TransportFactor = "transportFactor";
    /// <summary>Collection distance from sources to spokes.</summary>
    public const string CollectionDistance = "collectionDistance";
    /// <summary>Consumables and waste treatment factors.</summary>
    public const string ConsumablesAndWaste = "consumablesAndWaste";
    /// <summary>The virgin-route footprint used for the saving.</summary>
    public const string VirginRoute = "virginRoute";
}

/// <summary>One line of the life-cycle inventory: an annual activity and its emission factor.</summary>
/// <param name="Item">What is consumed or done, e.g. "Electricity, vacuum sintering".</param>
/// <param name="Stage">Life-cycle stage.</param>
/// <param name="Site">Site id the line is attributed to.</param>
/// <param name="Gate">Product gate it precedes.</param>
/// <param name="AmountPerYear">Activity per year in <paramref name="Unit"/>.</param>
/// <param name="Unit">Unit of the activity (kWh, kg, t·km).</param>
/// <param name="KgCo2ePerUnit">Emission factor, kg CO2e per unit.</param>
/// <param name="FactorSource">Source of the factor.</param>
/// <param name="ActivityUncertainty">Uncertainty group of the activity (a key of <see cref="UncertaintyKeys"/>), or null.</param>
/// <param name="FactorUncertainty">Uncertainty group of the factor, or null.</param>
public sealed record InventoryLine(string Item, Stage Stage, string Site, Gate Gate, double AmountPerYear, string Unit,
    double KgCo2ePerUnit, string FactorSource, string? ActivityUncertainty, string? FactorUncertainty)
{
    /// <summary>Emissions, kg CO2e per year.</summary>
    public double KgCo2ePerYear => AmountPerYear * KgCo2ePerUnit;

    /// <summary>
    /// Id of the unit process of the <see cref="ProductSystem"/> the line occurs in, for subdivision; empty when the
    /// footprint is only allocated as a pool (<see cref="PooledAllocation"/>).
    /// </summary>
    public string Process { get; init; } = "";
}

/// <summary>Annual masses of the products the footprint is divided over.</summary>
/// <param name="CutBlockKgPerYear">Cut sintered block (before coating).</param>
/// <param name="CoatedKgPerYear">Coated parts (cut block plus coating).</param>
/// <param name="MagnetKgPerYear">Finished, magnetised magnets that passed inspection.</param>
/// <param name="CoProductKgPerYear">NdFeB co-products sold (surplus powder, swarf, and returns routed as co-products).</param>
public sealed record ProductMasses(double CutBlockKgPerYear, double CoatedKgPerYear, double MagnetKgPerYear, double CoProductKgPerYear);

/// <summary>How burdens up to the cut block are shared between the cut block and the co-products.</summary>
public enum AllocationMethod
{
    /// <summary>By mass of the products (ISO 14044 4.3.4.2, a physical relationship).</summary>
    Mass,
    /// <summary>By economic value (mass x price) of the products.</summary>
    Economic,
    /// <summary>By shares the scenario states.</summary>
    Shares,
}

/// <summary>The allocation applied.</summary>
/// <param name="Method">How the shares were found.</param>
/// <param name="CutBlockShare">Share of the burdens up to the cut block borne by the cut block.</param>
/// <param name="CoProductShare">Share borne by the co-products; the two sum to 1.</param>
public sealed record Allocation(AllocationMethod Method, double CutBlockShare, double CoProductShare)
{
    /// <summary>Tolerance on the sum of shares.</summary>
    public const double SumTolerance = 1e-6;

    /// <summary>Shares by mass.</summary>
    public static Allocation ByMass(ProductMasses products)
    {
        ArgumentNullException.ThrowIfNull(products);
        return Split(AllocationMethod.Mass, products.CutBlockKgPerYear, products.CoProductKgPerYear);
    }

    /// <summary>Shares by economic value at the given prices (any one currency per kg).</summary>
    public static Allocation ByValue(ProductMasses products, double cutBlockPricePerKg, double coProductPricePerKg)
    {
        ArgumentNullException.ThrowIfNull(products);
        return Split(AllocationMethod.Economic, products.CutBlockKgPerYear * EnergyModel.NonNegative(cutBlockPricePerKg, nameof(cutBlockPricePerKg)),
            products.CoProductKgPerYear * EnergyModel.NonNegative(coProductPricePerKg, nameof(coProductPricePerKg)));
    }

    /// <summary>Stated shares; throws <see cref="ArgumentException"/> unless both lie in [0, 1] and sum to 1.</summary>
    public static Allocation Explicit(double cutBlockShare, double coProductShare)
    {
        if (!IsValidShares(cutBlockShare, coProductShare))
            throw new ArgumentException($"allocation shares must lie in [0, 1] and sum to 1; they sum to {cutBlockShare + coProductShare:G6}");
        return new Allocation(AllocationMethod.Shares, cutBlockShare, coProductShare);
    }

    /// <summary>Whether two shares lie in [0, 1] and sum to 1 within <see cref="SumTolerance"/>.</summary>
    public static bool IsValidShares(double cutBlockShare, double coProductShare) =>
        cutBlockShare is >= 0 and <= 1 && coProductShare is >= 0 and <= 1 && Math.Abs(cutBlockShare + coProductShare - 1) <= SumTolerance;

    private static Allocation Split(AllocationMethod method, double cutBlock, double coProducts)
    {
        var total = cutBlock + coProducts;
        // With nothing to share, the cut block bears everything.
        return total > 0 ? new Allocation(method, cutBlock / total, coProducts / total) : new Allocation(method, 1, 0);
    }
}
