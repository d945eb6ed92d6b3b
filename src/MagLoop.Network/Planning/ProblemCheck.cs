using System.Globalization;
using MagLoop.Errors;

namespace MagLoop.Network.Planning;

/// <summary>A network problem the planner cannot take: the field it concerns is named (for example <c>lanes[3].to</c>).</summary>
public sealed class NetworkProblemException(string problem, string field) : UserError(problem, field);

/// <summary>
/// The planner's own check of a problem before it builds a model. The network file reader checks its file with
/// locations; this check catches what a programmatic caller (a test, a generator) could still get wrong, so the
/// model never sees an id it cannot resolve or a number that is not finite.
/// </summary>
internal static class ProblemCheck
{
    public static void Validate(NetworkProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var years = problem.Years;
        if (years.Count == 0) Fail("has no planning years", "years");
        for (var t = 1; t < years.Count; t++)
            if (years[t] != years[t - 1] + 1) Fail($"must be consecutive calendar years ({years[t - 1]} is followed by {years[t]})", $"years[{t}]");
        Finite(problem.DiscountRate, "discountRate");
        if (problem.DiscountRate <= -1) Fail("must be above -1", "discountRate");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < problem.Sources.Count; i++)
        {
            var s = problem.Sources[i];
            var field = $"sources[{i}]";
            if (!ids.Add(s.Id)) Fail($"repeats the id '{s.Id}'", $"{field}.id");
            PerYear(s.SupplyKgByYear, years.Count, $"{field}.supplyKgByYear");
            NonNegative(s.PriceUsdPerKg, $"{field}.priceUsdPerKg");
        }

        for (var j = 0; j < problem.Sites.Count; j++)
        {
            var site = problem.Sites[j];
            var field = $"sites[{j}]";
            if (!ids.Add(site.Id)) Fail($"repeats the id '{site.Id}'", $"{field}.id");
            if (site.Options.Count == 0) Fail("has no options to open", $"{field}.options");
            for (var k = 0; k < site.Options.Count; k++)
            {
                var o = site.Options[k];
                var of = $"{field}.options[{k}]";
                Finite(o.CapacityKgPerYear, $"{of}.capacityKgPerYear");
                if (o.CapacityKgPerYear <= 0) Fail("must be positive", $"{of}.capacityKgPerYear");
                NonNegative(o.CapitalUsd, $"{of}.capitalUsd");
                NonNegative(o.FixedCostUsdPerYear, $"{of}.fixedCostUsdPerYear");
                NonNegative(o.VariableCostUsdPerKg, $"{of}.variableCostUsdPerKg");
                NonNegative(o.ProcessCarbonKgCo2ePerKg, $"{of}.processCarbonKgCo2ePerKg");
                if (o.LeadTimeYears < 0) Fail("must not be negative", $"{of}.leadTimeYears");
                Finite(o.MinUtilisation, $"{of}.minUtilisation");
                Finite(o.MaxUtilisation, $"{of}.maxUtilisation");
                if (o.MinUtilisation < 0 || o.MaxUtilisation > 1 || o.MinUtilisation > o.MaxUtilisation)
                    Fail(Invariant($"must satisfy 0 <= minUtilisation <= maxUtilisation <= 1 (got {o.MinUtilisation} and {o.MaxUtilisation})"), of);
            }

            if (site.Role == SiteRole.Spoke)
            {
                Finite(site.SpokeMassYield, $"{field}.spokeMassYield");
                if (site.SpokeMassYield is <= 0 or > 1) Fail("must be in (0, 1]", $"{field}.spokeMassYield");
            }

            for (var y = 0; y < site.Yields.Count; y++)
            {
                NonNegative(site.Yields[y].MagnetKgPerKg, $"{field}.yields[{y}].magnetKgPerKg");
                NonNegative(site.Yields[y].CoProductKgPerKg, $"{field}.yields[{y}].coProductKgPerKg");
                if (site.Yields[y].MagnetKgPerKg + site.Yields[y].CoProductKgPerKg > 1 + 1e-9)
                    Fail("makes more than a kg of product from a kg of scrap", $"{field}.yields[{y}]");
            }
        }

        var sources = problem.Sources.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var sites = problem.Sites.ToDictionary(s => s.Id, StringComparer.Ordinal);
        for (var l = 0; l < problem.Lanes.Count; l++)
        {
            var lane = problem.Lanes[l];
            var field = $"lanes[{l}]";
            if (!sites.TryGetValue(lane.To, out var to))
                Fail($"names '{lane.To}', which is no site{Hint(lane.To, sites.Keys)}", $"{field}.to");
            if (sources.Contains(lane.From)) { }
            else if (sites.TryGetValue(lane.From, out var from))
            {
                if (from.Role != SiteRole.Spoke || to!.Role != SiteRole.Hub)
                    Fail($"runs from {from.Role.ToString().ToLowerInvariant()} '{lane.From}' to {to!.Role.ToString().ToLowerInvariant()} '{lane.To}': site lanes run from a spoke to a hub", field);
            }
            else Fail($"names '{lane.From}', which is no source or spoke{Hint(lane.From, sources.Concat(sites.Keys))}", $"{field}.from");
            NonNegative(lane.DistanceKm, $"{field}.distanceKm");
            NonNegative(lane.CostUsdPerKg, $"{field}.costUsdPerKg");
            NonNegative(lane.CarbonKgCo2ePerKg, $"{field}.carbonKgCo2ePerKg");
        }

        var d = problem.Demand;
        PerYear(d.UsMagnetDemandKgByYear, years.Count, "demand.usMagnetDemandKgByYear");
        Finite(d.MaxShare, "demand.maxShare");
        if (d.MaxShare is < 0 or > 1) Fail("must be in [0, 1]", "demand.maxShare");
        if (d.TargetShare is { } target && (!double.IsFinite(target) || target < 0 || target > d.MaxShare))
            Fail(Invariant($"must be in [0, maxShare = {d.MaxShare}]"), "demand.targetShare");
        NonNegative(d.MagnetPriceUsdPerKg, "demand.magnetPriceUsdPerKg");
        NonNegative(d.CoProductPriceUsdPerKg, "demand.coProductPriceUsdPerKg");
        NonNegative(d.UnmetPenaltyUsdPerKg, "demand.unmetPenaltyUsdPerKg");
        NonNegative(problem.Carbon.PriceUsdPerKgCo2e, "carbon.priceUsdPerKgCo2e");
        if (problem.Carbon.CapKgCo2ePerYear is { } cap) NonNegative(cap, "carbon.capKgCo2ePerYear");
    }

    private static string Hint(string word, IEnumerable<string> candidates) =>
        Suggest.Nearest(word, candidates) is { } near ? $" (did you mean '{near}'?)" : "";

    private static void PerYear(IReadOnlyList<double> values, int count, string field)
    {
        if (values.Count != count) Fail($"has {values.Count} values for {count} planning years", field);
        for (var i = 0; i < values.Count; i++) NonNegative(values[i], $"{field}[{i}]");
    }

    private static void NonNegative(double value, string field)
    {
        Finite(value, field);
        if (value < 0) Fail(Invariant($"must not be negative (got {value})"), field);
    }

    private static void Finite(double value, string field)
    {
        if (!double.IsFinite(value)) Fail("must be a finite number", field);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string problem, string field) => throw new NetworkProblemException(problem, field);
}
