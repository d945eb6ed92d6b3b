namespace MagLoop.Plants;

/// <summary>Flowsheet ids of the recycling routes' units and streams (present only when a stream takes the route).</summary>
public static class RouteIds
{
    /// <summary>Medium loop: vacuum induction melting and strip casting.</summary>
    public static readonly UnitId MediumLoop = new("medium-loop");
    /// <summary>Long loop: leaching, solvent extraction, precipitation and (for metal) reduction.</summary>
    public static readonly UnitId LongLoop = new("long-loop");

    /// <summary>Strip-cast flake from the medium loop into HPMS.</summary>
    public static readonly StreamId Flake = new("Medium-loop flake");
    /// <summary>Slag and dross of the medium loop (RE2O3 taken by the flux, skull, foreign matter).</summary>
    public static readonly StreamId MeltSlag = new("Medium-loop slag and dross");
    /// <summary>Hydrogen and organics released by vacuum melting.</summary>
    public static readonly StreamId MeltGas = new("Medium-loop off-gas");
    /// <summary>The long loop's product (rare-earth oxide or metal), sold.</summary>
    public static readonly StreamId LongLoopProduct = new("Long-loop rare-earth product");
    /// <summary>Leach residue (hematite, lost rare earth as oxide).</summary>
    public static readonly StreamId LeachResidue = new("Long-loop leach residue");
    /// <summary>Effluent solids after neutralisation (B, Co, Cu, Al, Ga, coating metals).</summary>
    public static readonly StreamId Effluent = new("Long-loop effluent");
    /// <summary>Roasting and electrolysis off-gas.</summary>
    public static readonly StreamId LongLoopGas = new("Long-loop off-gas");
}
