namespace MagLoop.Network.Planning;

/// <summary>Size and seed of a synthetic network (benchmarks and property tests). Every property states its default.</summary>
public sealed record SyntheticNetworkSpec
{
    /// <summary>Scrap sources (one scrap type each). Default 50.</summary>
    public int Sources { get; init; } = 50;

    /// <summary>Candidate spokes. Default 10.</summary>
    public int Spokes { get; init; } = 10;

    /// <summary>Candidate hubs. Default 3.</summary>
    public int Hubs { get; init; } = 3;

    /// <summary>Planning years from 2027. Default 10.</summary>
    public int Years { get; init; } = 10;

    /// <summary>Lanes from each source to its nearest spokes (all spokes when larger). Default 10.</summary>
    public int SpokeLanesPerSource { get; init; } = 10;

    /// <summary>
    /// Distance within which a source may ship straight to a hub, km. Default 600: beyond it small lots go through a
    /// spoke, which is what makes spokes worth opening (a collection point, as the disclosed Reno and Williston spokes).
    /// </summary>
    public double DirectToHubRadiusKm { get; init; } = 600;

    /// <summary>Collectable scrap of all sources together in the first year, tonnes. Default 6,000 t (about twice three base hubs).</summary>
    public double TotalSupplyTonnes { get; init; } = 6000;

    /// <summary>Options per site (the second and later are expansions). Default 2.</summary>
    public int OptionsPerSite { get; init; } = 2;

    /// <summary>Whether the first hub is decided open from the third year (as the disclosed hub is). Default false.</summary>
    public bool DecidedHub { get; init; }

    /// <summary>
    /// Factor on every drawn capital cost. Default 1; a small factor makes short horizons worth building in, so the
    /// small instances of the enumeration tests have real open-or-not trade-offs.
    /// </summary>
    public double CapitalScale { get; init; } = 1;

    /// <summary>Seed of the generator. Default 1.</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>
/// A seeded generator of network problems of any size: sources, spokes and hubs placed at random over the
/// contiguous US, supplies growing by year, costs and yields drawn around illustrative values. Transport factors
/// are the cited ones (docs/network.md): truckload 0.0843 USD and 0.0488 kg CO2e per tonne-km, rail 0.0275 USD and
/// 0.0145 kg CO2e per tonne-km, circuity 1.2 (freight-emission-cost-circuity-factors.csv); the rest is synthetic,
/// for timing and for testing the planner, not a description of any real network.
/// </summary>
public static class SyntheticNetwork
{
    private static readonly (string Type, double PriceUsdPerKg, double Magnet, double CoProduct)[] ScrapTypes =
    [
        ("hdd-vcm", 4, 0.25, 0.20),
        ("ev-rotor", 8, 0.35, 0.25),
        ("wind-generator", 12, 0.45, 0.30),
        ("industrial-motor", 6, 0.30, 0.25),
    ];

    private const double TruckUsdPerTonneKm = 0.0843;
    private const double TruckKgCo2ePerTonneKm = 0.0488;
    private const double RailUsdPerTonneKm = 0.0275;
    private const double RailKgCo2ePerTonneKm = 0.0145;
    private const double Circuity = 1.2;

    /// <summary>Generates the problem; the same spec gives the same problem.</summary>
    public static NetworkProblem Generate(SyntheticNetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Sources < 1 || spec.Hubs < 1 || spec.Spokes < 0 || spec.Years < 1 || spec.OptionsPerSite < 1)
            throw new ArgumentOutOfRangeException(nameof(spec), "needs at least one source, one hub, one year and one option per site");
        var random = new Random(spec.Seed);
        var years = Enumerable.Range(2027, spec.Years).ToArray();
        double Draw(double low, double high) => low + (high - low) * random.NextDouble();
        (double Lat, double Lon) Place() => (Draw(30, 47), Draw(-120, -76));

        var weights = Enumerable.Range(0, spec.Sources).Select(_ => Draw(0.2, 1.8)).ToArray();
        var weightSum = weights.Sum();
        var sources = new List<ScrapSource>();
        for (var s = 0; s < spec.Sources; s++)
        {
            var (lat, lon) = Place();
            var type = ScrapTypes[random.Next(ScrapTypes.Length)];
            var first = spec.TotalSupplyTonnes * 1000 * weights[s] / weightSum;
            var growth = Draw(0.02, 0.08);
            sources.Add(new ScrapSource($"src-{s}", $"R{s}", lat, lon, type.Type,
                [.. Enumerable.Range(0, spec.Years).Select(t => first * Math.Pow(1 + growth, t))], type.PriceUsdPerKg * Draw(0.8, 1.2)));
        }

