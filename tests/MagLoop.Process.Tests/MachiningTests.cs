using MagLoop.Materials;

namespace MagLoop.Process.Tests;

public sealed class MachiningTests
{
    private static MassStream Block => Samples.DegassedPowder;

    private static Machining.Result Run(double yield = 0.75, double swarfOxygen = 0.01) => Machining.Run(Block, new(yield, swarfOxygen));

    [Fact]
    public void Cut_parts_are_the_yield_of_the_block() =>
        Assert.Equal(0.75 * Block.TotalKgPerYear, Run().CutParts.TotalKgPerYear, 1e-9);

    [Fact]
    public void Swarf_oxygen_pickup_is_per_kg_of_swarf() =>
        Assert.Equal(0.01 * 0.25 * Block.TotalKgPerYear, Run().OxygenPickedUp[Component.O], 1e-9);

    [Fact]
    public void Swarf_carries_the_oxygen_it_picked_up() =>
        Assert.Equal(0.25 * Block[Component.O] + Run().OxygenPickedUp[Component.O], Run().Swarf[Component.O], 1e-9);

    [Fact]
    public void Cut_parts_pick_up_no_oxygen() =>
        Assert.Equal(0.75 * Block[Component.O], Run().CutParts[Component.O], 1e-9);

    [Fact]
    public void Full_yield_leaves_no_swarf() =>
        Assert.True(Run(yield: 1.0).Swarf.IsEmpty);

    [Theory]
    [InlineData(0.75, 0.01)]
    [InlineData(1.0, 0.2)]
    [InlineData(0.0, 0.2)]
    public void Mass_is_conserved_per_component(double yield, double swarfOxygen)
    {
        var result = Run(yield, swarfOxygen);

        Conservation.AssertConserved([Block, result.OxygenPickedUp], [result.CutParts, result.Swarf]);
    }
}
