namespace MagLoop.Studies.Tests;

/// <summary>The energy-only walk the Monte Carlo's drawn plants take gives the figures of the full inventory.</summary>
public sealed class PlantEnergyTests
{
    [Theory]
    [InlineData("dfw-hub.yaml")]
    [InlineData("dfw-hub-2-vessels.yaml")]
    [InlineData("dfw-hub-long-loop.yaml")]
    public void Energy_alone_is_the_inventory_s_energy_record_without_its_text(string file)
    {
        var plant = Study.Load(RepositoryFiles.Scenario(file));
        var solution = Study.Solve(plant);
        var full = CarbonStudy.Inventory(plant, solution, CarbonStudy.Grids(plant)).Energy;
        var alone = CarbonStudy.Energy(plant, solution);
        Assert.Equal(full.ElectricityKWhPerYear, alone.ElectricityKWhPerYear);
        Assert.Equal(full.HydrogenKgPerYear, alone.HydrogenKgPerYear);
        Assert.Equal(full.ArgonKgPerYear, alone.ArgonKgPerYear);
        Assert.Equal(full.NitrogenKgPerYear, alone.NitrogenKgPerYear);
        Assert.Equal(full.ElectricityKWhPerYearBySite, alone.ElectricityKWhPerYearBySite);
        Assert.Equal(full.Units.Select(u => u with { Basis = "" }), alone.Units);
        Assert.True(full.ElectricityKWhPerYear > 0);
        Assert.All(full.Units, u => Assert.NotEmpty(u.Basis));
    }
}
