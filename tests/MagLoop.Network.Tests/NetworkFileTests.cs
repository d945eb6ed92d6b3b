using MagLoop.Errors;
using MagLoop.Network.Export;
using MagLoop.Network.Files;
using MagLoop.Network.Supply;
using MagLoop.Studies;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Network.Tests;

public class NetworkFileTests
{
    private static readonly Lazy<NetworkCase> Disclosed = new(() => NetworkReader.Read(Repo.Networks("disclosed.yaml")));

    [Fact]
    public void The_disclosed_network_offers_exactly_the_feeds_the_study_takes()
    {
        var study = Study.Run(Path.Combine(Repo.Root, "scenarios", "dfw-hub.yaml"));
        var problem = Disclosed.Value.Problem;
        foreach (var feed in study.Feeds)
        {
            var source = problem.Sources.Single(s => s.Id == feed.Id);
            Assert.All(source.SupplyKgByYear, kg => Assert.Equal(feed.ProcessedTonnesPerYear * 1000, kg, 6));
        }

        var hub = problem.Sites.Single(s => s.Role == SiteRole.Hub);
        Assert.Equal(study.Production.ScrapFeedTonnesPerYear * 1000, hub.Options.Sum(o => o.CapacityKgPerYear), 3);
    }

    [Fact]
    public void An_exported_plan_runs_through_the_study_with_the_plan_s_feed_tonnage()
    {
        var problem = Disclosed.Value.Problem;
        var via = new Dictionary<string, string?> { ["SC"] = "greer-sc", ["NV"] = "reno-nv", ["TX"] = null };
        var flows = problem.Sources.Select(s => new HubFlow(s.Id, via[s.Region], "northlake-tx", s.SupplyKgByYear[0] * 0.9)).ToList();
        var folder = Path.Combine(Path.GetTempPath(), $"magloop-export-{Guid.NewGuid():N}");
        var written = Assert.Single(ScenarioExport.Write(problem, flows, 2027, folder));
        var study = Study.Run(written.Path);
        Assert.Equal(flows.Sum(f => f.Kg) / 1000, study.Production.ScrapFeedTonnesPerYear, 6);
        Assert.Equal(1, study.Production.FeedScale, 9);
        var greer = study.Feeds.Where(f => f.Site == "greer-sc").Sum(f => f.ProcessedTonnesPerYear);
        Assert.Equal(flows.Where(f => f.ViaSpoke == "greer-sc").Sum(f => f.Kg) / 1000, greer, 6);
    }

    [Fact]
    public void Supply_estimates_match_figures_computed_by_hand_from_the_csv_files_for_Nevada()
    {
        var data = ReferenceData.Open(Repo.Data);
        // Population 2024: 3,267,467 (state-population-2020-2024.csv).
        var speakers = new SupplyEstimateSpec { ScrapType = "speaker-zn", Proxy = SupplyProxy.Population, KgPerCapitaPerYear = 0.03, CollectionRate = 0.15, Source = "t" };
        Assert.Equal(3267467 * 0.03 * 0.15, SupplyEstimator.KgPerYear(data, speakers, "NV", 2030), 6);
        // BEV stock 2018 5,100 and 2017 3,100: 2,000 added in 2018, at end of life in 2030 with a 12-year life.
        var ev = new SupplyEstimateSpec { ScrapType = "ev-rotor", Proxy = SupplyProxy.EvRegistrations, KgPerUnit = 12.5, ServiceLifeYears = 12, CollectionRate = 0.5, Source = "t" };
        Assert.Equal(2000 * 12.5 * 0.5, SupplyEstimator.KgPerYear(data, ev, "NV", 2030), 6);
        // Wind: 151.80 MW online in 2012, 20 years before 2032.
        var wind = new SupplyEstimateSpec { ScrapType = "wind-generator", Proxy = SupplyProxy.WindCapacity, KgPerUnit = 38, ServiceLifeYears = 20, CollectionRate = 0.9, Source = "t" };
        Assert.Equal(151.80 * 38 * 0.9, SupplyEstimator.KgPerYear(data, wind, "NV", 2032), 6);
        Assert.Equal(0, SupplyEstimator.KgPerYear(data, wind, "NV", 2033));
        // Floor area: 4,986,815 sq ft of the national total of the IM3 file.
        var national = File.ReadLines(Path.Combine(Repo.Data, ReferenceData.DataCentreFile)).Skip(1).Sum(l => double.Parse(l.Split(',')[6], System.Globalization.CultureInfo.InvariantCulture));
        var hdd = new SupplyEstimateSpec { ScrapType = "hdd-vcm", Proxy = SupplyProxy.DataCentreFloorArea, NationalTonnesPerYear = 3200, CollectionRate = 0.5, Source = "t" };
        Assert.Equal(3200e3 * 4986815 / national * 0.5, SupplyEstimator.KgPerYear(data, hdd, "NV", 2025), 6);
    }

