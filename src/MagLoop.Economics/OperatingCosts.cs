namespace MagLoop.Economics;

/// <summary>
/// Operating cost at nameplate from physical quantities and unit costs: scrap, fresh rare earth, utilities,
/// labour, maintenance, insurance, logistics and G&amp;A. Pure; the result feeds <see cref="ProjectInputs.Opex"/>.
/// </summary>
public static class OperatingCosts
{
    /// <summary>kg of NdPr oxide ((Nd,Pr)2O3) per kg of NdPr metal: 336.48 / 288.48 for Nd2O3 (IUPAC atomic weights).</summary>
    public const decimal OxidePerMetal = 1.1664m;

    /// <summary>The opex lines for the given quantities, unit costs and price deck.</summary>
    public static IReadOnlyList<OpexLine> Lines(OperatingInputs inputs, PriceDeck deck)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(deck);
        var ndpr = deck.NdprOxideUsdPerKg;
        decimal scrap = 0;
        foreach (var s in inputs.Scrap)
        {
            // Recyclers pay a share of the NdPr value the scrap contains, priced as oxide equivalent, plus any $/kg.
            scrap += ((decimal)s.ScrapKgPerYear * s.UsdPerKgScrap)
                + ((decimal)s.ContainedNdprKgPerYear * OxidePerMetal * ndpr * (decimal)s.ShareOfNdprValue);
        }

        scrap *= inputs.ScrapCostMultiplier;
        var u = inputs.Utilities;
        var p = inputs.UtilityPrices;
        decimal electricity = 0;
        foreach (var site in u.ElectricityKWhPerYearBySite)
        {
            if (!p.ElectricityUsdPerKWhBySite.TryGetValue(site.Key, out var tariff))
                throw new ArgumentException($"no electricity tariff for site '{site.Key}'", nameof(inputs));
            electricity += (decimal)site.Value * tariff;
        }

        var gases = ((decimal)u.HydrogenKgPerYear * p.HydrogenUsdPerKg) + ((decimal)u.ArgonKgPerYear * p.ArgonUsdPerKg) + ((decimal)u.NitrogenKgPerYear * p.NitrogenUsdPerKg);
        var labour = inputs.Labour.Sum(l => l.Headcount * l.LoadedWageUsdPerYear);
        var logistics = inputs.Shipments.Sum(s => (decimal)(s.TonnesPerYear * s.DistanceKm) * s.UsdPerTonneKm);
        var capex = inputs.InitialCapexUsd;
        var lines = new List<OpexLine>
        {
            new("Scrap purchase", scrap, 0),
            new("Fresh rare earth", (decimal)inputs.FreshRareEarthKgPerYear * deck.FreshRareEarthUsdPerKg, 0),
            new("Dy/Tb for grain-boundary diffusion", ((decimal)inputs.FreshDyKgPerYear * deck.DysprosiumMetalUsdPerKg) + ((decimal)inputs.FreshTbKgPerYear * deck.TerbiumMetalUsdPerKg), 0),
            new("Electricity", electricity, 0),
            new("Hydrogen, argon, nitrogen", gases, 0),
            new("Other consumables", (decimal)inputs.MagnetKgPerYear * inputs.ConsumablesUsdPerKgMagnet, 0),
            new("Logistics from spokes", logistics, 0),
            new("Labour", 0, labour),
            new("Maintenance", 0, capex * (decimal)inputs.MaintenanceShareOfCapex),
            new("Insurance", 0, capex * (decimal)inputs.InsuranceShareOfCapex),
            new("General and administrative", 0, inputs.GeneralAndAdministrativeUsdPerYear),
        };
        lines.AddRange(inputs.RouteLines);
        return inputs.OpexMultiplier == 1 ? lines : lines.Select(l => l with { VariableUsdPerYear = l.VariableUsdPerYear * inputs.OpexMultiplier, FixedUsdPerYear = l.FixedUsdPerYear * inputs.OpexMultiplier }).ToList();
    }
}

/// <summary>Physical quantities at nameplate and unit costs for <see cref="OperatingCosts"/>.</summary>
public sealed record OperatingInputs
{
    /// <summary>Scrap bought, by feed.</summary>
    public required IReadOnlyList<ScrapPurchase> Scrap { get; init; }

    /// <summary>Fresh rare earth blended in, kg/yr.</summary>
    public required double FreshRareEarthKgPerYear { get; init; }

    /// <summary>Dysprosium drawn by grain-boundary diffusion, kg/yr.</summary>
    public double FreshDyKgPerYear { get; init; }

    /// <summary>Terbium drawn by grain-boundary diffusion, kg/yr.</summary>
    public double FreshTbKgPerYear { get; init; }

