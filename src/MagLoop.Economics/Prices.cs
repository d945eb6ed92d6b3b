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
/// <param name="NdprOxideUsdPerKg">NdPr oxide price that linked prices follow.</param>
/// <param name="Magnet">Base-grade magnet price.</param>
/// <param name="GradePremiumsUsdPerKg">Premium over the base grade, by grade name.</param>
/// <param name="CoProductsUsdPerKg">Co-product prices by product (stream) name.</param>
/// <param name="OtherCoProduct">Price of co-products not listed by name.</param>
/// <param name="FreshRareEarth">Fresh rare earth (NdPr metal) bought for blending.</param>
/// <param name="NdprPath">Multipliers of <paramref name="NdprOxideUsdPerKg"/> by operating year (the last holds); null: flat.</param>
public sealed record PriceDeck(
    string Name,
    decimal NdprOxideUsdPerKg,
    LinkedPrice Magnet,
    IReadOnlyDictionary<string, decimal> GradePremiumsUsdPerKg,
    IReadOnlyDictionary<string, LinkedPrice> CoProductsUsdPerKg,
    LinkedPrice OtherCoProduct,
    LinkedPrice FreshRareEarth,
    IReadOnlyList<decimal>? NdprPath = null)
{
    /// <summary>The deck as it stands in operating year <paramref name="operatingYear"/> (0-based), with a flat NdPr price.</summary>
    public PriceDeck InOperatingYear(int operatingYear) => NdprPath is not { Count: > 0 } path
        ? this
        : this with { NdprOxideUsdPerKg = NdprOxideUsdPerKg * path[Math.Min(operatingYear, path.Count - 1)], NdprPath = null };

    /// <summary>
    /// Magnet price: the base grade plus the premium of <paramref name="grade"/> when the deck lists it; an
    /// unknown or absent grade sells at the base price.
    /// </summary>
    public decimal MagnetUsdPerKg(string? grade) =>
        Magnet.At(NdprOxideUsdPerKg) + (grade is not null && GradePremiumsUsdPerKg.TryGetValue(grade, out var premium) ? premium : 0);

    /// <summary>Price of a co-product by name, falling back on <see cref="OtherCoProduct"/>.</summary>
    public decimal CoProductUsdPerKg(string name) =>
        (CoProductsUsdPerKg.TryGetValue(name, out var price) ? price : OtherCoProduct).At(NdprOxideUsdPerKg);

    /// <summary>Fresh rare earth price.</summary>
    public decimal FreshRareEarthUsdPerKg => FreshRareEarth.At(NdprOxideUsdPerKg);

    /// <summary>The deck with every price scaled: magnet, NdPr and co-product multipliers, for sensitivities.</summary>
    public PriceDeck Scaled(decimal magnet, decimal ndpr, decimal coProduct) => this with
    {
        NdprOxideUsdPerKg = NdprOxideUsdPerKg * ndpr,
        Magnet = new LinkedPrice(Magnet.UsdPerKg * magnet, Magnet.NdprLink * magnet),
        CoProductsUsdPerKg = CoProductsUsdPerKg.ToDictionary(p => p.Key, p => new LinkedPrice(p.Value.UsdPerKg * coProduct, p.Value.NdprLink * coProduct)),
        OtherCoProduct = new LinkedPrice(OtherCoProduct.UsdPerKg * coProduct, OtherCoProduct.NdprLink * coProduct),
    };
}
