using MagLoop.Errors;
using MagLoop.Materials;

namespace MagLoop.Process;

/// <summary>Sorting and dismantling at a spoke: raw scrap in, magnet concentrate and residue out.</summary>
public static class SpokePreprocessing
{
    /// <summary>Parameters of spoke pre-processing for one scrap type.</summary>
    /// <param name="MagnetRecovery">Fraction of the magnets (with their coating) kept in the concentrate.</param>
    /// <param name="ForeignRemoval">Fraction of the foreign matter (steel, polymer, other) removed.</param>
    public sealed record Parameters(double MagnetRecovery, double ForeignRemoval);

    /// <summary>Concentrate shipped to the hub and residue left at the spoke.</summary>
    public sealed record Result(MassStream Concentrate, MassStream Residue);

    /// <summary>Splits raw scrap into concentrate and residue; mass is conserved per component.</summary>
    public static Result Run(MassStream raw, Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var (concentrate, residue) = (new double[Components.Count], new double[Components.Count]);
        Run(raw.KgPerYear, parameters, concentrate, residue);
        return new Result(MassStream.FromKgPerYear(concentrate), MassStream.FromKgPerYear(residue));
    }

    /// <summary><see cref="Run(MassStream, Parameters)"/> on flows in component order, into buffers the caller owns.</summary>
    public static void Run(ReadOnlySpan<double> raw, Parameters parameters, Span<double> concentrate, Span<double> residue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        for (var i = 0; i < raw.Length; i++)
        {
            var fraction = Components.IsForeign((Component)i) ? 1 - parameters.ForeignRemoval : parameters.MagnetRecovery;
            SplitFractions.Check(fraction, (Component)i);
            concentrate[i] = raw[i] * fraction;
            residue[i] = raw[i] - concentrate[i];
        }
    }
}

/// <summary>
/// Hydrogen Processing of Magnet Scrap: hydrogen decrepitates the magnet alloy into powder that falls through
/// the drum; coating flakes, steel and plastics stay behind. Several charges with their own extraction yields
/// share the vessels.
/// </summary>
public static class Hpms
{
    /// <summary>HPMS parameters shared by all charges.</summary>
    /// <param name="HydrogenUptakeKgPerKg">kg of H absorbed per kg of magnet alloy in the powder.</param>
    /// <param name="OxygenPickupKgPerKg">kg of O picked up per kg of magnet alloy in the powder.</param>
    /// <param name="CoatingCarryover">Fraction of coating material that passes the drum into the powder.</param>
    /// <param name="ForeignCarryover">Fraction of foreign matter that passes the drum into the powder.</param>
    public sealed record Parameters(double HydrogenUptakeKgPerKg, double OxygenPickupKgPerKg, double CoatingCarryover, double ForeignCarryover);

    /// <summary>One charge: a stream and the fraction of its magnet alloy that HPMS liberates.</summary>
    public sealed record Charge(MassStream Stream, double ExtractionYield);

    /// <summary>Hydride powder, drum residue, and the hydrogen and oxygen taken from the gas.</summary>
    public sealed record Result(MassStream Powder, MassStream Residue, MassStream HydrogenAbsorbed, MassStream OxygenPickedUp);

    /// <summary>Runs all charges; powder and residue sum over them.</summary>
    public static Result Run(IEnumerable<Charge> charges, Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(charges);
        var (powder, residue, hydrogen, oxygen) = (new double[Components.Count], new double[Components.Count], new double[Components.Count], new double[Components.Count]);
        foreach (var charge in charges) Liberate(charge.Stream.KgPerYear, charge.ExtractionYield, parameters, powder, residue);
        Hydride(powder, parameters, hydrogen, oxygen);
        return new Result(MassStream.FromKgPerYear(powder), MassStream.FromKgPerYear(residue), MassStream.FromKgPerYear(hydrogen), MassStream.FromKgPerYear(oxygen));
    }

