namespace MagLoop.Economics;

/// <summary>
/// One feed on offer, per kg of scrap as received: what it yields, what it costs, and how much of the binding
/// station's capacity it takes.
/// </summary>
/// <param name="Feed">Feed id.</param>
/// <param name="OfferedKgPerYear">Scrap on offer.</param>
/// <param name="CapacityUseKgPerKg">kg of the binding station's intake per kg of scrap (the concentrate it makes).</param>
/// <param name="ValueUsdPerKg">Value of the alloy one kg of scrap yields, as sold.</param>
/// <param name="PurchaseUsdPerKg">Purchase price per kg of scrap.</param>
/// <param name="LogisticsUsdPerKg">Freight to the hub per kg of scrap.</param>
public sealed record FeedOffer(string Feed, double OfferedKgPerYear, double CapacityUseKgPerKg, decimal ValueUsdPerKg, decimal PurchaseUsdPerKg, decimal LogisticsUsdPerKg)
{
    /// <summary>Margin per kg of scrap: value of the contained alloy less purchase and logistics.</summary>
    public decimal MarginUsdPerKg => ValueUsdPerKg - PurchaseUsdPerKg - LogisticsUsdPerKg;

    /// <summary>Margin per kg of the binding station's capacity it takes: the order in which a full plant takes feeds.</summary>
    public decimal MarginUsdPerKgCapacity => CapacityUseKgPerKg > 0 ? MarginUsdPerKg / (decimal)CapacityUseKgPerKg : MarginUsdPerKg;
}

/// <summary>Why a feed was taken as it was.</summary>
public enum FeedDecision
{
    /// <summary>Taken in full: capacity left after every better feed.</summary>
    TakenInFull,
    /// <summary>Taken in part: capacity ran out at this feed.</summary>
    CutBack,
    /// <summary>Not taken: better feeds fill the capacity.</summary>
    NotTaken,
    /// <summary>Not taken: its margin is not positive, so buying it loses money whatever the capacity.</summary>
    Unprofitable,
}

/// <summary>A feed as chosen.</summary>
/// <param name="Offer">The offer.</param>
/// <param name="Rank">1 for the feed with the best margin per kg of capacity.</param>
/// <param name="TakenKgPerYear">Scrap bought.</param>
/// <param name="Decision">Why.</param>
public sealed record FeedTake(FeedOffer Offer, int Rank, double TakenKgPerYear, FeedDecision Decision)
{
    /// <summary>Share of the offer bought.</summary>
    public double TakenShare => Offer.OfferedKgPerYear > 0 ? TakenKgPerYear / Offer.OfferedKgPerYear : 0;
}

/// <summary>
/// Which feeds a plant takes when one station's capacity binds: best margin per kg of that capacity first (the
/// greedy order is optimal for one linear constraint), whole feeds while capacity lasts, the marginal feed in part,
/// none with a margin that is not positive. Ties keep the offers' order, so the choice is deterministic.
/// </summary>
public static class FeedChoice
{
    /// <summary>The feeds taken within <paramref name="capacityKgPerYear"/> of binding-station intake.</summary>
    public static IReadOnlyList<FeedTake> Choose(IReadOnlyList<FeedOffer> offers, double capacityKgPerYear)
    {
        ArgumentNullException.ThrowIfNull(offers);
        if (!(capacityKgPerYear >= 0)) throw new ArgumentException("capacity must not be negative", nameof(capacityKgPerYear));
        foreach (var o in offers)
        {
            if (!(o.OfferedKgPerYear >= 0) || !(o.CapacityUseKgPerKg >= 0))
                throw new ArgumentException($"feed '{o.Feed}': offer and capacity use must not be negative", nameof(offers));
        }

        var ranked = offers.Select((o, i) => (Offer: o, Index: i)).OrderByDescending(x => x.Offer.MarginUsdPerKgCapacity).ThenBy(x => x.Index).ToList();
        var left = capacityKgPerYear;
        var takes = new FeedTake[offers.Count];
        for (var r = 0; r < ranked.Count; r++)
        {
            var (o, index) = ranked[r];
            FeedTake take;
            if (o.MarginUsdPerKg <= 0) take = new FeedTake(o, r + 1, 0, FeedDecision.Unprofitable);
            else
            {
                var need = o.OfferedKgPerYear * o.CapacityUseKgPerKg;
                if (need <= left)
                {
                    take = new FeedTake(o, r + 1, o.OfferedKgPerYear, FeedDecision.TakenInFull);
                    left -= need;
                }
                else if (left > 0)
                {
                    take = new FeedTake(o, r + 1, left / o.CapacityUseKgPerKg, FeedDecision.CutBack);
                    left = 0;
                }
                else take = new FeedTake(o, r + 1, 0, FeedDecision.NotTaken);
            }

            takes[index] = take;
        }

        return takes;
    }
}
