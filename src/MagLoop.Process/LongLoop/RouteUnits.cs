using MagLoop.Materials;

namespace MagLoop.Process;

/// <summary>
/// Medium loop: vacuum induction melting of magnet scrap under a rare-earth fluoride flux, a fresh rare-earth top-up,
/// and strip casting to flake that hydrogen decrepitation (HPMS) and the magnet line take like new alloy. The flux
/// takes the oxide: a share of the charge's oxygen leaves in the slag with the rare earth it binds as RE2O3, which
/// is how re-melting recovers oxidised scrap the short loop cannot sinter (flux remelting of Nd-Fe-B scrap, Schmidt
/// et al., US 5,174,811). Hydrogen and organics leave with the vacuum; steel and other foreign matter stay in the
/// dross (the medium loop is charged with separated magnet material). Element by element, nothing is made or lost.
/// </summary>
public static class VacuumInductionMelting
{
    /// <summary>Melting parameters.</summary>
    /// <param name="OxygenRemoval">Fraction of the charge's oxygen the flux takes into the slag (as RE2O3).</param>
    /// <param name="MetalYield">Fraction of the de-oxidised melt cast to flake (the rest: crucible skull, spatter, dross).</param>
    /// <param name="CoatingToMelt">Fraction of coating metal (Ni, Zn) that dissolves into the melt; the rest goes to the dross.</param>
    /// <param name="TopUp">Composition of the fresh rare earth added to the melt.</param>
    /// <param name="TargetRareEarthFraction">Rare-earth mass fraction of the flake the top-up brings the melt to (no top-up when already there).</param>
    public sealed record Parameters(double OxygenRemoval, double MetalYield, double CoatingToMelt, Composition TopUp, double TargetRareEarthFraction);

    /// <summary>
    /// Melts <paramref name="charge"/> (flows in component order) into <paramref name="flake"/>, <paramref name="slag"/>
    /// (slag and dross, a residue) and <paramref name="gas"/> (hydrogen and pyrolysed organics), drawing the top-up into
    /// <paramref name="topUp"/>. Buffers are the caller's; outputs are overwritten.
    /// </summary>
    public static void Run(ReadOnlySpan<double> charge, Parameters parameters, Span<double> flake, Span<double> slag, Span<double> gas, Span<double> topUp)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        SplitFractions.Check(parameters.OxygenRemoval, Component.O);
        SplitFractions.Check(parameters.MetalYield);
        SplitFractions.Check(parameters.CoatingToMelt);
        SplitFractions.Check(parameters.TargetRareEarthFraction);
        flake.Clear();
        slag.Clear();
        gas.Clear();
        topUp.Clear();
        Span<double> melt = stackalloc double[Components.Count];
        for (var i = 0; i < charge.Length; i++)
        {
            var c = (Component)i;
            if (c is Component.H or Component.Polymer) gas[i] = charge[i];
            else if (Components.IsForeign(c)) slag[i] = charge[i];
            else if (Components.IsCoatingMetal(c))
            {
                melt[i] = charge[i] * parameters.CoatingToMelt;
                slag[i] = charge[i] - melt[i];
            }
            else melt[i] = charge[i];
        }

        // The oxygen the flux takes leaves with the rare earth it binds, shared over the rare earths by mass.
        var reKg = 0.0;
        foreach (var re in Components.RareEarths) reKg += melt[(int)re];
        var oxygenKg = melt[(int)Component.O] * parameters.OxygenRemoval;
        var boundKg = Math.Min(reKg, RareEarthOxides.RareEarthKgPerKgOxygen(melt) * oxygenKg);
        melt[(int)Component.O] -= oxygenKg;
        slag[(int)Component.O] += oxygenKg;
        if (reKg > 0)
            foreach (var re in Components.RareEarths)
            {
                var share = melt[(int)re] * (boundKg / reKg);
                melt[(int)re] -= share;
                slag[(int)re] += share;
            }

