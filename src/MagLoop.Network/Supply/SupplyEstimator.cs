using MagLoop.Network.Files;

namespace MagLoop.Network.Supply;

/// <summary>
/// Scrap arising by state, scrap type and year from the proxies of the reference data (docs/network.md, Supply).
/// Every figure is scrap as received (the unit of a scenario's feeds), after the collection rate. Pure given the data.
/// </summary>
public static class SupplyEstimator
{
    /// <summary>Last year of the data-centre floor-area snapshot (IM3 atlas, June 2025).</summary>
    public const int FloorAreaYear = 2025;

    /// <summary>kg of scrap collected in a state in a year by one estimate.</summary>
    public static double KgPerYear(ReferenceData data, SupplyEstimateSpec estimate, string state, int year)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(state);
        var arising = estimate.Proxy switch
        {
            // Population is held at its last year (2024) and grown from there.
            SupplyProxy.Population => data.Population(state, year) * estimate.KgPerCapitaPerYear!.Value
                * Grow(estimate.GrowthPerYear, year - ReferenceData.LastPopulationYear),
            SupplyProxy.DataCentreFloorArea => data.NationalDataCentreFloorAreaSqft <= 0 ? 0
                : estimate.NationalTonnesPerYear!.Value * 1000 * data.DataCentreFloorAreaSqft(state) / data.NationalDataCentreFloorAreaSqft
                    * Grow(estimate.GrowthPerYear, year - FloorAreaYear),
            SupplyProxy.EvRegistrations => BevAdded(data, state, year - estimate.ServiceLifeYears!.Value) * estimate.KgPerUnit!.Value,
            SupplyProxy.WindCapacity => data.WindMwOnline(state, year - estimate.ServiceLifeYears!.Value) * estimate.KgPerUnit!.Value,
            _ => throw new ArgumentOutOfRangeException(nameof(estimate), estimate.Proxy, "unknown proxy"),
        };
        return arising * estimate.CollectionRate;
    }

    /// <summary>
    /// BEVs added to a state's fleet in a year: the growth of the registered stock (retirements of a young fleet are
    /// few). The 2016 stock stands for everything registered up to 2016; years after 2023 repeat 2023's addition
    /// (AFDC's 2024 table was not available); years before 2016 add none.
    /// </summary>
    public static double BevAdded(ReferenceData data, string state, int year)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (year < ReferenceData.FirstEvYear) return 0;
        if (year == ReferenceData.FirstEvYear) return data.BevStock(state, year);
        var y = Math.Min(year, ReferenceData.LastEvYear);
        return Math.Max(0, data.BevStock(state, y) - data.BevStock(state, y - 1));
    }

    /// <summary>The problem in words when an estimate lacks the factors its proxy needs, else null.</summary>
    public static (string Field, string Problem)? Missing(SupplyEstimateSpec estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        return estimate.Proxy switch
        {
            SupplyProxy.Population when estimate.KgPerCapitaPerYear is null => (nameof(SupplyEstimateSpec.Proxy), "the population proxy needs kgPerCapitaPerYear"),
            SupplyProxy.DataCentreFloorArea when estimate.NationalTonnesPerYear is null => (nameof(SupplyEstimateSpec.Proxy), "the dataCentreFloorArea proxy needs nationalTonnesPerYear"),
            SupplyProxy.EvRegistrations or SupplyProxy.WindCapacity when estimate.KgPerUnit is null || estimate.ServiceLifeYears is null =>
                (nameof(SupplyEstimateSpec.Proxy), $"the {Files.Names.Key(estimate.Proxy.ToString())} proxy needs kgPerUnit and serviceLifeYears"),
            _ => null,
        };
    }

    private static double Grow(double rate, int years) => years <= 0 ? 1 : Math.Pow(1 + rate, years);
}
