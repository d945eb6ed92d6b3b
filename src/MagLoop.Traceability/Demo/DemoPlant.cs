namespace MagLoop.Traceability.Demo;

/// <summary>
/// What the demo needs to know of a plant, as plain numbers: the traceability core depends on no plant model, so the
/// caller (the CLI maps a study result) fills this in.
/// </summary>
/// <param name="SiteIds">Every site, in the order that numbers their GLNs (first site = location 00001).</param>
/// <param name="HpmsSiteId">Site of the HPMS vessels and the magnet line (the hub).</param>
/// <param name="HpmsBatchKg">HPMS charge per batch.</param>
/// <param name="Feeds">Scrap feeds, in the order the day's receipts are written.</param>
/// <param name="MagnetLineIntakeTonnesPerYear">Blend milled by the magnet line.</param>
/// <param name="FreshFraction">Fresh NdPr share of the magnet line's intake (0 to below 1).</param>
/// <param name="SinterYield">Sintered block over blend.</param>
/// <param name="MachiningYield">Cut block over sintered block.</param>
/// <param name="MagnetYield">Finished magnets over cut block.</param>
/// <param name="RejectYield">Inspection rejects over cut block.</param>
/// <param name="PowderComposition">Mass fraction of each element symbol in HPMS powder (the assay's centre).</param>
public sealed record DemoPlant(
    IReadOnlyList<string> SiteIds,
    string HpmsSiteId,
    double HpmsBatchKg,
    IReadOnlyList<DemoFeed> Feeds,
    double MagnetLineIntakeTonnesPerYear,
    double FreshFraction,
    double SinterYield,
    double MachiningYield,
    double MagnetYield,
    double RejectYield,
    IReadOnlyDictionary<string, double> PowderComposition)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent member.</summary>
    internal void Check()
    {
        ArgumentNullException.ThrowIfNull(SiteIds);
        ArgumentNullException.ThrowIfNull(Feeds);
        ArgumentNullException.ThrowIfNull(PowderComposition);
        Require(SiteIds.Contains(HpmsSiteId), nameof(HpmsSiteId), $"site '{HpmsSiteId}' is not among the sites");
        Require(HpmsBatchKg is > 0 and < double.PositiveInfinity, nameof(HpmsBatchKg), "must be positive and finite");
        Require(MagnetLineIntakeTonnesPerYear is >= 0 and < double.PositiveInfinity, nameof(MagnetLineIntakeTonnesPerYear), "must be zero or positive and finite");
        Require(FreshFraction is >= 0 and < 1, nameof(FreshFraction), "must be from 0 to below 1");
        foreach (var (name, value) in new[] { (nameof(SinterYield), SinterYield), (nameof(MachiningYield), MachiningYield), (nameof(MagnetYield), MagnetYield), (nameof(RejectYield), RejectYield) })
            Require(value is >= 0 and <= 1, name, "must be a fraction from 0 to 1");
        foreach (var feed in Feeds)
        {
            Require(SiteIds.Contains(feed.SiteId), nameof(Feeds), $"feed '{feed.Id}' is at unknown site '{feed.SiteId}'");
            Require(feed.ProcessedTonnesPerYear is >= 0 and < double.PositiveInfinity, nameof(Feeds), $"feed '{feed.Id}': processed mass must be zero or positive and finite");
            foreach (var fraction in new[] { feed.MagnetMassFraction, feed.SpokeMagnetRecovery, feed.SpokeForeignRemoval, feed.HpmsExtractionYield })
                Require(fraction is >= 0 and <= 1, nameof(Feeds), $"feed '{feed.Id}': fractions must be from 0 to 1");
        }
    }

    private static void Require(bool condition, string member, string problem)
    {
        if (!condition) throw new ArgumentException($"{member}: {problem}", member);
    }
}

/// <summary>One scrap feed of a <see cref="DemoPlant"/>.</summary>
/// <param name="Id">Feed id (lot names derive from it).</param>
/// <param name="SiteId">Site that receives and pre-processes it.</param>
/// <param name="ScrapTypeId">Scrap type id; one containing "pre-consumer" or "reject" is pre-consumer material.</param>
/// <param name="ProcessedTonnesPerYear">Scrap taken per year.</param>
/// <param name="MagnetMassFraction">Magnet share of the scrap's mass.</param>
/// <param name="SpokeMagnetRecovery">Magnet share recovered by pre-processing at the spoke.</param>
/// <param name="SpokeForeignRemoval">Foreign-material share removed at the spoke.</param>
/// <param name="HpmsExtractionYield">Alloy share of the magnets that HPMS turns into powder.</param>
public sealed record DemoFeed(
    string Id,
    string SiteId,
    string ScrapTypeId,
    double ProcessedTonnesPerYear,
    double MagnetMassFraction,
    double SpokeMagnetRecovery,
    double SpokeForeignRemoval,
    double HpmsExtractionYield);
