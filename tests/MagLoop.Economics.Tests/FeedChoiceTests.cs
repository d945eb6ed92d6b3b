using CsCheck;

namespace MagLoop.Economics.Tests;

public sealed class FeedChoiceTests
{
    private static FeedOffer Offer(string id, double kg, double use, decimal value, decimal purchase = 1, decimal freight = 0) => new(id, kg, use, value, purchase, freight);

    [Fact]
    public void The_margin_is_value_less_purchase_and_logistics()
    {
        var o = Offer("a", 1, 0.5, 10, 3, 1);
        Assert.Equal(6m, o.MarginUsdPerKg);
        Assert.Equal(12m, o.MarginUsdPerKgCapacity);
    }

    [Fact]
    public void When_capacity_binds_the_lowest_margin_feed_is_cut_back_first()
    {
        var takes = FeedChoice.Choose([Offer("low", 100, 1, 3), Offer("high", 100, 1, 9), Offer("mid", 100, 1, 5)], 150);
        Assert.Equal(FeedDecision.NotTaken, takes[0].Decision);
        Assert.Equal(FeedDecision.TakenInFull, takes[1].Decision);
        Assert.Equal(FeedDecision.CutBack, takes[2].Decision);
        Assert.Equal(50, takes[2].TakenKgPerYear, 9);
        Assert.Equal([3, 1, 2], takes.Select(t => t.Rank));
    }

    [Fact]
    public void Feeds_are_ranked_by_margin_per_kg_of_capacity_not_per_kg_of_scrap()
    {
        // "bulky" earns more per kg of scrap but fills the vessels three times as fast.
        var takes = FeedChoice.Choose([Offer("bulky", 100, 3, 7), Offer("dense", 100, 1, 4)], 100);
        Assert.Equal(FeedDecision.TakenInFull, takes[1].Decision);
        Assert.Equal(FeedDecision.NotTaken, takes[0].Decision);
    }

    [Fact]
    public void A_feed_that_loses_money_is_not_bought_even_with_capacity_to_spare()
    {
        var takes = FeedChoice.Choose([Offer("loss", 100, 1, 1, 2)], 1e9);
        Assert.Equal(FeedDecision.Unprofitable, takes[0].Decision);
        Assert.Equal(0, takes[0].TakenKgPerYear);
    }

    [Fact]
    public void The_choice_fills_the_capacity_and_never_exceeds_it()
    {
        var offer = Gen.Select(Gen.Double[0, 1e6], Gen.Double[0.1, 3], Gen.Int[-5, 50]).Select((kg, use, value) => Offer("f", kg, use, value));
        Gen.Select(offer.List[1, 10], Gen.Double[0, 5e6]).Sample((offers, capacity) =>
        {
            var takes = FeedChoice.Choose(offers, capacity);
            var used = takes.Sum(t => t.TakenKgPerYear * t.Offer.CapacityUseKgPerKg);
            var wanted = offers.Where(o => o.MarginUsdPerKg > 0).Sum(o => o.OfferedKgPerYear * o.CapacityUseKgPerKg);
            Assert.True(used <= capacity * (1 + 1e-12) + 1e-9);
            // A relative tolerance: rounding both sides to 6 places fails when they straddle a rounding boundary.
            var expected = Math.Min(capacity, wanted);
            Assert.True(Math.Abs(used - expected) <= 1e-9 * Math.Max(1, expected), $"used {used} kg, expected {expected} kg");
        });
    }
}