    /// <summary>
    /// Splits one charge (flows in component order) and adds its metal powder to <paramref name="powder"/> and the
    /// rest to <paramref name="residue"/>: call for each charge in turn on zeroed buffers, then <see cref="Hydride"/>.
    /// </summary>
    public static void Liberate(ReadOnlySpan<double> charge, double extractionYield, Parameters parameters, Span<double> powder, Span<double> residue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        for (var i = 0; i < charge.Length; i++)
        {
            var c = (Component)i;
            var fraction = Components.IsMagnetAlloy(c) ? extractionYield
                : Components.IsCoatingMetal(c) ? parameters.CoatingCarryover
                : parameters.ForeignCarryover;
            SplitFractions.Check(fraction, c);
            var liberated = charge[i] * fraction;
            powder[i] += liberated;
            residue[i] += charge[i] - liberated;
        }
    }

    /// <summary>
    /// Adds the hydrogen absorbed and the oxygen picked up to the metal <paramref name="powder"/> of all charges, and
    /// writes them to <paramref name="hydrogen"/> and <paramref name="oxygen"/>.
    /// </summary>
    public static void Hydride(Span<double> powder, Parameters parameters, Span<double> hydrogen, Span<double> oxygen)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        // Uptake scales with the magnet alloy present, not with coating or foreign carry-over.
        var alloyKg = 0.0;
        for (var i = 0; i < powder.Length; i++)
        {
            var c = (Component)i;
            if (Components.IsMagnetAlloy(c) && c != Component.H && c != Component.O) alloyKg += powder[i];
        }

        hydrogen.Clear();
        oxygen.Clear();
        hydrogen[(int)Component.H] = 0.0 + alloyKg * parameters.HydrogenUptakeKgPerKg;
        oxygen[(int)Component.O] = 0.0 + alloyKg * parameters.OxygenPickupKgPerKg;
        for (var i = 0; i < powder.Length; i++) powder[i] = 0.0 + (0.0 + powder[i] + hydrogen[i]) + oxygen[i];
    }
}

/// <summary>Partial vacuum degassing of the hydride powder.</summary>
public static class Degassing
{
    /// <summary>Degassing parameters.</summary>
    /// <param name="HydrogenRemoved">Fraction of the powder's hydrogen released.</param>
    public sealed record Parameters(double HydrogenRemoved);

    /// <summary>Degassed powder and released hydrogen.</summary>
    public sealed record Result(MassStream Powder, MassStream HydrogenReleased);

    /// <summary>Removes the stated fraction of hydrogen.</summary>
    public static Result Run(MassStream powder, Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(powder);
        var (kept, released) = (new double[Components.Count], new double[Components.Count]);
        Run(powder.KgPerYear, parameters, kept, released);
        return new Result(MassStream.FromKgPerYear(kept), MassStream.FromKgPerYear(released));
    }

    /// <summary><see cref="Run(MassStream, Parameters)"/> on flows in component order, into buffers the caller owns.</summary>
    public static void Run(ReadOnlySpan<double> powder, Parameters parameters, Span<double> kept, Span<double> released)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        SplitFractions.Check(parameters.HydrogenRemoved, Component.H);
        for (var i = 0; i < powder.Length; i++)
        {
            released[i] = powder[i] * (i == (int)Component.H ? parameters.HydrogenRemoved : 0);
            kept[i] = powder[i] - released[i];
        }
    }
}