        var sites = new List<CandidateSite>();
        for (var h = 0; h < spec.Hubs; h++)
        {
            var (lat, lon) = Place();
            var baseKg = Draw(1.0e6, 2.0e6);
            var options = Options(random, spec.OptionsPerSite, baseKg, Draw(60e6, 125e6) * spec.CapitalScale, Draw(6e6, 10e6), 3, 1.5, 2, 0.3, 0.9);
            var decided = spec.DecidedHub && h == 0 ? years[Math.Min(2, years.Length - 1)] : (int?)null;
            sites.Add(new CandidateSite($"hub-{h}", $"Hub {h}", SiteRole.Hub, "US", lat, lon, "US",
                options, [.. ScrapTypes.Select(x => new HubYield(x.Type, x.Magnet * Draw(0.95, 1.05), x.CoProduct))], 1, decided));
        }

        for (var i = 0; i < spec.Spokes; i++)
        {
            var (lat, lon) = Place();
            var options = Options(random, spec.OptionsPerSite, Draw(0.3e6, 1.0e6), Draw(3e6, 8e6) * spec.CapitalScale, Draw(0.6e6, 1.2e6), 0.4, 0.05, 1, 0.2, 1);
            sites.Add(new CandidateSite($"spoke-{i}", $"Spoke {i}", SiteRole.Spoke, "US", lat, lon, "US", options, [], 0.95, null));
        }

        var lanes = new List<Lane>();
        var hubs = sites.Where(x => x.Role == SiteRole.Hub).ToList();
        var spokes = sites.Where(x => x.Role == SiteRole.Spoke).ToList();
        foreach (var source in sources)
        {
            foreach (var spoke in Nearest(spokes, source.LatitudeDeg, source.LongitudeDeg, spec.SpokeLanesPerSource))
                lanes.Add(Truck(source.Id, spoke, source.LatitudeDeg, source.LongitudeDeg));
            foreach (var hub in hubs.Where(h => GreatCircleKm(source.LatitudeDeg, source.LongitudeDeg, h.LatitudeDeg, h.LongitudeDeg) <= spec.DirectToHubRadiusKm))
                lanes.Add(Truck(source.Id, hub, source.LatitudeDeg, source.LongitudeDeg));
        }

        foreach (var spoke in spokes)
            foreach (var hub in hubs)
            {
                lanes.Add(Truck(spoke.Id, hub, spoke.LatitudeDeg, spoke.LongitudeDeg));
                var km = GreatCircleKm(spoke.LatitudeDeg, spoke.LongitudeDeg, hub.LatitudeDeg, hub.LongitudeDeg) * Circuity;
                lanes.Add(new Lane(spoke.Id, hub.Id, TransportMode.Rail, km, km * RailUsdPerTonneKm / 1000, km * RailKgCo2ePerTonneKm / 1000));
            }

        var demand = new Demand([.. Enumerable.Range(0, spec.Years).Select(t => 10_000e3 * Math.Pow(1.08, t))], 0.3, null, 65, 10, 80);
        return new NetworkProblem($"synthetic {spec.Sources}x{spec.Spokes}x{spec.Hubs}x{spec.Years} seed {spec.Seed}", years, 0.07,
            sources, sites, lanes, demand, new CarbonPolicy(0, null));
    }

    private static List<SiteOption> Options(Random random, int count, double capacityKg, double capitalUsd, double fixedUsd,
        double variableUsdPerKg, double processKgCo2ePerKg, int leadYears, double minUtilisation, double maxUtilisation)
    {
        var options = new List<SiteOption> { new("base", capacityKg, capitalUsd, fixedUsd, variableUsdPerKg, 20, processKgCo2ePerKg, leadYears, minUtilisation, maxUtilisation, null) };
        for (var k = 1; k < count; k++)
        {
            var share = 0.6 + 0.4 * random.NextDouble();
            options.Add(new SiteOption($"expansion-{k}", capacityKg * share, capitalUsd * 0.4 * share, fixedUsd * 0.4 * share,
                variableUsdPerKg, 10, processKgCo2ePerKg, 1, 0, maxUtilisation, null));
        }

        return options;
    }

    private static IEnumerable<CandidateSite> Nearest(List<CandidateSite> sites, double lat, double lon, int count) =>
        sites.OrderBy(s => GreatCircleKm(lat, lon, s.LatitudeDeg, s.LongitudeDeg)).Take(count);

    private static Lane Truck(string from, CandidateSite to, double lat, double lon)
    {
        var km = GreatCircleKm(lat, lon, to.LatitudeDeg, to.LongitudeDeg) * Circuity;
        return new Lane(from, to.Id, TransportMode.Truck, km, km * TruckUsdPerTonneKm / 1000, km * TruckKgCo2ePerTonneKm / 1000);
    }

    /// <summary>Great-circle distance on a sphere of radius 6,371 km (haversine).</summary>
    public static double GreatCircleKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371;
        var dLat = double.DegreesToRadians(lat2 - lat1);
        var dLon = double.DegreesToRadians(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(double.DegreesToRadians(lat1)) * Math.Cos(double.DegreesToRadians(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
