using CsCheck;
using MagLoop.Plants;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies.Tests;

/// <summary>
/// The route choice of issue 16 on the bundled long-loop scenario: an oxidised feed leaves the short loop, forcing it
/// back costs margin or grade, every stream is shown, and the element balance closes whatever route each stream takes.
/// </summary>
public sealed class RouteChoiceTests
{
    private static readonly string LongLoop = File.ReadAllText(RepositoryFiles.Scenario("dfw-hub-long-loop.yaml"));

    // The same plant with a medium loop beside the long loop, so every route has a stream to take.
    private static readonly string BothLoops = LongLoop.Replace("recyclingRoutes:\n", """
        recyclingRoutes:
          mediumLoop:
            equipment:
              - { kind: inductionMelting, units: 1, kgPerHour: 200 }
              - { kind: stripCasting, units: 1, kgPerHour: 200 }

        """, StringComparison.Ordinal);

    private static readonly Lazy<StudyResult> Chosen = new(() => FlowsheetRoutingTests.Run(LongLoop));

    private static RouteDecisionResult Decision(StudyResult result, string stream) => Assert.Single(result.Routes!.Streams, s => s.Stream == stream);

    [Fact]
    public void A_heavily_oxidised_feed_leaves_the_short_loop_for_the_oxygen_limit()
    {
        var swarf = Decision(Chosen.Value, "tx-swarf");
        Assert.NotEqual("shortLoop", swarf.Route);
        var shortLoop = Assert.Single(swarf.Alternatives, a => a.Route == "shortLoop");
        Assert.False(shortLoop.Feasible);
        Assert.Contains("oxygen", shortLoop.Why, StringComparison.Ordinal);
        Assert.True(shortLoop.StreamOxygenFraction > Chosen.Value.Routes!.MaxOxygenFraction);
    }

    [Fact]
    public void A_clean_feed_keeps_the_short_loop()
    {
        var hdd = Decision(Chosen.Value, "sc-ev");
        Assert.Equal("shortLoop", hdd.Route);
        Assert.All(hdd.Alternatives.Where(a => !a.Chosen && a.Feasible), a => Assert.True(a.MarginUsdPerYear <= hdd.Alternatives.Single(c => c.Chosen).MarginUsdPerYear));
    }

    [Fact]
    public void Forcing_the_oxidised_feed_back_into_the_short_loop_lowers_margin_or_grade()
    {
        var forced = FlowsheetRoutingTests.Run(LongLoop.Replace("recyclingRoutes:\n", "recyclingRoutes:\n  force:\n    - { stream: tx-swarf, route: shortLoop }\n", StringComparison.Ordinal));
        var decision = Decision(forced, "tx-swarf");
        Assert.True(decision.Forced);
        Assert.Equal("shortLoop", decision.Route);
        Assert.Contains("although", decision.Alternatives.Single(a => a.Chosen).Why, StringComparison.Ordinal);

        var chosen = Chosen.Value;
        var lowerMargin = forced.Economics!.NpvUsd < chosen.Economics!.NpvUsd;
        var lowerGrade = forced.Products[0].EnergyProductKJm3 < chosen.Products[0].EnergyProductKJm3;
        Assert.True(lowerMargin || lowerGrade,
            $"forced: NPV {forced.Economics.NpvUsd:N0}, (BH)max {forced.Products[0].EnergyProductKJm3:N1}; chosen: NPV {chosen.Economics.NpvUsd:N0}, (BH)max {chosen.Products[0].EnergyProductKJm3:N1}");
    }

    [Fact]
    public void Every_feed_and_internal_stream_is_shown_with_every_alternative()
    {
        var routes = Chosen.Value.Routes!;
        var expected = Chosen.Value.Feeds.Select(f => f.Id).Concat(RouteStreamId.Internal.Select(s => s.Value)).ToHashSet();
        Assert.Equal(expected, routes.Streams.Select(s => s.Stream).ToHashSet());
        Assert.All(routes.Streams, s =>
        {
            Assert.Single(s.Alternatives, a => a.Chosen);
            Assert.Equal(s.Route, s.Alternatives.Single(a => a.Chosen).Route);
            Assert.All(s.Alternatives, a => Assert.False(string.IsNullOrWhiteSpace(a.Why)));
        });
        var longLoop = Assert.Single(routes.Routes);
        Assert.True(longLoop.KgCo2ePerKgRareEarth < longLoop.VirginKgCo2ePerKgRareEarth, "recovered rare earth should undercut virgin NdPr metal");
    }