/// <summary>
/// Blending of recycled powder with fresh rare earth. The addition replaces the rare earth bound as RE2O3
/// and tops the blend up to a target rare-earth content; the magnet line takes only what it can mill,
/// and the rest of the recycled powder is surplus (sold as a co-product). Returned green scrap, already
/// blended, goes to the line first.
/// </summary>
public static class Blending
{
    /// <summary>Blending parameters.</summary>
    /// <param name="FreshRareEarth">Composition of the fresh rare-earth addition (for example NdPr metal).</param>
    /// <param name="TargetFreeRareEarthFraction">
    /// Rare earth not bound as oxide, as a mass fraction of the milled powder: the oxygen that milling adds
    /// (<paramref name="DownstreamOxygenKgPerKg"/>) binds rare earth too, and the addition makes up for it.
    /// </param>
    /// <param name="LineIntakeCapacityKgPerYear">Blend the magnet line can take per year (jet-mill capacity).</param>
    /// <param name="DownstreamOxygenKgPerKg">kg of O the blend picks up downstream (jet milling) per kg.</param>
    /// <param name="TargetGrade">
    /// When set, the addition is instead the least that makes the milled blend's predicted magnet meet this grade
    /// (<see cref="MagnetGradeTarget"/>); the free rare-earth target is then not used.
    /// </param>
    public sealed record Parameters(Composition FreshRareEarth, double TargetFreeRareEarthFraction, double LineIntakeCapacityKgPerYear,
        double DownstreamOxygenKgPerKg = 0, MagnetGradeTarget? TargetGrade = null);

    /// <summary>Blend to the line, surplus recycled powder, and the fresh rare earth added.</summary>
    public sealed record Result(MassStream Blend, MassStream Surplus, MassStream FreshRareEarth, double FreshKgPerKgPowder);

    /// <summary>kg of rare earth bound as RE2O3 by the oxygen in <paramref name="powder"/>.</summary>
    public static double OxideBoundRareEarthKg(MassStream powder)
    {
        ArgumentNullException.ThrowIfNull(powder);
        return OxideBoundRareEarthKg(powder.KgPerYear);
    }

    /// <summary>kg of the stream's rare-earth mix that 1 kg of oxygen binds as RE2O3 (0 without rare earth).</summary>
    public static double RareEarthKgPerKgOxygen(MassStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return RareEarthKgPerKgOxygen(stream.KgPerYear);
    }

    /// <summary>Mass fraction of rare earth not bound as RE2O3 (0 for an empty stream).</summary>
    public static double FreeRareEarthFraction(MassStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return FreeRareEarthFraction(stream.KgPerYear, stream.TotalKgPerYear);
    }

    // The same on a stream's flows (in component order) and its total, for the root search, which builds no streams.
    private static double FreeRareEarthFraction(ReadOnlySpan<double> kg, double total) =>
        total > 0 ? (RareEarthKg(kg) - OxideBoundRareEarthKg(kg)) / total : 0;

    private static double OxideBoundRareEarthKg(ReadOnlySpan<double> kg) =>
        Math.Min(RareEarthKgPerKgOxygen(kg) * kg[(int)Component.O], RareEarthKg(kg));

    private static double RareEarthKgPerKgOxygen(ReadOnlySpan<double> kg)
    {
        var reMoles = 0.0;
        for (var i = 0; i < kg.Length; i++)
            if (Components.IsRareEarth((Component)i)) reMoles += kg[i] / Components.MolarMassGPerMol((Component)i);
        if (reMoles <= 0) return 0;
        var meanReMolarMass = RareEarthKg(kg) / reMoles;
        // RE2O3: 2 mol RE per 3 mol O.
        return 2.0 / 3.0 * meanReMolarMass / Components.MolarMassGPerMol(Component.O);
    }

    private static double RareEarthKg(ReadOnlySpan<double> kg)
    {
        var sum = 0.0;
        for (var i = 0; i < kg.Length; i++)
            if (Components.IsRareEarth((Component)i)) sum += kg[i];
        return sum;
    }

    /// <summary>Free rare-earth fraction of <paramref name="stream"/> once milling has added its oxygen.</summary>
    public static double MilledFreeRareEarthFraction(MassStream stream, double downstreamOxygenKgPerKg) =>
        FreeRareEarthFraction(stream + MassStream.Pure(Component.O, stream.TotalKgPerYear * downstreamOxygenKgPerKg));

