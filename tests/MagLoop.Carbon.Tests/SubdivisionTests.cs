using CsCheck;

namespace MagLoop.Carbon.Tests;

/// <summary>The product system: burdens pass along products and are split only at multi-output processes.</summary>
public sealed class SubdivisionTests
{
    // shared -> split (line 600 kg, surplus 400 kg) -> line (+ fresh input) -> machining (cut 450, swarf 150) -> coating -> magnets 440 (+ rejects 10 back to shared)
    private static ProductSystem System(double surplusKg = 400, FlowRole swarf = FlowRole.Product) => new(
        ["shared", "split", "line", "machining", "coating"],
        [
            new("scrap", null, "shared", 3000, FlowRole.Product),
            new("powder", "shared", "split", 600 + surplusKg, FlowRole.Product, 35),
            new("line powder", "split", "line", 600, FlowRole.Product, 70),
            new("surplus", "split", null, surplusKg, FlowRole.Product, 35),
            new("block", "line", "machining", 600, FlowRole.Product, 70),
            new("cut", "machining", "coating", 450, FlowRole.Product, 70),
            new("swarf", "machining", swarf == FlowRole.Return ? "shared" : null, 150, swarf, 35),
            new("magnets", "coating", null, 440, FlowRole.Product, 70),
            new("rejects", "coating", "shared", 10, FlowRole.Return),
            new("residue", "shared", null, 2000, FlowRole.Waste),
        ], "cut", "magnets", "magnets");

    private static InventoryLine Line(string process, double kgCo2e, Stage stage = Stage.MagnetMaking, Gate gate = Gate.CutBlock) =>
        new($"x at {process}", stage, "hub", gate, kgCo2e, "kg", 1, "test", null, null) { Process = process };

    private static readonly List<InventoryLine> Lines =
    [
        Line("shared", 1000, Stage.Hpms), Line("line", 3000), Line("machining", 600), Line("coating", 220, gate: Gate.Coating),
    ];

    [Fact]
    public void Per_kg_burdens_follow_by_hand_with_the_mass_basis()
    {
        var b = System().Solve(Lines, SplitBasis.Mass);
        Assert.Equal(1000.0 / 1000, b["line powder"], 12);
        Assert.Equal(1000.0 / 1000, b["surplus"], 12);
        var atMachining = 600 * 1.0 + 3000 + 600;
        Assert.Equal(atMachining / 600, b["cut"], 12);
        Assert.Equal(atMachining / 600, b["swarf"], 12);
        Assert.Equal((450 * atMachining / 600 + 220) / 440, b["magnets"], 12);
    }

    [Fact]
    public void The_economic_basis_shares_by_mass_times_price()
    {
        var b = System().Solve(Lines, SplitBasis.Economic);
        var lineShare = 600 * 70.0 / (600 * 70 + 400 * 35);
        Assert.Equal(1000 * lineShare / 600, b["line powder"], 12);
        Assert.Equal(1000 * (1 - lineShare) / 400, b["surplus"], 12);
        var atMachining = 1000 * lineShare + 3600;
        Assert.Equal(atMachining * (450 * 70.0 / (450 * 70 + 150 * 35)) / 450, b["cut"], 12);
    }

    [Fact]
    public void A_magnet_line_burden_never_reaches_powder_sold_before_the_line()
    {
        var more = Lines.Append(Line("line", 5000)).ToList();
        Assert.Equal(System().Solve(Lines, SplitBasis.Mass)["surplus"], System().Solve(more, SplitBasis.Mass)["surplus"], 12);
        Assert.True(System().Solve(more, SplitBasis.Mass)["cut"] > System().Solve(Lines, SplitBasis.Mass)["cut"]);
    }

    [Fact]
    public void Returned_swarf_carries_nothing_so_the_cut_block_bears_all_of_machining()
    {
        var b = System(swarf: FlowRole.Return).Solve(Lines, SplitBasis.Mass);
        Assert.Equal((600 + 3000 + 600.0) / 450, b["cut"], 12);
        Assert.DoesNotContain("swarf", b.Keys);
    }

