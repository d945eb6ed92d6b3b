using MagLoop.Process;

namespace MagLoop.Plants;

/// <summary>Where a feed or one of the plant's own streams is recycled.</summary>
public enum RecyclingRoute
{
    /// <summary>Sold as it is, as a co-product (internal streams only: swarf, rejects, surplus powder).</summary>
    Sell,
    /// <summary>Short loop: HPMS and the magnet line (for swarf and rejects: back into HPMS).</summary>
    ShortLoop,
    /// <summary>Medium loop: re-melted with flux and a rare-earth top-up, strip cast to flake, then HPMS and the magnet line.</summary>
    MediumLoop,
    /// <summary>Long loop: dissolved and separated to rare-earth oxide or metal, on site or tolled.</summary>
    LongLoop,
}

/// <summary>
/// A stream the route choice places: a feed (its id) or one of the plant's own streams (<see cref="Swarf"/>,
/// <see cref="Rejects"/>, <see cref="SurplusPowder"/>).
/// </summary>
/// <param name="Value">Feed id, or the internal stream's key as the scenario writes it.</param>
public readonly record struct RouteStreamId(string Value)
{
    /// <summary>Machining swarf.</summary>
    public static readonly RouteStreamId Swarf = new("swarf");
    /// <summary>Inspection rejects.</summary>
    public static readonly RouteStreamId Rejects = new("rejects");
    /// <summary>Recycled powder beyond the magnet line's need (off-spec for the line once it is full).</summary>
    public static readonly RouteStreamId SurplusPowder = new("surplusPowder");

    /// <summary>The plant's own streams, in the order the route choice places them.</summary>
    public static IReadOnlyList<RouteStreamId> Internal { get; } = [Swarf, Rejects, SurplusPowder];

    /// <summary>The stream of a feed.</summary>
    public static RouteStreamId Of(FeedId feed) => new(feed.Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>
/// What the short loop accepts: a stream richer in oxygen or poorer in rare earth than these limits cannot make a
/// sinterable blend at a saleable grade, so the route choice does not send it there unless the scenario forces it.
/// Measured on the magnet alloy the stream brings to HPMS (coating and foreign matter excluded).
/// </summary>
/// <param name="MaxOxygenFraction">Largest oxygen mass fraction of the alloy.</param>
/// <param name="MinRareEarthFraction">Smallest rare-earth (Nd, Pr, Dy, Tb, Ce) mass fraction of the alloy.</param>
/// <param name="Source">Citation or stated assumption.</param>
public sealed record ShortLoopLimits(double MaxOxygenFraction, double MinRareEarthFraction, string Source);

/// <summary>An item a route consumes per kg of a basis, with its price and carbon factor.</summary>
/// <param name="Name">What it is (hydrochloric acid, oxalic acid, flux, ...).</param>
/// <param name="KgPerKg">kg per kg of <paramref name="Basis"/>.</param>
/// <param name="Basis">What the quantity is per.</param>
/// <param name="UsdPerKg">Price, USD/kg.</param>
/// <param name="KgCo2ePerKg">Cradle-to-gate carbon factor, kg CO2e/kg.</param>
/// <param name="Source">Citation or stated assumption for the quantity, price and factor.</param>
public sealed record RouteReagent(string Name, double KgPerKg, ReagentBasis Basis, double UsdPerKg, double KgCo2ePerKg, string Source);

/// <summary>What a route reagent's quantity is per.</summary>
public enum ReagentBasis
{
    /// <summary>Per kg of the route's intake.</summary>
    Intake,
    /// <summary>Per kg of rare earth the route dissolves (long loop) or melts (medium loop).</summary>
    RareEarthIn,
    /// <summary>Per kg of rare earth in the route's product.</summary>
    RareEarthOut,
}

/// <summary>Electricity and argon of a route, per kg of its intake and (long loop, metal) per kg of metal won.</summary>
/// <param name="KWhPerKgIntake">Electricity per kg of intake.</param>
/// <param name="KWhPerKgMetal">Electricity per kg of metal won by electrolysis (0 for other routes).</param>
/// <param name="ArgonKgPerKgIntake">Argon per kg of intake.</param>
/// <param name="Source">Citation or stated assumption.</param>
public sealed record RouteEnergy(double KWhPerKgIntake, double KWhPerKgMetal, double ArgonKgPerKgIntake, string Source);

/// <summary>Toll processing of the long loop: a fee and a lane to the toll refiner; the refiner returns the product.</summary>
/// <param name="FeeUsdPerKgIntake">Toll fee per kg shipped, USD.</param>
/// <param name="DistanceKm">Lane from the hub to the refiner, km (the product comes back the same way).</param>
/// <param name="Mode">Freight mode of the lane.</param>
/// <param name="Source">Citation or stated assumption.</param>
public sealed record TollTerms(double FeeUsdPerKgIntake, double DistanceKm, FreightMode Mode, string Source);

/// <summary>The medium loop as built: melting, flake into HPMS, its equipment, energy and consumables.</summary>
/// <param name="Melting">Melting, de-oxidation and top-up.</param>
/// <param name="FlakeHpmsYield">Fraction of the flake HPMS decrepitates into powder (strip-cast flake is the standard feed of hydrogen decrepitation).</param>
/// <param name="Energy">Electricity and argon.</param>
/// <param name="Reagents">Flux and other consumables.</param>
/// <param name="Stations">The route's equipment (induction melting, strip casting), sized and costed like any station.</param>
public sealed record MediumLoopDefinition(VacuumInductionMelting.Parameters Melting, double FlakeHpmsYield, RouteEnergy Energy,
    IReadOnlyList<RouteReagent> Reagents, IReadOnlyList<StationDefinition> Stations);

/// <summary>The long loop as built: separation, on site or tolled, its energy, reagents, effluent treatment and equipment.</summary>
/// <param name="Separation">Yields by element and the product.</param>
/// <param name="Toll">Toll terms; null when the line stands at the hub.</param>
/// <param name="Energy">Electricity and argon (on site only; a toll refiner's are in its fee and not in the plant's carbon).</param>
/// <param name="Reagents">Acid, extractant, oxalic acid, neutralising lime and other consumables.</param>
/// <param name="AnodeKgCo2PerKgOxygen">CO2 from the carbon anode per kg of oxygen electrolysis releases (44/32 when it all leaves as CO2).</param>
/// <param name="TollKgCo2ePerKgIntake">Toll only: the refiner's carbon per kg processed (its energy and reagents), kg CO2e/kg.</param>
/// <param name="Stations">The route's equipment (leaching, solvent extraction, oxide reduction); empty for a toll line.</param>
/// <param name="PayableShare">Price of the product: this share of its rare earth's oxide-equivalent value at the deck's NdPr oxide price.</param>
public sealed record LongLoopDefinition(LongLoopSeparation.Parameters Separation, TollTerms? Toll, RouteEnergy Energy, IReadOnlyList<RouteReagent> Reagents,
    double AnodeKgCo2PerKgOxygen, double TollKgCo2ePerKgIntake, IReadOnlyList<StationDefinition> Stations, double PayableShare)
{
    /// <summary>Whether the metal product goes back to the blend in place of fresh rare earth (closing the loop on site) instead of being sold.</summary>
    public bool ReturnsToBlend { get; init; }
}

/// <summary>
/// The recycling routes beside the short loop, the limits and constraints the route choice obeys, and where each
/// stream goes. Absent from a plant (null <see cref="PlantDefinition.RecyclingRoutes"/>), the plant is the short loop
/// with the scenario's routing, as before routes existed.
/// </summary>
/// <param name="Medium">Medium loop, or null when the plant has none.</param>
/// <param name="Long">Long loop, or null.</param>
/// <param name="Limits">What the short loop accepts.</param>
/// <param name="MaxKgCo2ePerKgCutBlock">Carbon constraint on the plant's headline footprint, or null.</param>
/// <param name="Forced">Streams the scenario sends to a named route.</param>
/// <param name="Assigned">Where each placed stream goes in this plant (the route choice's answer, or the forced routes); streams absent take their default.</param>
public sealed record RecyclingRoutes(
    MediumLoopDefinition? Medium,
    LongLoopDefinition? Long,
    ShortLoopLimits Limits,
    double? MaxKgCo2ePerKgCutBlock,
    IReadOnlyDictionary<RouteStreamId, RecyclingRoute> Forced,
    IReadOnlyDictionary<RouteStreamId, RecyclingRoute> Assigned)
{
    /// <summary>Where <paramref name="stream"/> goes, or <paramref name="fallback"/> when no route is assigned.</summary>
    public RecyclingRoute RouteOf(RouteStreamId stream, RecyclingRoute fallback) => Assigned.TryGetValue(stream, out var r) ? r : fallback;

    /// <summary>The routes a stream may take: the short loop and sale where they apply, and the routes the plant has.</summary>
    public IReadOnlyList<RecyclingRoute> Alternatives(RouteStreamId stream)
    {
        var routes = new List<RecyclingRoute>();
        var isFeed = !RouteStreamId.Internal.Contains(stream);
        if (!isFeed) routes.Add(RecyclingRoute.Sell);
        // Surplus powder is what the full line cannot take: HPMS or the medium loop would only bring it back.
        if (stream != RouteStreamId.SurplusPowder)
        {
            routes.Add(RecyclingRoute.ShortLoop);
            if (Medium is not null) routes.Add(RecyclingRoute.MediumLoop);
        }

        if (Long is not null) routes.Add(RecyclingRoute.LongLoop);
        return routes;
    }

    /// <summary>The route stations of the routes in use (medium and long loop equipment).</summary>
    public IEnumerable<StationDefinition> StationsInUse()
    {
        if (Medium is not null && Assigned.Values.Contains(RecyclingRoute.MediumLoop)) foreach (var s in Medium.Stations) yield return s;
        if (Long is not null && Assigned.Values.Contains(RecyclingRoute.LongLoop)) foreach (var s in Long.Stations) yield return s;
    }
}