    /// <summary>The blend once milling has added its oxygen.</summary>
    public static MassStream Milled(MassStream stream, double downstreamOxygenKgPerKg) =>
        stream + MassStream.Pure(Component.O, stream.TotalKgPerYear * downstreamOxygenKgPerKg);

    /// <summary>Fresh kg per kg of recycled powder that brings the milled blend to the target (no returns, no capacity limit).</summary>
    public static double FreshKgPerKgPowder(MassStream powder, Parameters parameters) =>
        FreshKgPerKgPowder(powder, MassStream.Empty, parameters);

    /// <summary>
    /// Fresh kg per kg of recycled powder such that the milled blend (returns, the powder the line can take,
    /// and the addition) has exactly the target free rare-earth fraction; 0 when it is already there. Solved
    /// numerically because oxygen binds rare earth at the blend's own mean molar mass and the share of returns
    /// in the blend changes with the addition when the line is full.
    /// </summary>
    public static double FreshKgPerKgPowder(MassStream powder, MassStream returns, Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(powder);
        ArgumentNullException.ThrowIfNull(returns);
        return FreshKgPerKgPowder(powder.KgPerYear, returns.KgPerYear, parameters);
    }

    /// <summary><see cref="FreshKgPerKgPowder(MassStream, MassStream, Parameters)"/> on flows in component order.</summary>
    public static double FreshKgPerKgPowder(ReadOnlySpan<double> powder, ReadOnlySpan<double> returns, Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var powderKg = MassStream.Total(powder);
        if (powderKg <= 0) return 0;
        var room = parameters.LineIntakeCapacityKgPerYear - MassStream.Total(returns);
        if (room <= 0) return 0; // the line is full of returns and takes no powder
        if (parameters.TargetGrade is { } target)
        {
            var returned = MassStream.FromKgPerYear(returns);
            var perKgPowder = MassStream.FromKgPerYear(powder) * (1 / powderKg);
            var perKgFresh = MassStream.Of(parameters.FreshRareEarth, 1.0);
            return target.FreshKgPerKgPowder(x => Milled(returned + perKgPowder * Math.Min(powderKg, room / (1 + x)) + perKgFresh * (Math.Min(powderKg, room / (1 + x)) * x), parameters.DownstreamOxygenKgPerKg));
        }

        var shortfall = new Shortfall(powder, returns, powderKg, room, parameters);
        var gLow = shortfall.At(0);
        if (gLow >= 0) return 0;
        double low = 0, high = 0.05, gHigh = shortfall.At(high);
        while (gHigh < 0)
        {
            if (high > 1e4)
                throw new ProcessException($"no fresh addition brings the blend to {parameters.TargetFreeRareEarthFraction:P1} free rare earth");
            (low, gLow) = (high, gHigh);
            high *= 4;
            gHigh = shortfall.At(high);
        }

        // The shortfall is smooth and rises with the addition.
        return RootFinder.Increasing(ref shortfall, low, gLow, high, gHigh, 1e-14).Root;
    }

    /// <summary>Blends recycled powder, limited by the line's intake capacity.</summary>
    public static Result Run(MassStream powder, Parameters parameters) => Run(powder, MassStream.Empty, parameters);

    /// <summary>
    /// Blends: <paramref name="returns"/> (green scrap, already blended) go to the line first; then recycled
    /// powder with its fresh addition up to the line's intake capacity. Throws <see cref="ProcessException"/>
    /// when the returns alone exceed the line's intake (pressing losses too high).
    /// </summary>
    public static Result Run(MassStream powder, MassStream returns, Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(powder);
        ArgumentNullException.ThrowIfNull(returns);
        var (blend, surplus, fresh) = (new double[Components.Count], new double[Components.Count], new double[Components.Count]);
        var x = Run(powder.KgPerYear, returns.KgPerYear, parameters, blend, surplus, fresh);
        return new Result(MassStream.FromKgPerYear(blend), MassStream.FromKgPerYear(surplus), MassStream.FromKgPerYear(fresh), x);
    }

