using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies.Tests;

public sealed class SimulatedBasisTests
{
    // Jet mills that fail every 5 h for 20 h: the simulation falls far short of the flowsheet's magnets.
    private static Plant FailingMills() => Build(File.ReadAllText(RepositoryFiles.Scenario("dfw-hub.yaml"))
        .Replace("replications: 30", "replications: 2", StringComparison.Ordinal)
        .Replace("mtbfHours: 50, mttrHours: 6", "mtbfHours: 5, mttrHours: 20", StringComparison.Ordinal));

    private static Plant Build(string text)
    {
        var (scenario, map) = ScenarioReader.Read(text, "failing-mills.yaml");
        return PlantBuilder.Build(scenario, map);
    }

    private static readonly Lazy<(StudyResult Flowsheet, StudyResult Simulated)> Results = new(() =>
    {
        var plant = FailingMills();
        return (Study.Run(plant, "failing-mills.yaml", new StudyOptions { Simulate = true }),
            Study.Run(plant, "failing-mills.yaml", new StudyOptions { Simulate = true, Basis = StudyBasis.Simulated }));
    });

    [Fact]
    public void The_simulated_basis_makes_the_simulated_magnets_and_earns_less_than_the_flowsheet()
    {
        var (flowsheet, simulated) = Results.Value;
        Assert.Equal(StudyBasis.Flowsheet, flowsheet.Basis!.Used);
        Assert.Equal(StudyBasis.Simulated, simulated.Basis!.Used);
        Assert.True(simulated.Basis.LineAvailabilityFactor < 1);
        Assert.Equal(simulated.Simulation!.MagnetTonnesPerYear.Mean, simulated.Production.MagnetTonnesPerYear, simulated.Production.MagnetTonnesPerYear * 1e-4);
        Assert.True(simulated.Production.MagnetTonnesPerYear < flowsheet.Production.MagnetTonnesPerYear * 0.98);
        Assert.True(simulated.Economics!.NpvUsd < flowsheet.Economics!.NpvUsd);
        Assert.True(simulated.Economics.CashFlows.Sum(y => y.RevenueUsd) < flowsheet.Economics.CashFlows.Sum(y => y.RevenueUsd));
        // The feeds are not shrunk with the magnets (that would cut the surplus powder first): the scrap bought stays
        // within 1 % of the flowsheet's (fewer line returns free HPMS room), and HPMS is scaled only so far as the
        // co-products differ from the simulated ones.
        Assert.Equal(flowsheet.Production.ScrapFeedTonnesPerYear, simulated.Production.ScrapFeedTonnesPerYear, flowsheet.Production.ScrapFeedTonnesPerYear * 0.01);
        if (simulated.Basis.FrontAvailabilityFactor != 1)
            Assert.Equal(simulated.Simulation.CoProductTonnesPerYear.Mean, simulated.Production.CoProductTonnesPerYear, simulated.Production.CoProductTonnesPerYear * 1e-4);
    }

    [Fact]
    public void The_simulated_basis_never_makes_carbon_per_kg_lower()
    {
        var (flowsheet, simulated) = Results.Value;
        // Fewer magnets from the same scrap, energy and fixed loads carry the same or more carbon per kg.
        Assert.True(simulated.Carbon!.KgCo2ePerKgMagnet >= flowsheet.Carbon!.KgCo2ePerKgMagnet * (1 - 1e-9));
    }

    [Fact]
    public void Both_bases_are_shown_side_by_side_when_they_differ_by_more_than_2_percent()
    {
        var (flowsheet, simulated) = Results.Value;
        Assert.True(flowsheet.Basis!.Differs);
        Assert.Contains(flowsheet.Warnings, w => w.StartsWith("Flowsheet vs simulated basis", StringComparison.Ordinal) && w.Contains("--basis flowsheet", StringComparison.Ordinal));
        Assert.Contains(simulated.Warnings, w => w.StartsWith("Flowsheet vs simulated basis", StringComparison.Ordinal) && w.Contains("--basis simulated", StringComparison.Ordinal));
        Assert.Contains("\"basis\"", simulated.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bases_within_2_percent_show_no_note()
    {
        var basis = new BasisResult(StudyBasis.Flowsheet, 750, 740, 807, 800, -10.0 / 750, -7.0 / 807);
        Assert.False(basis.Differs);
        Assert.Null(SimulatedBasis.Note(basis));
        Assert.NotNull(SimulatedBasis.Note(basis with { SimulatedMagnetTonnesPerYear = 700, MagnetRelativeDifference = -50.0 / 750 }));
    }

    [Fact]
    public void The_simulated_basis_needs_the_simulation()
    {
        var error = Assert.ThrowsAny<MagLoop.Errors.UserError>(() => Study.Run(FailingMills(), "failing-mills.yaml", new StudyOptions { Basis = StudyBasis.Simulated }));
        Assert.Contains("simulated basis needs the simulation", error.Message, StringComparison.Ordinal);
    }
}