        var meltKg = 0.0;
        var meltReKg = 0.0;
        for (var i = 0; i < melt.Length; i++)
        {
            var cast = melt[i] * parameters.MetalYield;
            slag[i] += melt[i] - cast;
            flake[i] = cast;
            meltKg += cast;
            if (Components.IsRareEarth((Component)i)) meltReKg += cast;
        }

        // Top-up x kg of fresh rare earth (RE fraction f): (RE + f x) / (melt + x) = target.
        var f = 0.0;
        foreach (var re in Components.RareEarths) f += parameters.TopUp[re];
        var target = parameters.TargetRareEarthFraction;
        var shortKg = target * meltKg - meltReKg;
        if (shortKg <= 0 || meltKg <= 0) return;
        if (f <= target) throw new ProcessException($"the medium loop's top-up holds {f:P0} rare earth, not above the flake's target {target:P0}");
        var addKg = shortKg / (f - target);
        for (var i = 0; i < flake.Length; i++)
        {
            topUp[i] = parameters.TopUp[(Component)i] * addKg;
            flake[i] += topUp[i];
        }
    }

    /// <summary><see cref="Run(ReadOnlySpan{double}, Parameters, Span{double}, Span{double}, Span{double}, Span{double})"/> on streams.</summary>
    public static (MassStream Flake, MassStream Slag, MassStream Gas, MassStream TopUp) Run(MassStream charge, Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(charge);
        var (flake, slag, gas, topUp) = (new double[Components.Count], new double[Components.Count], new double[Components.Count], new double[Components.Count]);
        Run(charge.KgPerYear, parameters, flake, slag, gas, topUp);
        return (MassStream.FromKgPerYear(flake), MassStream.FromKgPerYear(slag), MassStream.FromKgPerYear(gas), MassStream.FromKgPerYear(topUp));
    }
}

/// <summary>What the long loop sells.</summary>
public enum LongLoopProduct
{
    /// <summary>Mixed rare-earth oxide (RE2O3) from oxalate precipitation and calcination.</summary>
    Oxide,
    /// <summary>Rare-earth metal from molten-salt electrolysis of the oxide.</summary>
    Metal,
}

/// <summary>
/// Long loop: roasting and selective acid leaching of the rare earths (iron stays behind as hematite), solvent
/// extraction of the transition metals, oxalate precipitation and calcination to mixed rare-earth oxide, and,
/// for a metal product, molten-salt electrolysis of the oxide (the process of Vander Hoogerstraete et al. 2014,
/// with electrowinning as in the primary route). Each rare earth reports to the product with its own yield; the
/// rest, with the iron and niobium, leaves in the leach residue as oxides; B, Co, Cu, Al, Ga and the coating
/// metals leave in the effluent; hydrogen, carbon and organics burn off in roasting. Roasting draws the oxygen the
/// oxides need beyond what the charge brings; electrolysis releases the product's oxygen (as CO2 at a carbon anode).
/// </summary>
public static class LongLoopSeparation
{
    /// <summary>Separation parameters.</summary>
    /// <param name="RareEarthYields">Fraction of each rare earth reaching the oxide (leach x extraction x precipitation), indexed Nd, Pr, Dy, Tb, Ce.</param>
    /// <param name="Product">Oxide or metal.</param>
    /// <param name="ReductionYield">Metal product: fraction of the oxide's rare earth won as metal (the rest to the residue); unused for oxide.</param>
    public sealed record Parameters(IReadOnlyList<double> RareEarthYields, LongLoopProduct Product, double ReductionYield);

