namespace MagLoop.Carbon;

/// <summary>The functional unit the headline footprint is stated for.</summary>
public enum FunctionalUnitKind
{
    /// <summary>1 kg of cut sintered block: the disclosed unit (hpms-facts 1c).</summary>
    CutBlock,
    /// <summary>1 kg of finished (coated, magnetised, inspected) magnet.</summary>
    Magnet,
    /// <summary>
    /// A performance basis: 1 kg of finished magnet per MGOe of its (BH)max, so that a recycled magnet of lower
    /// energy product is compared like for like with the virgin magnet it replaces (Accardo et al., Energies 17:908,
    /// 2024, find an 18-33 % saving depending on the functional unit).
    /// </summary>
    EnergyProduct,
}

/// <summary>The footprint per functional unit, with the virgin route on the same basis where one exists.</summary>
/// <param name="Kind">The functional unit (camelCase key in JSON: cutBlock, magnet, energyProduct).</param>
/// <param name="Unit">The unit in words.</param>
/// <param name="KgCo2ePerUnit">kg CO2e per functional unit.</param>
/// <param name="VirginKgCo2ePerUnit">The virgin route on the same basis; null for the cut block (no virgin figure at that gate).</param>
/// <param name="SavingFraction">1 - footprint / virgin on this basis; null without a virgin figure.</param>
/// <param name="EnergyProductMGOe">(BH)max of the recycled magnet, MGOe; null unless the basis is the energy product.</param>
/// <param name="VirginEnergyProductMGOe">(BH)max of the virgin magnet the virgin footprint refers to, MGOe; null unless the basis is the energy product.</param>
public sealed record FunctionalUnitResult(FunctionalUnitKind Kind, string Unit, double KgCo2ePerUnit, double? VirginKgCo2ePerUnit, double? SavingFraction,
    double? EnergyProductMGOe, double? VirginEnergyProductMGOe)
{
    /// <summary>
    /// The footprint per <paramref name="kind"/> from the per-kg figures. The energy-product basis needs the
    /// recycled magnet's (BH)max and the virgin magnet's (both MGOe, above zero).
    /// </summary>
    public static FunctionalUnitResult Of(FunctionalUnitKind kind, AttributedFigures figures, double virginRouteKgCo2ePerKg,
        double? energyProductMGOe = null, double? virginEnergyProductMGOe = null)
    {
        ArgumentNullException.ThrowIfNull(figures);
        switch (kind)
        {
            case FunctionalUnitKind.CutBlock:
                return new(kind, "kg CO2e per kg of cut sintered block", figures.CutBlock, null, null, null, null);
            case FunctionalUnitKind.Magnet:
                return new(kind, "kg CO2e per kg of finished magnet", figures.Magnet, virginRouteKgCo2ePerKg, Saving(figures.Magnet, virginRouteKgCo2ePerKg), null, null);
            default:
                var own = EnergyModel.Positive(energyProductMGOe ?? 0, nameof(energyProductMGOe));
                var virgin = EnergyModel.Positive(virginEnergyProductMGOe ?? 0, nameof(virginEnergyProductMGOe));
                var perUnit = figures.Magnet / own;
                var virginPerUnit = virginRouteKgCo2ePerKg / virgin;
                return new(kind, "kg CO2e per kg of finished magnet per MGOe of (BH)max", perUnit, virginPerUnit, Saving(perUnit, virginPerUnit), own, virgin);
        }
    }

    private static double? Saving(double footprint, double virgin) => virgin > 0 ? 1 - footprint / virgin : null;
}
