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
        var (concentrate, residue) = raw.Split(c => Components.IsForeign(c) ? 1 - parameters.ForeignRemoval : parameters.MagnetRecovery);
        return new Result(concentrate, residue);
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
        ArgumentNullException.ThrowIfNull(parameters);
        // Each charge splits into powder and residue, summed over the charges as they come.
        Span<double> liberated = stackalloc double[Components.Count];
        Span<double> residues = stackalloc double[Components.Count];
        foreach (var charge in charges)
        {
            var kg = charge.Stream.KgPerYear;
            for (var i = 0; i < kg.Length; i++)
            {
                var c = (Component)i;
                var fraction = Components.IsMagnetAlloy(c) ? charge.ExtractionYield
                    : Components.IsCoatingMetal(c) ? parameters.CoatingCarryover
                    : parameters.ForeignCarryover;
                if (!(fraction >= 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(charges), fraction, $"HPMS split fraction of {c} must be in [0, 1]");
                var powder = kg[i] * fraction;
                liberated[i] += powder;
                residues[i] += kg[i] - powder;
            }
        }

        var metalPowder = MassStream.FromKgPerYear(liberated);
        // Uptake scales with the magnet alloy present, not with coating or foreign carry-over.
        var alloyKg = metalPowder.KgPerYearOf(c => Components.IsMagnetAlloy(c) && c != Component.H && c != Component.O);
        var hydrogen = MassStream.Pure(Component.H, alloyKg * parameters.HydrogenUptakeKgPerKg);
        var oxygen = MassStream.Pure(Component.O, alloyKg * parameters.OxygenPickupKgPerKg);
        return new Result(metalPowder + hydrogen + oxygen, MassStream.FromKgPerYear(residues), hydrogen, oxygen);
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
        var (released, kept) = powder.Split(c => c == Component.H ? parameters.HydrogenRemoved : 0);
        return new Result(kept, released);
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
        var powderKg = powder.TotalKgPerYear;
        if (powderKg <= 0) return 0;
        var room = parameters.LineIntakeCapacityKgPerYear - returns.TotalKgPerYear;
        if (room <= 0) return 0; // the line is full of returns and takes no powder
        var perKgPowder = powder * (1 / powderKg);
        var perKgFresh = MassStream.Of(parameters.FreshRareEarth, 1.0);
        double Shortfall(double x)
        {
            // MilledFreeRareEarthFraction(returns + perKgPowder * usedKg + perKgFresh * (usedKg * x)), in place: the
            // same operations in the same order as on streams, so the same bits, without allocating.
            var usedKg = Math.Min(powderKg, room / (1 + x));
            var freshKg = usedKg * x;
            ReadOnlySpan<double> r = returns.KgPerYear, p = perKgPowder.KgPerYear, f = perKgFresh.KgPerYear;
            Span<double> milled = stackalloc double[Components.Count];
            var blendKg = 0.0;
            for (var i = 0; i < milled.Length; i++)
            {
                milled[i] = 0.0 + (0.0 + r[i] + p[i] * usedKg) + f[i] * freshKg;
                blendKg += milled[i];
            }

            milled[(int)Component.O] += 0.0 + blendKg * parameters.DownstreamOxygenKgPerKg;
            var milledKg = 0.0;
            foreach (var kg in milled) milledKg += kg;
            return FreeRareEarthFraction(milled, milledKg) - parameters.TargetFreeRareEarthFraction;
        }

        if (parameters.TargetGrade is { } target)
            return target.FreshKgPerKgPowder(x => Milled(returns + perKgPowder * Math.Min(powderKg, room / (1 + x)) + perKgFresh * (Math.Min(powderKg, room / (1 + x)) * x), parameters.DownstreamOxygenKgPerKg));

        var gLow = Shortfall(0);
        if (gLow >= 0) return 0;
        double low = 0, high = 0.05, gHigh = Shortfall(high);
        while (gHigh < 0)
        {
            if (high > 1e4)
                throw new ProcessException($"no fresh addition brings the blend to {parameters.TargetFreeRareEarthFraction:P1} free rare earth");
            (low, gLow) = (high, gHigh);
            high *= 4;
            gHigh = Shortfall(high);
        }

        // The shortfall is smooth and rises with the addition.
        return RootFinder.Increasing(Shortfall, low, gLow, high, gHigh, 1e-14).Root;
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
        var capacity = parameters.LineIntakeCapacityKgPerYear;
        if (returns.TotalKgPerYear > capacity)
            throw new ProcessException("returned pressing scrap alone exceeds the magnet line's intake: pressing losses are too high");
        var x = FreshKgPerKgPowder(powder, returns, parameters);
        var total = powder.TotalKgPerYear;
        var usableKg = Math.Min(total, (capacity - returns.TotalKgPerYear) / (1 + x));
        var (used, surplus) = powder.Split(total > 0 ? usableKg / total : 0);
        var fresh = MassStream.Of(parameters.FreshRareEarth, used.TotalKgPerYear * x);
        return new Result(returns + used + fresh, surplus, fresh, x);
    }
}

/// <summary>
/// A process that cannot run as specified (a target no addition reaches, a recycle that cannot settle): a
/// user-facing error in the scenario's process parameters or routing, not a bug.
/// </summary>
public sealed class ProcessException(string message) : Exception(message);

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
        var (loss, kept) = input.Split(parameters.LossFraction);
        var oxygen = MassStream.Pure(Component.O, kept.TotalKgPerYear * parameters.OxygenPickupKgPerKg);
        return new Result(kept + oxygen, loss, oxygen);
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
        var (gas, solid) = compact.Split(c => c switch
        {
            Component.H => parameters.HydrogenReleased,
            Component.Polymer => parameters.PolymerReleased,
            _ => 0,
        });
        var (loss, block) = solid.Split(parameters.LossFraction);
        return new Result(block, gas, loss);
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
        var (parts, swarf) = block.Split(parameters.Yield);
        var oxygen = MassStream.Pure(Component.O, swarf.TotalKgPerYear * parameters.SwarfOxygenPickupKgPerKg);
        return new Result(parts, swarf + oxygen, oxygen);
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
        var material = Coatings.Material(parameters.Kind, parts.TotalKgPerYear * parameters.MassPerMagnetMass);
        return new Result(parts + material, material);
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
        var (rejects, magnets) = parts.Split(parameters.RejectFraction);
        return new Result(magnets, rejects);
    }
}