    [Fact]
    public void Distances_are_great_circle_times_circuity_as_the_reference_table()
    {
        var problem = Disclosed.Value.Problem;
        var lane = problem.Lanes.Single(l => l.From == "greer-sc" && l.To == "northlake-tx");
        // site-distances-great-circle.csv: northlake-tx to greer-sc 1,399.0 km, road estimate at 1.20: 1,679 km.
        Assert.Equal(1399.0 * 1.2, lane.DistanceKm, 0);
    }

    [Fact]
    public void The_triple_case_accepts_an_Ohio_spoke_on_RFCW()
    {
        var problem = NetworkReader.ReadProblem(Repo.Networks("triple.yaml"));
        var ohio = problem.Sites.Single(s => s.Id == "columbus-oh");
        Assert.Equal("RFCW", ohio.GridRegion);
        Assert.True(problem.Sources.Count > 100);
        Assert.Equal(3, problem.Sites.Count(s => s.Role == SiteRole.Hub));
    }

    [Theory]
    [InlineData("firstYear: 2027", "firstYear: '2027'", "firstYear")]
    [InlineData("discountRate: 0.07", "discountRate: 1.5", "discountRate")]
    [InlineData("  - site: greer-sc", "  - site: greer-xx", "spokes[0].site")]
    [InlineData("lastYear: 2036", "lastYaer: 2036", "lastYaer")]
    [InlineData("circuityParameter: circuity_network_vs_euclidean_newell_1980", "circuityParameter: circuity_country_factors_ballou_2002", "transport[0].circuityParameter")]
    [InlineData("maxShare: 1", "maxShare: -1", "demand.maxShare")]
    public void A_bad_network_file_is_one_located_error_naming_the_field(string from, string to, string field)
    {
        var text = File.ReadAllText(Repo.Networks("disclosed.yaml"));
        Assert.Contains(from, text, StringComparison.Ordinal);
        var path = Repo.Temp(text.Replace(from, to, StringComparison.Ordinal));
        try
        {
            var error = Assert.IsAssignableFrom<UserError>(Record.Exception(() => NetworkReader.Read(path)));
            Assert.Equal(field, error.Field);
            Assert.NotNull(error.Location);
            Assert.True(error.Location!.Line > 0);
            Assert.StartsWith($"{path}:{error.Location.Line}:", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Truncating_the_file_anywhere_gives_a_user_error_never_a_crash()
    {
        var text = File.ReadAllText(Repo.Networks("disclosed.yaml"));
        var random = new Random(14);
        for (var i = 0; i < 12; i++)
        {
            var path = Repo.Temp(text[..random.Next(1, text.Length - 200)]);
            try
            {
                var error = Record.Exception(() => NetworkReader.Read(path));
                Assert.IsAssignableFrom<UserError>(error);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    [Fact]
    public void The_published_schema_is_generated_from_the_network_file_classes()
    {
        var schema = ScenarioSchema.Generate(typeof(NetworkFile), "MagLoop network");
        Assert.Equal(schema, File.ReadAllText(Path.Combine(Repo.Root, "docs", "network.schema.json")));
    }
}
