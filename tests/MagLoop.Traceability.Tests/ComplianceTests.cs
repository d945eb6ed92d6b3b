using MagLoop.Traceability.Storage;

namespace MagLoop.Traceability.Tests;

public sealed class ComplianceTests
{
    private static ComplianceResult Evaluate(string backend, ComplianceRule rule, RecycledPolicy policy, LotMasterData? scrapA = null)
    {
        using var db = TestDatabase.Create(backend)!;
        using var store = db.Open();
        Plant.Capture(store, scrapA);
        return ComplianceCheck.Evaluate(new StoreGraph(store.Context), Plant.Shipment, rule, policy);
    }

    [Fact]
    public void Scrap_of_magnets_made_in_China_fails_both_rules_when_upstream_counts()
    {
        var result = Evaluate(TestDatabase.Sqlite, ComplianceRule.DfarsCurrent, RecycledPolicy.RequireUpstream);
        Assert.Equal(Verdict.NonCompliant, result.Verdict);
        Assert.Equal([new OffendingStage(Plant.ScrapA, "melted", "CN"), new OffendingStage(Plant.ScrapA, "produced", "CN")], result.Offending);
        var later = Evaluate(TestDatabase.Sqlite, ComplianceRule.Dfars2027, RecycledPolicy.RequireUpstream);
        Assert.Equal(5, later.Offending.Count);
        Assert.All(later.Offending, o => Assert.Equal(Plant.ScrapA, o.Lot));
    }

    [Fact]
    public void Resetting_at_the_recycler_makes_the_same_lot_compliant()
    {
        var result = Evaluate(TestDatabase.Sqlite, ComplianceRule.Dfars2027, RecycledPolicy.ResetAtRecycler);
        Assert.Equal(Verdict.Compliant, result.Verdict);
        Assert.Empty(result.Offending);
        Assert.Empty(result.Missing);
        Assert.Equal(3, result.Sources);
    }

    [Fact]
    public void Missing_stages_make_the_verdict_undetermined_and_are_listed()
    {
        // Scrap A declares only that it is post-consumer: where its magnet was melted and produced is unknown.
        var result = Evaluate(TestDatabase.Sqlite, ComplianceRule.DfarsCurrent, RecycledPolicy.RequireUpstream, Plant.Stages(MaterialClass.PostConsumer, null));
        Assert.Equal(Verdict.Undetermined, result.Verdict);
        Assert.Empty(result.Offending);
        // The hub melted and produced the new magnet in US, but that does not say where the old magnet was made.
        Assert.Equal([new MissingStage(Plant.ScrapA, "melted"), new MissingStage(Plant.ScrapA, "produced")], result.Missing);
    }

    [Fact]
    public void Virgin_material_takes_the_stages_the_hub_declares_downstream()
    {
        // Fresh NdPr declares mined, refined and separated; melted and produced come from the hub's blend and block.
        var result = Evaluate(TestDatabase.Sqlite, ComplianceRule.DfarsCurrent, RecycledPolicy.ResetAtRecycler);
        Assert.DoesNotContain(result.Missing, m => m.Lot == Plant.NdPr);
        Assert.Equal(Verdict.Compliant, result.Verdict);
    }

    [Fact]
    public void Dfars_2027_without_mining_data_is_undetermined_for_that_source()
    {
        var result = Evaluate(TestDatabase.Sqlite, ComplianceRule.Dfars2027, RecycledPolicy.RequireUpstream, Plant.Stages(MaterialClass.PostConsumer, null));
        Assert.Equal(Verdict.Undetermined, result.Verdict);
        Assert.Equal(["melted", "mined", "produced", "refined", "separated"], result.Missing.Where(m => m.Lot == Plant.ScrapA).Select(m => m.Stage));
    }

    [Fact]
    public void Reset_policy_needs_the_recovery_country()
    {
        var result = Evaluate(TestDatabase.Sqlite, ComplianceRule.Dfars2027, RecycledPolicy.ResetAtRecycler, Plant.AllStages(MaterialClass.PostConsumer, "CN", recoveredIn: null));
        Assert.Equal(Verdict.Undetermined, result.Verdict);
        Assert.Contains(new MissingStage(Plant.ScrapA, "mined (recoveredIn)"), result.Missing);
    }

    [Fact]
    public void A_covered_recovery_country_is_non_compliant_under_the_reset_policy()
    {
        var result = Evaluate(TestDatabase.Sqlite, ComplianceRule.Dfars2027, RecycledPolicy.ResetAtRecycler, Plant.AllStages(MaterialClass.PostConsumer, "JP", recoveredIn: "RU"));
        Assert.Equal(Verdict.NonCompliant, result.Verdict);
        Assert.Contains(new OffendingStage(Plant.ScrapA, "mined", "RU"), result.Offending);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Virgin_material_from_a_covered_country_is_non_compliant_under_either_policy(string backend)
    {
        if (TestDatabase.Create(backend) is not { } probe) return;
        probe.Dispose();
        foreach (var policy in Enum.GetValues<RecycledPolicy>())
        {
            var result = Evaluate(backend, ComplianceRule.Dfars2027, policy, Plant.AllStages(MaterialClass.Virgin, "CN", "US"));
            Assert.Equal(Verdict.NonCompliant, result.Verdict);
            Assert.Contains(new OffendingStage(Plant.ScrapA, "mined", "CN"), result.Offending);
        }
    }
}
