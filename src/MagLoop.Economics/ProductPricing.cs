namespace MagLoop.Economics;

/// <summary>A standard sintered-magnet grade as the price table reads it: coercivity class letter(s) and nominal (BH)max.</summary>
/// <param name="CoercivityClass">Class: N, M, H, SH, UH, EH or AH.</param>
/// <param name="EnergyProductMgoe">Nominal (BH)max in MGOe (the number of the grade).</param>
public sealed record GradeQuote(string CoercivityClass, int EnergyProductMgoe);

/// <summary>
/// Magnet prices by grade, relative to a reference grade that sells at the deck's magnet price: a premium per
/// coercivity class (higher classes need Dy/Tb), a premium per MGOe of nominal (BH)max, a listed premium for a
/// named grade where the deck gives one, and a share of the reference price for magnets below every grade.
/// </summary>
/// <param name="Reference">The grade the deck's magnet price is for.</param>
/// <param name="ClassPremiumsUsdPerKg">Premium of each coercivity class over the reference class (the reference class's own entry, if any, is ignored).</param>
/// <param name="UsdPerKgPerMgoe">Premium per MGOe above the reference (a discount below it).</param>
/// <param name="ListedPremiumsUsdPerKg">Premiums over the reference grade by grade name; a listed grade takes its premium instead of the class and MGOe premiums.</param>
/// <param name="BelowGradeShare">Share of the reference price paid for a magnet below every standard grade.</param>
public sealed record GradePriceTable(
    GradeQuote Reference,
    IReadOnlyDictionary<string, decimal> ClassPremiumsUsdPerKg,
    decimal UsdPerKgPerMgoe,
    IReadOnlyDictionary<string, decimal> ListedPremiumsUsdPerKg,
    double BelowGradeShare)
{
    /// <summary>Price of a magnet of <paramref name="grade"/> (null: below every grade) given the reference grade's price.</summary>
    public decimal PriceUsdPerKg(decimal referenceUsdPerKg, GradeQuote? grade, string? gradeName)
    {
        if (grade is null) return referenceUsdPerKg * (decimal)BelowGradeShare;
        if (gradeName is not null && ListedPremiumsUsdPerKg.TryGetValue(gradeName, out var listed)) return Math.Max(0, referenceUsdPerKg + listed);
        var classPremium = ClassPremium(grade.CoercivityClass) - ClassPremium(Reference.CoercivityClass);
        var mgoe = UsdPerKgPerMgoe * (grade.EnergyProductMgoe - Reference.EnergyProductMgoe);
        return Math.Max(0, referenceUsdPerKg + classPremium + mgoe);
    }

    private decimal ClassPremium(string coercivityClass) => ClassPremiumsUsdPerKg.GetValueOrDefault(coercivityClass);
}

/// <summary>What a co-product contains, per year (or per any mass basis, consistently).</summary>
/// <param name="TotalKg">Mass in all.</param>
/// <param name="RareEarthKg">Rare-earth metal (Nd, Pr, Dy, Tb), free or bound as oxide.</param>
/// <param name="OxygenKg">Oxygen.</param>
/// <param name="CarryOverKg">Matter that is not magnet alloy: steel, coating metals, polymers and other foreign matter.</param>
public sealed record CoProductContent(double TotalKg, double RareEarthKg, double OxygenKg, double CarryOverKg)
{
    /// <summary>Rare-earth mass fraction.</summary>
    public double RareEarthFraction => TotalKg > 0 ? RareEarthKg / TotalKg : 0;

    /// <summary>
    /// Oxygen mass fraction of the content without its carry-over: each contaminant is measured against the rest,
    /// so more of one can never dilute the other into a better class.
    /// </summary>
    public double OxygenFraction => TotalKg - CarryOverKg > 0 ? OxygenKg / (TotalKg - CarryOverKg) : 0;

    /// <summary>Carry-over mass fraction of the content without its oxygen (see <see cref="OxygenFraction"/>).</summary>
    public double CarryOverFraction => TotalKg - OxygenKg > 0 ? CarryOverKg / (TotalKg - OxygenKg) : 0;
}