    /// <summary>
    /// <see cref="Run(MassStream, MassStream, Parameters)"/> on flows in component order, into buffers the caller owns;
    /// returns the fresh kg per kg of powder.
    /// </summary>
    public static double Run(ReadOnlySpan<double> powder, ReadOnlySpan<double> returns, Parameters parameters,
        Span<double> blend, Span<double> surplus, Span<double> fresh)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var capacity = parameters.LineIntakeCapacityKgPerYear;
        var returnsKg = MassStream.Total(returns);
        if (returnsKg > capacity)
            throw new ProcessException("returned pressing scrap alone exceeds the magnet line's intake: pressing losses are too high");
        var x = FreshKgPerKgPowder(powder, returns, parameters);
        var total = MassStream.Total(powder);
        var usableKg = Math.Min(total, (capacity - returnsKg) / (1 + x));
        var fraction = total > 0 ? usableKg / total : 0;
        SplitFractions.Check(fraction);
        Span<double> used = stackalloc double[Components.Count];
        for (var i = 0; i < powder.Length; i++)
        {
            used[i] = powder[i] * fraction;
            surplus[i] = powder[i] - used[i];
        }

        var freshKg = MassStream.Total(used) * x;
        for (var i = 0; i < powder.Length; i++)
        {
            fresh[i] = parameters.FreshRareEarth[(Component)i] * freshKg;
            blend[i] = 0.0 + (0.0 + returns[i] + used[i]) + fresh[i];
        }

        return x;
    }

    // The milled blend's free rare-earth fraction less the target, for an addition of x kg per kg of powder:
    // MilledFreeRareEarthFraction(returns + perKgPowder * usedKg + perKgFresh * (usedKg * x)) worked out in place, with
    // the same operations in the same order as on streams (so the same bits), without building any.
    private readonly ref struct Shortfall(ReadOnlySpan<double> powder, ReadOnlySpan<double> returns, double powderKg, double room, Parameters parameters)
        : RootFinder.IFunction
    {
        private readonly ReadOnlySpan<double> _powder = powder;
        private readonly ReadOnlySpan<double> _returns = returns;
        private readonly double _perKgPowder = 1 / powderKg;

        public double At(double x)
        {
            var usedKg = Math.Min(powderKg, room / (1 + x));
            var freshKg = usedKg * x;
            Span<double> milled = stackalloc double[Components.Count];
            var blendKg = 0.0;
            for (var i = 0; i < milled.Length; i++)
            {
                milled[i] = 0.0 + (0.0 + _returns[i] + _powder[i] * _perKgPowder * usedKg) + parameters.FreshRareEarth[(Component)i] * 1.0 * freshKg;
                blendKg += milled[i];
            }

            milled[(int)Component.O] += 0.0 + blendKg * parameters.DownstreamOxygenKgPerKg;
            return FreeRareEarthFraction(milled, MassStream.Total(milled)) - parameters.TargetFreeRareEarthFraction;
        }
    }
}

/// <summary>
/// A process that cannot run as specified (a target no addition reaches, a recycle that cannot settle): a
/// user-facing error in the scenario's process parameters or routing, not a bug.
/// </summary>
public class ProcessException(string message) : UserError(message);

/// <summary>No fresh addition lets the blend make the target grade: an error in that target, not in the process.</summary>
public sealed class UnreachableGradeException(string message) : ProcessException(message);

/// <summary>A step that loses a fraction of its input and may pick up oxygen: jet milling, pressing, heat treatment.</summary>
public static class LossyStep
{
    /// <summary>Parameters of a lossy step.</summary>
    /// <param name="LossFraction">Fraction of the input lost (fines to filters, broken compacts).</param>
    /// <param name="OxygenPickupKgPerKg">kg of O picked up per kg of product.</param>
    public sealed record Parameters(double LossFraction, double OxygenPickupKgPerKg = 0);

