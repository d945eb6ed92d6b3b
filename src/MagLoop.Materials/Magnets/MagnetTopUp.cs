namespace MagLoop.Materials.Magnets;

/// <summary>What is added to reach a target grade.</summary>
public enum TopUpKind
{
    /// <summary>Fresh rare-earth metal (NdPr or Nd) blended into the powder before milling.</summary>
    FreshRareEarth,
    /// <summary>Dy diffused along the grain boundaries of the sintered magnet.</summary>
    DiffusedDy,
    /// <summary>Tb diffused along the grain boundaries of the sintered magnet.</summary>
    DiffusedTb,
}

/// <summary>One way of reaching a target grade.</summary>
/// <param name="Kind">What is added.</param>
/// <param name="AdditionKgPerKgPowder">
/// kg added per kg of powder (fresh rare earth) or per kg of magnet (diffused Dy/Tb); 0 when the powder already
/// makes the grade; null when no amount up to the search limit makes it.
/// </param>
/// <param name="Properties">Predicted properties with the addition (or at the search limit when unreachable).</param>
/// <param name="Reason">Why the grade is not reached, when it is not.</param>
/// <param name="BaseFreshKgPerKgPowder">
/// For the diffusion options: fresh rare earth blended in first (kg per kg of powder), the least that makes the
/// same number in the N class, because diffusion raises HcJ but cannot replace rare earth lost to oxide.
/// </param>
public sealed record TopUpOption(TopUpKind Kind, double? AdditionKgPerKgPowder, MagnetProperties Properties, string? Reason, double BaseFreshKgPerKgPowder = 0)
{
    /// <summary>True when the grade is reached.</summary>
    public bool Reaches => AdditionKgPerKgPowder is not null;
}

/// <summary>
/// The inverse of the property model: how much fresh rare earth (or diffused Dy/Tb) a powder needs to make a
/// target grade. Each option is the least addition for which the predicted magnet meets the grade's class
/// (HcJ) and number ((BH)max lower bound), found by bisection on the model.
/// </summary>
public static class MagnetTopUp
{
    /// <summary>Largest fresh rare-earth addition searched, kg per kg of powder.</summary>
    public const double MaxFreshKgPerKg = 0.5;

    /// <summary>Largest diffused Dy or Tb searched, wt% of the magnet (diffusion rarely brings in more than 1-2 wt%).</summary>
    public const double MaxDiffusedWtPct = 2.0;

    /// <summary>Least rare-earth mass fraction of a fresh addition (NdPr or didymium metal is 99 %+ rare earth).</summary>
    public const double MinFreshRareEarthFraction = 0.95;

    /// <summary>Throws <see cref="MaterialsException"/> unless <paramref name="fresh"/> is rare-earth metal (at least <see cref="MinFreshRareEarthFraction"/> rare earth).</summary>
    public static void CheckFresh(Composition fresh)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        if (fresh.RareEarthMassFraction < MinFreshRareEarthFraction)
            throw new MaterialsException($"the fresh addition must be rare-earth metal (at least {MinFreshRareEarthFraction:P0} Nd, Pr, Dy, Tb, Ce); this one holds {fresh.RareEarthMassFraction:P1}");
    }

    /// <summary>The powder blended with <paramref name="freshKgPerKg"/> kg of <paramref name="fresh"/> per kg.</summary>
    public static Composition Blend(Composition powder, Composition fresh, double freshKgPerKg)
    {
        ArgumentNullException.ThrowIfNull(powder);
        ArgumentNullException.ThrowIfNull(fresh);
        return Composition.FromMassFractions(Components.All.Select(c =>
            KeyValuePair.Create(c, (powder[c] + freshKgPerKg * fresh[c]) / (1 + freshKgPerKg))));
    }

    /// <summary>Options for reaching <paramref name="target"/>: fresh rare earth, diffused Dy, diffused Tb.</summary>
    public static IReadOnlyList<TopUpOption> Options(Composition powder, MagnetGrade target, Composition fresh, MagnetProcessing? processing = null)
    {
        ArgumentNullException.ThrowIfNull(powder);
        ArgumentNullException.ThrowIfNull(fresh);
        var p = processing ?? MagnetProcessing.Default;
        var freshOnly = Solve(TopUpKind.FreshRareEarth, target, MaxFreshKgPerKg, x => MagnetPropertyModel.Predict(Blend(powder, fresh, x), p));
        var baseFresh = Solve(TopUpKind.FreshRareEarth, target with { Class = CoercivityClass.N }, MaxFreshKgPerKg,
            x => MagnetPropertyModel.Predict(Blend(powder, fresh, x), p)).AdditionKgPerKgPowder ?? 0;
        var basis = Blend(powder, fresh, baseFresh);
        return
        [
            freshOnly,
            Solve(TopUpKind.DiffusedDy, target, MaxDiffusedWtPct / 100, x => MagnetPropertyModel.Predict(basis, p with { GbdDyWtPct = p.GbdDyWtPct + 100 * x })) with { BaseFreshKgPerKgPowder = baseFresh },
            Solve(TopUpKind.DiffusedTb, target, MaxDiffusedWtPct / 100, x => MagnetPropertyModel.Predict(basis, p with { GbdTbWtPct = p.GbdTbWtPct + 100 * x })) with { BaseFreshKgPerKgPowder = baseFresh },
        ];
    }

    /// <summary>
    /// Least x in [0, <paramref name="max"/>] for which <paramref name="meets"/> holds, or null. Adding rare earth
    /// first raises HcJ (grain-boundary phase) and then dilutes Br, so the grade may be met only inside a window:
    /// scan in <paramref name="steps"/> steps for the first x that meets it, then bisect inside that step.
    /// </summary>
    public static double? LeastAddition(Func<double, bool> meets, double max, int steps = 200)
    {
        ArgumentNullException.ThrowIfNull(meets);
        if (meets(0)) return 0;
        double previous = 0;
        for (var i = 1; i <= steps; i++)
        {
            var x = max * i / steps;
            if (!meets(x))
            {
                previous = x;
                continue;
            }

            double low = previous, high = x;
            for (var k = 0; k < 60 && high - low > 1e-9 * max; k++)
            {
                var mid = (low + high) / 2;
                if (meets(mid)) high = mid;
                else low = mid;
            }

            return high;
        }

        return null;
    }

    private static TopUpOption Solve(TopUpKind kind, MagnetGrade target, double max, Func<double, MagnetProperties> predict)
    {
        if (LeastAddition(x => predict(x) is var m && target.IsMetBy(m.CoercivityKAm, m.EnergyProductKJm3), max) is { } least)
            return new TopUpOption(kind, least, predict(least), null);

        var atMax = predict(max);
        var shortOf = atMax.CoercivityKAm < target.MinimumCoercivityKAm
            ? $"HcJ stays below {target.MinimumCoercivityKAm:F0} kA/m"
            : $"(BH)max stays below {target.MinimumEnergyProductKJm3:F0} kJ/m3";
        return new TopUpOption(kind, null, atMax, $"{shortOf} up to the search limit");
    }
}