    /// <summary>Magnets made, kg/yr (for per-kg consumables).</summary>
    public required double MagnetKgPerYear { get; init; }

    /// <summary>Other consumables (coating chemicals, grinding media, packaging), $/kg magnet.</summary>
    public decimal ConsumablesUsdPerKgMagnet { get; init; }

    /// <summary>Electricity and gases at nameplate.</summary>
    public required UtilityQuantities Utilities { get; init; }

    /// <summary>Tariffs and gas prices.</summary>
    public required UtilityPrices UtilityPrices { get; init; }

    /// <summary>Staff by role and site.</summary>
    public required IReadOnlyList<LabourRole> Labour { get; init; }

    /// <summary>Maintenance per year as a share of initial capital.</summary>
    public double MaintenanceShareOfCapex { get; init; }

    /// <summary>Insurance per year as a share of initial capital.</summary>
    public double InsuranceShareOfCapex { get; init; }

    /// <summary>Initial capital, the base of maintenance and insurance.</summary>
    public decimal InitialCapexUsd { get; init; }

    /// <summary>Freight from spokes to the hub.</summary>
    public required IReadOnlyList<Shipment> Shipments { get; init; }

    /// <summary>General and administrative cost per year.</summary>
    public decimal GeneralAndAdministrativeUsdPerYear { get; init; }

    /// <summary>Multiplier on the scrap cost (sensitivities; 1 in the base case).</summary>
    public decimal ScrapCostMultiplier { get; init; } = 1;

    /// <summary>Multiplier on every opex line (sensitivities; 1 in the base case).</summary>
    public decimal OpexMultiplier { get; init; } = 1;

    /// <summary>The recycling routes' own lines (reagents, flux, toll fees and freight); empty for a short-loop plant.</summary>
    public IReadOnlyList<OpexLine> RouteLines { get; init; } = [];
}

/// <summary>
/// Utility quantities at nameplate. This record is the seam to the plant energy model: today the Studies layer
/// fills it from stated intensities; the energy model will fill it from the equipment.
/// </summary>
/// <param name="ElectricityKWhPerYearBySite">Electricity by site id.</param>
/// <param name="HydrogenKgPerYear">Hydrogen.</param>
/// <param name="ArgonKgPerYear">Argon.</param>
/// <param name="NitrogenKgPerYear">Nitrogen.</param>
public sealed record UtilityQuantities(IReadOnlyDictionary<string, double> ElectricityKWhPerYearBySite, double HydrogenKgPerYear, double ArgonKgPerYear, double NitrogenKgPerYear);

/// <summary>Utility prices.</summary>
/// <param name="ElectricityUsdPerKWhBySite">Tariff by site id.</param>
/// <param name="HydrogenUsdPerKg">Hydrogen.</param>
/// <param name="ArgonUsdPerKg">Argon.</param>
/// <param name="NitrogenUsdPerKg">Nitrogen.</param>
public sealed record UtilityPrices(IReadOnlyDictionary<string, decimal> ElectricityUsdPerKWhBySite, decimal HydrogenUsdPerKg, decimal ArgonUsdPerKg, decimal NitrogenUsdPerKg);

/// <summary>Scrap bought from one feed.</summary>
/// <param name="Feed">Feed id.</param>
/// <param name="ScrapKgPerYear">Scrap bought, as received.</param>
/// <param name="ContainedNdprKgPerYear">Nd plus Pr metal in that scrap.</param>
/// <param name="UsdPerKgScrap">Price per kg of scrap (handling, dismantling).</param>
/// <param name="ShareOfNdprValue">Share of the contained NdPr value paid.</param>
public sealed record ScrapPurchase(string Feed, double ScrapKgPerYear, double ContainedNdprKgPerYear, decimal UsdPerKgScrap, double ShareOfNdprValue);

/// <summary>Staff of one role at one site.</summary>
/// <param name="Role">Role.</param>
/// <param name="Site">Site id.</param>
/// <param name="Headcount">People (full-time equivalents).</param>
/// <param name="LoadedWageUsdPerYear">Wage with benefits and payroll taxes.</param>
public sealed record LabourRole(string Role, string Site, decimal Headcount, decimal LoadedWageUsdPerYear);

/// <summary>Freight on one lane.</summary>
/// <param name="From">Origin site.</param>
/// <param name="TonnesPerYear">Tonnes shipped.</param>
/// <param name="DistanceKm">Distance.</param>
/// <param name="UsdPerTonneKm">Freight rate.</param>
public sealed record Shipment(string From, double TonnesPerYear, double DistanceKm, decimal UsdPerTonneKm);