    /// <summary>Product, lost material and oxygen taken from the atmosphere.</summary>
    public sealed record Result(MassStream Product, MassStream Loss, MassStream OxygenPickedUp);

    /// <summary>Runs the step.</summary>
    public static Result Run(MassStream input, Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (product, loss, oxygen) = (new double[Components.Count], new double[Components.Count], new double[Components.Count]);
        Run(input.KgPerYear, parameters, product, loss, oxygen);
        return new Result(MassStream.FromKgPerYear(product), MassStream.FromKgPerYear(loss), MassStream.FromKgPerYear(oxygen));
    }

    /// <summary><see cref="Run(MassStream, Parameters)"/> on flows in component order, into buffers the caller owns.</summary>
    public static void Run(ReadOnlySpan<double> input, Parameters parameters, Span<double> product, Span<double> loss, Span<double> oxygen)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        SplitFractions.Check(parameters.LossFraction);
        for (var i = 0; i < input.Length; i++)
        {
            loss[i] = input[i] * parameters.LossFraction;
            product[i] = input[i] - loss[i];
        }

        oxygen.Clear();
        oxygen[(int)Component.O] = 0.0 + MassStream.Total(product) * parameters.OxygenPickupKgPerKg;
        for (var i = 0; i < input.Length; i++) product[i] = 0.0 + product[i] + oxygen[i];
    }
}

/// <summary>Vacuum sintering: releases the remaining hydrogen, pyrolyses organics and loses a little mass.</summary>
public static class Sintering
{
    /// <summary>Sintering parameters.</summary>
    /// <param name="HydrogenReleased">Fraction of the compact's hydrogen released (1 in vacuum sintering).</param>
    /// <param name="LossFraction">Fraction of the remaining mass lost (evaporation, breakage).</param>
    /// <param name="PolymerReleased">Fraction of the compact's polymer (adhesive, epoxy fines) pyrolysed to off-gas.</param>
    public sealed record Parameters(double HydrogenReleased, double LossFraction, double PolymerReleased = 1.0);

    /// <summary>Sintered block, gas released (hydrogen and pyrolysed organics) and mass lost.</summary>
    public sealed record Result(MassStream Block, MassStream GasReleased, MassStream Loss);

    /// <summary>Runs sintering.</summary>
    public static Result Run(MassStream compact, Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(compact);
        var (block, gas, loss) = (new double[Components.Count], new double[Components.Count], new double[Components.Count]);
        Run(compact.KgPerYear, parameters, block, gas, loss);
        return new Result(MassStream.FromKgPerYear(block), MassStream.FromKgPerYear(gas), MassStream.FromKgPerYear(loss));
    }

    /// <summary><see cref="Run(MassStream, Parameters)"/> on flows in component order, into buffers the caller owns.</summary>
    public static void Run(ReadOnlySpan<double> compact, Parameters parameters, Span<double> block, Span<double> gas, Span<double> loss)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        SplitFractions.Check(parameters.HydrogenReleased, Component.H);
        SplitFractions.Check(parameters.PolymerReleased, Component.Polymer);
        SplitFractions.Check(parameters.LossFraction);
        for (var i = 0; i < compact.Length; i++)
        {
            gas[i] = compact[i] * ((Component)i switch
            {
                Component.H => parameters.HydrogenReleased,
                Component.Polymer => parameters.PolymerReleased,
                _ => 0,
            });
            var solid = compact[i] - gas[i];
            loss[i] = solid * parameters.LossFraction;
            block[i] = solid - loss[i];
        }
    }
}

/// <summary>Slicing and grinding of sintered blocks to shape; the rest becomes swarf, which oxidises.</summary>
public static class Machining
{
    /// <summary>Machining parameters.</summary>
    /// <param name="Yield">Fraction of the block mass that ends in cut parts.</param>
    /// <param name="SwarfOxygenPickupKgPerKg">kg of O the wet swarf picks up per kg of swarf.</param>
    public sealed record Parameters(double Yield, double SwarfOxygenPickupKgPerKg);