    [Fact]
    public void The_element_balance_closes_whatever_route_each_stream_takes()
    {
        var (scenario, map) = ScenarioReader.Read(BothLoops, "both-loops.yaml");
        var plant = PlantBuilder.Build(scenario, map);
        var routes = plant.Definition.RecyclingRoutes!;
        var streams = plant.Definition.Feeds.Select(f => RouteStreamId.Of(f.Id)).Concat(RouteStreamId.Internal).ToArray();
        Assert.Equal([RecyclingRoute.ShortLoop, RecyclingRoute.MediumLoop, RecyclingRoute.LongLoop], routes.Alternatives(streams[0]));
        var genAssignment = Gen.Int[0, 1000].Array[streams.Length].Select(picks =>
            streams.Select((s, i) => (s, routes.Alternatives(s)[picks[i] % routes.Alternatives(s).Count])).ToDictionary(x => x.s, x => x.Item2));
        genAssignment.Sample(assigned =>
        {
            var solution = FlowsheetSolverRun(RouteChoice.With(plant, assigned));
            Assert.True(solution.MaxRelativeBalanceError < 1e-9,
                $"balance error {solution.MaxRelativeBalanceError:E2} with {string.Join(", ", assigned.Select(a => $"{a.Key.Value}={a.Value}"))}");
        }, iter: 12);
    }

    // The solve alone: an assignment may leave a line without magnets, which Study.Solve refuses, but the balance must still close.
    private static Process.FlowsheetSolution FlowsheetSolverRun(Plant plant) => Process.FlowsheetSolver.Solve(plant.Flowsheet);
}

/// <summary>The long loop's metal returned to the blend instead of sold: fresh rare earth falls, the balance closes.</summary>
public sealed class ReturnToBlendTests
{
    private static string Variant(bool returned)
    {
        var text = File.ReadAllText(RepositoryFiles.Scenario("dfw-hub-long-loop.yaml"))
            .Replace("    product: oxide                # mixed RE oxide\n", $"    product: metal\n    returnToBlend: {(returned ? "true" : "false")}\n", StringComparison.Ordinal)
            .Replace("      - { kind: solventExtraction, units: 1, kgPerHour: 200 }   # engineering assumption: one SX and precipitation train\n",
                "      - { kind: solventExtraction, units: 1, kgPerHour: 200 }\n      - { kind: oxideReduction, units: 1, kgPerHour: 50 }\n", StringComparison.Ordinal)
            .Replace("      - { station: solventExtraction, referenceSize: 200,", "      - { station: oxideReduction, referenceSize: 50, referenceDeliveredUsd: 2000000, source: \"test\" }\n      - { station: solventExtraction, referenceSize: 200,", StringComparison.Ordinal)
            .Replace("      - { station: solventExtraction, perUnitPerShift: 2 }", "      - { station: oxideReduction, perUnitPerShift: 1 }\n      - { station: solventExtraction, perUnitPerShift: 2 }", StringComparison.Ordinal)
            .Replace("recyclingRoutes:\n", "recyclingRoutes:\n  force:\n    - { stream: tx-swarf, route: longLoop }\n", StringComparison.Ordinal);
        return text;
    }

    [Fact]
    public void Returned_metal_replaces_fresh_rare_earth_and_is_no_longer_sold()
    {
        var sold = FlowsheetRoutingTests.Run(Variant(returned: false));
        var returned = FlowsheetRoutingTests.Run(Variant(returned: true));
        Assert.True(returned.Production.FreshRareEarthTonnesPerYear < sold.Production.FreshRareEarthTonnesPerYear,
            $"fresh RE {returned.Production.FreshRareEarthTonnesPerYear:N1} t/yr returned vs {sold.Production.FreshRareEarthTonnesPerYear:N1} sold");
        Assert.Contains(sold.Production.CoProducts, c => c.Name == MagLoop.Plants.RouteIds.LongLoopProduct.Value);
        Assert.DoesNotContain(returned.Production.CoProducts, c => c.Name == MagLoop.Plants.RouteIds.LongLoopProduct.Value);
        Assert.True(returned.Production.MassBalance.MaxRelativeError < 1e-9);
    }

    [Fact]
    public void Only_metal_can_return_to_the_blend()
    {
        var text = Variant(returned: true).Replace("    product: metal\n", "    product: oxide\n", StringComparison.Ordinal);
        var e = Assert.Throws<ScenarioException>(() => FlowsheetRoutingTests.Run(text));
        Assert.Contains("only metal can return to the blend", e.Message, StringComparison.Ordinal);
    }
}