    [Fact]
    public void Every_burden_ends_in_a_final_product_for_any_masses_and_burdens()
    {
        var gen = Gen.Select(Gen.Double[0, 2000], Gen.Double[0, 1e5].Array[5], Gen.Bool, Gen.Bool);
        gen.Sample((surplus, burdens, economic, returnSwarf) =>
        {
            var system = System(surplus, returnSwarf ? FlowRole.Return : FlowRole.Product);
            List<InventoryLine> lines = [.. new[] { "shared", "split", "line", "machining", "coating" }.Select((p, i) => Line(p, burdens[i]))];
            var b = system.Solve(lines, economic ? SplitBasis.Economic : SplitBasis.Mass);
            var inProducts = system.Flows.Where(f => f.To is null && f.Role == FlowRole.Product).Sum(f => b[f.Id] * f.MassKgPerYear);
            Assert.Equal(burdens.Sum(), inProducts, 1e-9 * Math.Max(1, burdens.Sum()));
        });
    }

    [Fact]
    public void Subdivision_figures_are_linear_so_stages_add_up()
    {
        var attribution = new Subdivision(System(), SplitBasis.Mass);
        var r = Footprint.Evaluate(Lines, attribution, [], PlantEnergy.Of([]), 12);
        Assert.Equal(r.KgCo2ePerKgCutBlock, r.ByStagePerKgCutBlock.Values.Sum(), 12);
        Assert.Equal(r.KgCo2ePerKgMagnet, r.ByStage.Values.Sum(), 12);
        Assert.Equal("subdivision", r.Attribution.Method);
        Assert.Equal(4, r.Attribution.Shares.Count); // split and machining, two products each
    }

    [Fact]
    public void A_cycle_of_products_an_unknown_process_and_a_burden_with_no_product_are_refused()
    {
        var cyclic = new ProductSystem(["a", "b"], [new("ab", "a", "b", 1, FlowRole.Product), new("ba", "b", "a", 1, FlowRole.Product)], "ab", "ab", "ab");
        Assert.Contains("cycle", Assert.Throws<ArgumentException>(() => cyclic.Solve([], SplitBasis.Mass)).Message, StringComparison.Ordinal);
        Assert.Contains("not part of", Assert.Throws<ArgumentException>(() => System().Solve([Line("elsewhere", 1)], SplitBasis.Mass)).Message, StringComparison.Ordinal);
        var dead = new ProductSystem(["a"], [new("waste", "a", null, 1, FlowRole.Waste)], "waste", "waste", "waste");
        Assert.Contains("no product", Assert.Throws<ArgumentException>(() => dead.Solve([Line("a", 5)], SplitBasis.Mass)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subdivision_prepared_once_gives_every_set_of_lines_its_own_figures_bit_for_bit()
    {
        var gen = Gen.Select(Gen.Double[0, 2000], Gen.Double[0, 1e5].Array[5].Array[3], Gen.Bool, Gen.Bool);
        gen.Sample((surplus, sets, economic, returnSwarf) =>
        {
            var attribution = new Subdivision(System(surplus, returnSwarf ? FlowRole.Return : FlowRole.Product), economic ? SplitBasis.Economic : SplitBasis.Mass);
            var prepared = attribution.ForRepeatedUse();
            Assert.Equal(attribution.Summary.Description, prepared.Summary.Description);
            // One prepared solver over several line sets: nothing of one solve may reach the next.
            foreach (var burdens in sets)
            {
                List<InventoryLine> lines = [.. new[] { "shared", "split", "line", "machining", "coating" }.Select((p, i) => Line(p, burdens[i]))];
                Assert.Equal(attribution.Attribute(lines), prepared.Attribute(lines));
            }
        });
    }

    [Fact]
    public void A_prepared_subdivision_refuses_what_the_unprepared_one_refuses()
    {
        var prepared = new Subdivision(System(), SplitBasis.Mass).ForRepeatedUse();
        Assert.Contains("not part of", Assert.Throws<ArgumentException>(() => prepared.Attribute([Line("elsewhere", 1)])).Message, StringComparison.Ordinal);
        var cyclic = new ProductSystem(["a", "b"], [new("ab", "a", "b", 1, FlowRole.Product), new("ba", "b", "a", 1, FlowRole.Product)], "ab", "ab", "ab");
        Assert.Throws<ArgumentException>(() => new Subdivision(cyclic, SplitBasis.Mass).ForRepeatedUse());
    }
}