    /// <summary>Cut parts, swarf, and oxygen taken up by the swarf.</summary>
    public sealed record Result(MassStream CutParts, MassStream Swarf, MassStream OxygenPickedUp);

    /// <summary>Runs machining.</summary>
    public static Result Run(MassStream block, Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(block);
        var (parts, swarf, oxygen) = (new double[Components.Count], new double[Components.Count], new double[Components.Count]);
        Run(block.KgPerYear, parameters, parts, swarf, oxygen);
        return new Result(MassStream.FromKgPerYear(parts), MassStream.FromKgPerYear(swarf), MassStream.FromKgPerYear(oxygen));
    }

    /// <summary><see cref="Run(MassStream, Parameters)"/> on flows in component order, into buffers the caller owns.</summary>
    public static void Run(ReadOnlySpan<double> block, Parameters parameters, Span<double> parts, Span<double> swarf, Span<double> oxygen)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        SplitFractions.Check(parameters.Yield);
        for (var i = 0; i < block.Length; i++)
        {
            parts[i] = block[i] * parameters.Yield;
            swarf[i] = block[i] - parts[i];
        }

        oxygen.Clear();
        oxygen[(int)Component.O] = 0.0 + MassStream.Total(swarf) * parameters.SwarfOxygenPickupKgPerKg;
        for (var i = 0; i < block.Length; i++) swarf[i] = 0.0 + swarf[i] + oxygen[i];
    }
}

/// <summary>
/// Grain-boundary diffusion of Dy/Tb into machined parts: fresh heavy rare earth is coated on and diffused in;
/// what the parts retain raises their mass (and their coercivity, MagnetPropertyModel), the rest is lost (surface
/// layer ground off, furnace deposits). Fresh = retained / utilisation; the balance closes element by element.
/// </summary>
public static class GrainBoundaryDiffusion
{
    /// <summary>Diffusion parameters.</summary>
    /// <param name="DyWtPct">Dy retained, wt% of the diffused part.</param>
    /// <param name="TbWtPct">Tb retained, wt% of the diffused part.</param>
    /// <param name="Utilisation">Fraction of the fresh Dy/Tb applied that the parts retain, (0, 1].</param>
    public sealed record Parameters(double DyWtPct, double TbWtPct, double Utilisation);

    /// <summary>Diffused parts, fresh Dy/Tb drawn, and Dy/Tb lost.</summary>
    public sealed record Result(MassStream Diffused, MassStream FreshHeavyRareEarth, MassStream Loss);

    /// <summary>Runs the diffusion.</summary>
    public static Result Run(MassStream parts, Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var (diffused, fresh, loss) = (new double[Components.Count], new double[Components.Count], new double[Components.Count]);
        Run(parts.KgPerYear, parameters, diffused, loss, fresh);
        return new Result(MassStream.FromKgPerYear(diffused), MassStream.FromKgPerYear(fresh), MassStream.FromKgPerYear(loss));
    }

    /// <summary><see cref="Run(MassStream, Parameters)"/> on flows in component order, into buffers the caller owns.</summary>
    public static void Run(ReadOnlySpan<double> parts, Parameters parameters, Span<double> diffused, Span<double> loss, Span<double> fresh)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var share = (parameters.DyWtPct + parameters.TbWtPct) / 100;
        if (!(parameters.DyWtPct >= 0 && parameters.TbWtPct >= 0 && share < 1))
            throw new ArgumentOutOfRangeException(nameof(parameters), parameters, "diffused Dy and Tb must be >= 0 wt% and together below 100 wt%");
        if (!(parameters.Utilisation is > 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(parameters), parameters.Utilisation, "utilisation must be in (0, 1]");
        // Retained Dy/Tb is that share of the diffused part: kg per kg of part in = wt% / (1 - share).
        var partsKg = MassStream.Total(parts);
        fresh.Clear();
        loss.Clear();
        for (var i = 0; i < parts.Length; i++) diffused[i] = parts[i];
        foreach (var (component, wtPct) in new[] { (Component.Dy, parameters.DyWtPct), (Component.Tb, parameters.TbWtPct) })
        {
            var retained = partsKg * wtPct / 100 / (1 - share);
            var drawn = retained / parameters.Utilisation;
            diffused[(int)component] = 0.0 + diffused[(int)component] + retained;
            fresh[(int)component] = 0.0 + drawn;
            loss[(int)component] = Math.Max(0, drawn - retained);
        }
    }
}