    /// <summary>
    /// Separates <paramref name="charge"/> into <paramref name="product"/>, <paramref name="residue"/> (leach residue:
    /// hematite, lost rare earth as oxide), <paramref name="effluent"/> and <paramref name="gas"/> (burnt organics,
    /// hydrogen, surplus oxygen and the oxygen electrolysis releases); <paramref name="oxygen"/> is what roasting draws.
    /// Returns the oxygen released by electrolysis, kg (0 for an oxide product).
    /// </summary>
    public static double Run(ReadOnlySpan<double> charge, Parameters parameters, Span<double> product, Span<double> residue, Span<double> effluent, Span<double> gas, Span<double> oxygen)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.RareEarthYields.Count != Components.RareEarths.Count)
            throw new ArgumentException($"the long loop needs {Components.RareEarths.Count} rare-earth yields (Nd, Pr, Dy, Tb, Ce)", nameof(parameters));
        SplitFractions.Check(parameters.ReductionYield);
        product.Clear();
        residue.Clear();
        effluent.Clear();
        gas.Clear();
        oxygen.Clear();
        var oxygenNeededKg = 0.0;
        var productOxideOxygenKg = 0.0;
        for (var i = 0; i < charge.Length; i++)
        {
            var c = (Component)i;
            switch (c)
            {
                case Component.O:
                    break;
                case Component.H or Component.C or Component.Polymer:
                    gas[i] = charge[i];
                    break;
                case Component.Fe or Component.Nb or Component.Steel or Component.Other:
                    residue[i] = charge[i];
                    if (c == Component.Fe) oxygenNeededKg += RareEarthOxides.OxygenKgAsSesquioxide(Component.Fe, charge[i]);
                    break;
                case Component.Nd or Component.Pr or Component.Dy or Component.Tb or Component.Ce:
                    // Nd..Ce lead the component order, as the yields.
                    var yield = parameters.RareEarthYields[(int)c];
                    SplitFractions.Check(yield, c);
                    var won = charge[i] * yield;
                    var wonOxygen = RareEarthOxides.OxygenKgAsSesquioxide(c, won);
                    var lostOxygen = RareEarthOxides.OxygenKgAsSesquioxide(c, charge[i] - won);
                    residue[i] = charge[i] - won;
                    oxygenNeededKg += wonOxygen + lostOxygen;
                    residue[(int)Component.O] += lostOxygen;
                    if (parameters.Product == LongLoopProduct.Oxide)
                    {
                        product[i] = won;
                        product[(int)Component.O] += wonOxygen;
                    }
                    else
                    {
                        // Electrolysis wins the reduction yield as metal; the rest stays as oxide in the cell sludge (residue).
                        var metal = won * parameters.ReductionYield;
                        var metalOxygen = RareEarthOxides.OxygenKgAsSesquioxide(c, metal);
                        product[i] = metal;
                        residue[i] += won - metal;
                        residue[(int)Component.O] += wonOxygen - metalOxygen;
                        productOxideOxygenKg += metalOxygen;
                    }

                    break;
                default:
                    effluent[i] = charge[i];
                    break;
            }
        }

        residue[(int)Component.O] += RareEarthOxides.OxygenKgAsSesquioxide(Component.Fe, charge[(int)Component.Fe]);
        var inOxygenKg = charge[(int)Component.O];
        if (inOxygenKg >= oxygenNeededKg) gas[(int)Component.O] += inOxygenKg - oxygenNeededKg;
        else oxygen[(int)Component.O] = oxygenNeededKg - inOxygenKg;
        gas[(int)Component.O] += productOxideOxygenKg;
        return productOxideOxygenKg;
    }
}

/// <summary>Stoichiometry of the sesquioxides RE2O3 and Fe2O3 (IUPAC 2021 atomic weights, references [17]).</summary>
public static class RareEarthOxides
{
    /// <summary>kg of oxygen that <paramref name="kg"/> of <paramref name="element"/> binds as M2O3 (3 O per 2 M).</summary>
    public static double OxygenKgAsSesquioxide(Component element, double kg) =>
        kg / Components.MolarMassGPerMol(element) * 1.5 * Components.MolarMassGPerMol(Component.O);

    /// <summary>kg of the flows' rare-earth mix that 1 kg of oxygen binds as RE2O3 (0 without rare earth).</summary>
    public static double RareEarthKgPerKgOxygen(ReadOnlySpan<double> kg)
    {
        double reKg = 0, reMol = 0;
        foreach (var re in Components.RareEarths)
        {
            reKg += kg[(int)re];
            reMol += kg[(int)re] / Components.MolarMassGPerMol(re);
        }

        return reMol > 0 ? 2.0 / 3.0 * (reKg / reMol) / Components.MolarMassGPerMol(Component.O) : 0;
    }
}
