using MagLoop.Materials;

namespace MagLoop.Process.Tests;

public sealed class LossyStepTests
{
    private static LossyStep.Result Run(double loss = 0.01, double oxygen = 0.001) => LossyStep.Run(Samples.DegassedPowder, new(loss, oxygen));

    [Fact]
    public void Step_loses_the_stated_fraction_of_its_input() =>
        Assert.Equal(0.01 * Samples.DegassedPowder.TotalKgPerYear, Run().Loss.TotalKgPerYear, 1e-9);

    [Fact]
    public void Loss_has_the_composition_of_the_input() =>
        Assert.Equal(0.01 * Samples.DegassedPowder[Component.Dy], Run().Loss[Component.Dy], 1e-12);

    [Fact]
    public void Oxygen_pickup_is_per_kg_of_product() =>
        Assert.Equal(0.001 * 0.99 * Samples.DegassedPowder.TotalKgPerYear, Run().OxygenPickedUp[Component.O], 1e-9);

    [Fact]
    public void Oxygen_picked_up_ends_in_the_product() =>
        Assert.Equal(0.99 * Samples.DegassedPowder[Component.O] + Run().OxygenPickedUp[Component.O], Run().Product[Component.O], 1e-9);

    [Fact]
    public void Oxygen_pickup_defaults_to_none() =>
        Assert.True(LossyStep.Run(Samples.DegassedPowder, new(0.01)).OxygenPickedUp.IsEmpty);

    [Fact]
    public void Step_without_loss_passes_everything_on() =>
        Assert.Equal(Samples.DegassedPowder, Run(loss: 0.0, oxygen: 0.0).Product);

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.01, 0.001)]
    [InlineData(1.0, 0.05)]
    public void Mass_is_conserved_per_component(double loss, double oxygen)
    {
        var result = Run(loss, oxygen);

        Conservation.AssertConserved([Samples.DegassedPowder, result.OxygenPickedUp], [result.Product, result.Loss]);
    }
}