/// <summary>Surface coating of cut parts.</summary>
public static class Coating
{
    /// <summary>Coating parameters.</summary>
    /// <param name="Kind">Kind of coating.</param>
    /// <param name="MassPerMagnetMass">kg of coating deposited per kg of magnet.</param>
    public sealed record Parameters(CoatingKind Kind, double MassPerMagnetMass);

    /// <summary>Coated parts and the coating material consumed.</summary>
    public sealed record Result(MassStream Coated, MassStream CoatingMaterial);

    /// <summary>Adds the coating.</summary>
    public static Result Run(MassStream parts, Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var (coated, material) = (new double[Components.Count], new double[Components.Count]);
        Run(parts.KgPerYear, parameters, coated, material);
        return new Result(MassStream.FromKgPerYear(coated), MassStream.FromKgPerYear(material));
    }

    /// <summary><see cref="Run(MassStream, Parameters)"/> on flows in component order, into buffers the caller owns.</summary>
    public static void Run(ReadOnlySpan<double> parts, Parameters parameters, Span<double> coated, Span<double> material)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        material.Clear();
        if (Coatings.MaterialComponent(parameters.Kind) is { } component)
        {
            var coatingKg = MassStream.Total(parts) * parameters.MassPerMagnetMass;
            if (!(coatingKg >= 0 && double.IsFinite(coatingKg)))
                throw new InvalidOperationException($"mass flow of {component} must be finite and >= 0, got {coatingKg}");
            material[(int)component] = 0.0 + coatingKg;
        }

        for (var i = 0; i < parts.Length; i++) coated[i] = 0.0 + parts[i] + material[i];
    }
}

/// <summary>Magnetising and final inspection: parts that fail become rejects.</summary>
public static class Inspection
{
    /// <summary>Inspection parameters.</summary>
    /// <param name="RejectFraction">Fraction of parts rejected.</param>
    public sealed record Parameters(double RejectFraction);

    /// <summary>Accepted magnets and rejects.</summary>
    public sealed record Result(MassStream Magnets, MassStream Rejects);

    /// <summary>Runs inspection.</summary>
    public static Result Run(MassStream parts, Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var (magnets, rejects) = (new double[Components.Count], new double[Components.Count]);
        Run(parts.KgPerYear, parameters, magnets, rejects);
        return new Result(MassStream.FromKgPerYear(magnets), MassStream.FromKgPerYear(rejects));
    }

    /// <summary><see cref="Run(MassStream, Parameters)"/> on flows in component order, into buffers the caller owns.</summary>
    public static void Run(ReadOnlySpan<double> parts, Parameters parameters, Span<double> magnets, Span<double> rejects)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        SplitFractions.Check(parameters.RejectFraction);
        for (var i = 0; i < parts.Length; i++)
        {
            rejects[i] = parts[i] * parameters.RejectFraction;
            magnets[i] = parts[i] - rejects[i];
        }
    }
}

// Split fractions must lie in [0, 1], as MassStream.Split requires.
internal static class SplitFractions
{
    public static void Check(double fraction)
    {
        if (!(fraction >= 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "split fraction must be in [0, 1]");
    }

    public static void Check(double fraction, Component component)
    {
        if (!(fraction >= 0 && fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"split fraction of {component} must be in [0, 1]");
    }
}
