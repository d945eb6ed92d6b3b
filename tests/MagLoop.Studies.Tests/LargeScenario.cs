using System.Globalization;
using System.Text;

namespace MagLoop.Studies.Tests;

/// <summary>
/// Large scenarios derived from the bundled scenarios/dfw-hub.yaml, for the scaling guard and the reading benchmark
/// (bench/MagLoop.Benchmarks compiles this file too, and writes such files: <c>-- generate feeds 10000</c>).
/// Everything but sites, routes and feeds is the bundled scenario's, so each is a valid scenario of the same plant.
/// </summary>
internal static class LargeScenario
{
    private static readonly string[] ScrapTypes = ["hdd-vcm", "ev-rotor", "industrial-motor", "speaker-zn", "wind-generator", "pre-consumer-rejects"];
    private static readonly string[] BundledSites = ["sc-spoke", "nv-spoke", "dfw-hub"];

    /// <summary>The bundled supply (11,550 t/yr) spread over <paramref name="count"/> feeds at the three bundled sites.</summary>
    public static string Feeds(string bundled, int count)
    {
        var (head, sites, routes, _, tail) = Split(bundled);
        // The execution risk's supply shortfalls name the bundled feeds, which these replace.
        var supply = tail.IndexOf("      supply:", StringComparison.Ordinal);
        if (supply >= 0) tail = tail[..supply] + tail[tail.IndexOf("      policy:\n", supply, StringComparison.Ordinal)..];
        var feeds = new StringBuilder("feeds:\n");
        for (var i = 0; i < count; i++)
            feeds.Append(CultureInfo.InvariantCulture,
                $"  - id: feed-{i}\n    scrapType: {ScrapTypes[i % ScrapTypes.Length]}\n    site: {BundledSites[i % BundledSites.Length]}\n    tonnesPerYear: {11550.0 / count:G6}\n");
        return head + sites + routes + feeds + "\n" + tail;
    }

    /// <summary>
    /// <paramref name="count"/> spokes in a chain (spoke k ships to spoke k-1, spoke 1 to the hub) added to the bundled
    /// sites, with one more feed at the far end of the chain.
    /// </summary>
    public static string Chain(string bundled, int count)
    {
        var (head, sites, routes, feeds, tail) = Split(bundled);
        var chainSites = new StringBuilder(sites);
        var chainRoutes = new StringBuilder(routes);
        for (var k = 1; k <= count; k++)
        {
            chainSites.Append(CultureInfo.InvariantCulture, $"  - id: chain-{k}\n    kind: spoke\n    latitude: 35\n    longitude: -100\n");
            chainRoutes.Append(CultureInfo.InvariantCulture, $"  - from: chain-{k}\n    to: {(k == 1 ? "dfw-hub" : $"chain-{k - 1}")}\n    distanceKm: 1\n");
        }

        var far = $"chain-{count}";
        // The far spoke pre-processes scrap, so it needs a grid region and an electricity tariff.
        tail = Once(tail, "  gridRegions:\n", $"  gridRegions:\n    - site: {far}\n      region: ERCT\n");
        tail = Once(tail, "  electricityTariffs:\n", $"  electricityTariffs:\n    - {{ site: {far}, usdPerKWh: 0.07 }}\n");
        return head + chainSites + chainRoutes + feeds + $"  - id: chain-end\n    scrapType: hdd-vcm\n    site: {far}\n    tonnesPerYear: 100\n\n" + tail;
    }

    // The bundled file cut at its top-level keys sites, routes, feeds and equipment.
    private static (string Head, string Sites, string Routes, string Feeds, string Tail) Split(string bundled)
    {
        var sites = Index(bundled, "\nsites:\n") + 1;
        var routes = Index(bundled, "\nroutes:\n") + 1;
        var feeds = Index(bundled, "\nfeeds:\n") + 1;
        var equipment = Index(bundled, "\nequipment:\n") + 1;
        return (bundled[..sites], bundled[sites..routes], bundled[routes..feeds], bundled[feeds..equipment], bundled[equipment..]);
    }

    private static int Index(string text, string key)
    {
        var at = text.IndexOf(key, StringComparison.Ordinal);
        return at >= 0 ? at : throw new InvalidOperationException($"the bundled scenario has no '{key.Trim()}' section");
    }

    private static string Once(string text, string part, string replacement)
    {
        var at = Index(text, part);
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + part.Length));
    }
}
