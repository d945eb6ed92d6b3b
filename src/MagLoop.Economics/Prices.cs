namespace MagLoop.Economics;

/// <summary>
/// A price that may follow the NdPr oxide price: <c>UsdPerKg + NdprLink x NdPr oxide price</c>. A link of 0
/// is a fixed price; a fixed part of 0 is a price proportional to NdPr.
/// </summary>
/// <param name="UsdPerKg">Fixed part, real $/kg.</param>
/// <param name="NdprLink">$/kg of product per $/kg of NdPr oxide.</param>
public readonly record struct LinkedPrice(decimal UsdPerKg, decimal NdprLink)
{
    /// <summary>The price at an NdPr oxide price.</summary>
    public decimal At(decimal ndprOxideUsdPerKg) => UsdPerKg + (NdprLink * ndprOxideUsdPerKg);
}

/// <summary>A named set of prices (a "deck"), such as <c>current</c> or <c>forecast</c>.</summary>
/// <param name="Name">Deck name.</param>
/// <param name="NdprOxideUsdPerKg">NdPr oxide price that linked prices and co-product values follow.</param>
/// <param name="Magnet">Price of the reference magnet grade (<see cref="GradePriceTable.Reference"/>).</param>
/// <param name="GradePremiumsUsdPerKg">Premiums over the reference grade of single grades, by grade name; they replace the table's class and MGOe premiums for those grades.</param>
/// <param name="FreshRareEarth">Fresh rare earth (NdPr metal) bought for blending.</param>
/// <param name="NdprPath">Multipliers of <paramref name="NdprOxideUsdPerKg"/> by operating year (the last holds); null: flat.</param>
public sealed record PriceDeck(
    string Name,
    decimal NdprOxideUsdPerKg,
    LinkedPrice Magnet,
    IReadOnlyDictionary<string, decimal> GradePremiumsUsdPerKg,
    LinkedPrice FreshRareEarth,
    IReadOnlyList<decimal>? NdprPath = null)
{
    /// <summary>Dysprosium metal bought for grain-boundary diffusion, $/kg.</summary>
    public decimal DysprosiumMetalUsdPerKg { get; init; }

    /// <summary>Terbium metal bought for grain-boundary diffusion, $/kg.</summary>
    public decimal TerbiumMetalUsdPerKg { get; init; }

    /// <summary>Multiplier on co-product revenue (sensitivities; 1 in the base case).</summary>
    public decimal CoProductScale { get; init; } = 1;

    /// <summary>The deck as it stands in operating year <paramref name="operatingYear"/> (0-based), with a flat NdPr price.</summary>
    public PriceDeck InOperatingYear(int operatingYear) => NdprPath is not { Count: > 0 } path
        ? this
        : this with { NdprOxideUsdPerKg = NdprOxideUsdPerKg * path[Math.Min(operatingYear, path.Count - 1)], NdprPath = null };

    /// <summary>Price of the reference grade.</summary>
    public decimal ReferenceMagnetUsdPerKg => Magnet.At(NdprOxideUsdPerKg);

    /// <summary>
    /// Price of a magnet of <paramref name="grade"/> (null: below every grade) named <paramref name="gradeName"/>:
    /// the deck's premium for that grade where it lists one, else the table's class and MGOe premiums.
    /// </summary>
    public decimal MagnetUsdPerKg(GradePriceTable table, GradeQuote? grade, string? gradeName)
    {
        ArgumentNullException.ThrowIfNull(table);
        return (table with { ListedPremiumsUsdPerKg = GradePremiumsUsdPerKg }).PriceUsdPerKg(ReferenceMagnetUsdPerKg, grade, gradeName);
    }

    /// <summary>The sale of a co-product of <paramref name="content"/> under <paramref name="pricing"/> at this deck's NdPr price.</summary>
    public CoProductSale CoProduct(CoProductPricing pricing, CoProductContent content)
    {
        ArgumentNullException.ThrowIfNull(pricing);
        var sale = pricing.Sell(content, NdprOxideUsdPerKg);
        return sale with { RevenueUsd = sale.RevenueUsd * CoProductScale };
    }

    /// <summary>Fresh rare earth price.</summary>
    public decimal FreshRareEarthUsdPerKg => FreshRareEarth.At(NdprOxideUsdPerKg);

    /// <summary>The deck with every price scaled: magnet, NdPr and co-product multipliers, for sensitivities.</summary>
    public PriceDeck Scaled(decimal magnet, decimal ndpr, decimal coProduct) => this with
    {
        NdprOxideUsdPerKg = NdprOxideUsdPerKg * ndpr,
        Magnet = new LinkedPrice(Magnet.UsdPerKg * magnet, Magnet.NdprLink * magnet),
        CoProductScale = CoProductScale * coProduct,
    };
}