/// <summary>
/// A sales class of co-product: what a powder must meet to be sold as it, and what the buyer pays for its rare earth.
/// </summary>
/// <param name="Name">Class name (such as "HPMS alloy powder", "long-loop feed").</param>
/// <param name="MinRareEarthFraction">Least rare-earth fraction.</param>
/// <param name="MaxOxygenFraction">Most oxygen fraction.</param>
/// <param name="MaxCarryOverFraction">Most carry-over fraction.</param>
/// <param name="PayableShare">Share of the contained rare earth's oxide-equivalent value paid.</param>
/// <param name="CarryOverPenaltyUsdPerKg">Deducted per kg of carry-over (treatment charge).</param>
public sealed record CoProductClass(string Name, double MinRareEarthFraction, double MaxOxygenFraction, double MaxCarryOverFraction, double PayableShare, decimal CarryOverPenaltyUsdPerKg)
{
    /// <summary>True when <paramref name="content"/> meets every limit of the class.</summary>
    public bool Admits(CoProductContent content) =>
        content.RareEarthFraction >= MinRareEarthFraction && content.OxygenFraction <= MaxOxygenFraction && content.CarryOverFraction <= MaxCarryOverFraction;
}

/// <summary>The price a co-product fetches and the class it sold as.</summary>
/// <param name="Class">Class sold as, or null when no class admits it (unsold).</param>
/// <param name="RevenueUsd">Revenue for the content's mass.</param>
public sealed record CoProductSale(string? Class, decimal RevenueUsd)
{
    /// <summary>Revenue per kg of <paramref name="content"/>.</summary>
    public decimal UsdPerKg(CoProductContent content) => content.TotalKg > 0 ? RevenueUsd / (decimal)content.TotalKg : 0;
}

/// <summary>
/// Co-products priced by what they contain: the first class (best first) whose limits the content meets pays
/// <c>payable × rare-earth kg × 1.1664 × NdPr oxide price − penalty × carry-over kg</c>, never below 0; a powder
/// no class admits is not sold. Classes must run from best to worst (payable not rising, penalty not falling,
/// limits not tightening), so more oxygen or carry-over never raises the revenue.
/// </summary>
/// <param name="Classes">Sales classes, best first.</param>
public sealed record CoProductPricing(IReadOnlyList<CoProductClass> Classes)
{
    /// <summary>The first problem with the class list, or null.</summary>
    public string? Problem()
    {
        for (var i = 0; i < Classes.Count; i++)
        {
            var c = Classes[i];
            if (c.PayableShare < 0 || c.CarryOverPenaltyUsdPerKg < 0) return $"class '{c.Name}': payable share and penalty must not be negative";
            if (i == 0) continue;
            var p = Classes[i - 1];
            if (c.PayableShare > p.PayableShare || c.CarryOverPenaltyUsdPerKg < p.CarryOverPenaltyUsdPerKg)
                return $"class '{c.Name}' pays more than '{p.Name}' before it; list classes best first (payable not rising, penalty not falling)";
            if (c.MinRareEarthFraction > p.MinRareEarthFraction || c.MaxOxygenFraction < p.MaxOxygenFraction || c.MaxCarryOverFraction < p.MaxCarryOverFraction)
                return $"class '{c.Name}' is stricter than '{p.Name}' before it; each class must admit at least what the one before admits";
        }

        return null;
    }

    /// <summary>The sale of <paramref name="content"/> at an NdPr oxide price.</summary>
    public CoProductSale Sell(CoProductContent content, decimal ndprOxideUsdPerKg)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.TotalKg <= 0) return new CoProductSale(Classes.Count > 0 ? Classes[0].Name : null, 0);
        foreach (var c in Classes)
        {
            if (!c.Admits(content)) continue;
            var value = ((decimal)(content.RareEarthKg * c.PayableShare) * OperatingCosts.OxidePerMetal * ndprOxideUsdPerKg)
                - ((decimal)content.CarryOverKg * c.CarryOverPenaltyUsdPerKg);
            return new CoProductSale(c.Name, Math.Max(0, value));
        }

        return new CoProductSale(null, 0);
    }
}
