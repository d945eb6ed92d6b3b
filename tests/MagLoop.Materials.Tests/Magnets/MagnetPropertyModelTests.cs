using CsCheck;
using MagLoop.Materials.Magnets;

namespace MagLoop.Materials.Tests.Magnets;

public sealed class MagnetPropertyModelTests
{
    [Fact]
    public void Every_calibration_magnet_lies_in_the_model_domain()
    {
        foreach (var p in MagnetCalibration.Points) MagnetPropertyModel.CheckDomain(p.ParsedComposition);
    }

    [Theory]
    [InlineData("Nd=100,Fe=bal", "total rare earth (Nd, Pr, Dy, Tb, Ce) is 100 wt%")]
    [InlineData("Fe=bal", "total rare earth (Nd, Pr, Dy, Tb, Ce) is 0 wt%")]
    [InlineData("Nd=30,B=3,Fe=bal", "boron is 3 wt%")]
    [InlineData("Nd=25,B=1,O=8,Fe=bal", "no RE2Fe14B hard phase can form")]
    public void Compositions_outside_sintered_NdFeB_are_refused(string composition, string message)
    {
        var e = Assert.Throws<MaterialsException>(() => MagnetPropertyModel.CheckDomain(Composition.ParseWeightPercent(composition)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_remanence_exceeds_the_largest_hard_phase_polarisation() =>
        Assert.Equal(HardPhase.Nd.SaturationPolarisationT, HardPhase.MaxSaturationPolarisationT);

    private const string IssueExample = "Nd=23.5,Pr=6,Dy=1.2,Co=1,B=0.95,Cu=0.1,Al=0.2,O=0.25,Fe=bal";

    // A family of commercial-like magnets: rare earth 30.5-33 wt% (a quarter or less Pr), Dy 0-5, O 0.05-0.45,
    // B 0.95-1.05: enough rare earth for a grain-boundary phase after oxidation, so every one has coercivity.
    private static readonly Gen<(double Nd, double Pr, double Dy, double O, double B)> Magnets =
        Gen.Select(Gen.Double[30.5, 33], Gen.Double[0, 0.25], Gen.Double[0, 5], Gen.Double[0.05, 0.45], Gen.Double[0.95, 1.05])
            .Select((tre, prShare, dy, o, b) => (tre - dy - prShare * (tre - dy), prShare * (tre - dy), dy, o, b));

    private static Composition Make(double nd, double pr, double dy, double o, double b = 0.98, double co = 1) =>
        Composition.ParseWeightPercent(FormattableString.Invariant($"Nd={nd},Pr={pr},Dy={dy},Co={co},B={b},Cu=0.1,Al=0.2,Ga=0.1,O={o},C=0.04,Fe=bal"));

    private static MagnetProperties Predict(Composition c, MagnetProcessing? p = null) => MagnetPropertyModel.Predict(c, p);

    [Fact]
    public void More_oxygen_lowers_Br_and_HcJ() =>
        Magnets.Sample(m =>
        {
            var low = Predict(Make(m.Nd, m.Pr, m.Dy, m.O, m.B));
            var high = Predict(Make(m.Nd, m.Pr, m.Dy, m.O + 0.1, m.B));
            return high.RemanenceT < low.RemanenceT && high.CoercivityKAm < low.CoercivityKAm;
        });

    [Fact]
    public void More_dysprosium_raises_HcJ_and_lowers_Br() =>
        Magnets.Sample(m =>
        {
            var less = Predict(Make(m.Nd, m.Pr, m.Dy, m.O, m.B));
            var more = Predict(Make(m.Nd - 0.5, m.Pr, m.Dy + 0.5, m.O, m.B));
            return more.CoercivityKAm > less.CoercivityKAm && more.RemanenceT < less.RemanenceT;
        });

    [Fact]
    public void Higher_density_raises_Br() =>
        Gen.Select(Magnets, Gen.Double[0.9, 0.99]).Sample((m, ratio) =>
        {
            var c = Make(m.Nd, m.Pr, m.Dy, m.O, m.B);
            return Predict(c, new MagnetProcessing(DensityRatio: ratio + 0.01)).RemanenceT > Predict(c, new MagnetProcessing(DensityRatio: ratio)).RemanenceT;
        });

    [Fact]
    public void Finer_grains_raise_HcJ() =>
        Gen.Select(Magnets, Gen.Double[1, 10]).Sample((m, d) =>
        {
            var c = Make(m.Nd, m.Pr, m.Dy, m.O, m.B);
            return Predict(c, new MagnetProcessing(GrainSizeUm: d)).CoercivityKAm > Predict(c, new MagnetProcessing(GrainSizeUm: d * 1.5)).CoercivityKAm;
        });

    [Fact]
    public void Diffused_terbium_raises_HcJ_more_than_the_same_terbium_alloyed()
    {
        var basis = Make(23, 6, 0, 0.1);
        var alloyed = Predict(Composition.ParseWeightPercent("Nd=22.885,Pr=5.97,Tb=0.5,Co=0.995,B=0.975,Cu=0.1,Al=0.199,Ga=0.1,O=0.1,C=0.04,Fe=bal"));
        var diffused = Predict(basis, new MagnetProcessing(GbdTbWtPct: 0.5));
        Assert.True(diffused.CoercivityKAm > alloyed.CoercivityKAm + 200, $"{diffused.CoercivityKAm} vs {alloyed.CoercivityKAm}");
    }

    [Fact]
    public void Energy_product_never_exceeds_Br_squared_over_4_mu0_and_Br_stays_below_Js() =>
        Gen.Select(Magnets, Gen.Double[0.8, 1], Gen.Double[0.5, 20]).Sample((m, ratio, d) =>
        {
            var p = Predict(Make(m.Nd, m.Pr, m.Dy, m.O, m.B), new MagnetProcessing(ratio, d));
            var bound = p.RemanenceT * p.RemanenceT / (4 * MagnetPropertyModel.Mu0) / 1000;
            return p.EnergyProductKJm3 <= bound * (1 + 1e-12) && p.RemanenceT < p.Phases.SaturationPolarisationT
                && p.Phases.HardPhaseVolumeFraction is > 0 and < 1 && p.CoercivityKAm > 0 && p.Phases.FullDensityGcm3 is > 7.3 and < 7.8 && p.DensityGcm3 <= p.Phases.FullDensityGcm3;
        });

    [Fact]
    public void Stoichiometric_Nd2Fe14B_without_excess_rare_earth_has_no_coercivity()
    {
        var p = Predict(Composition.FromAtomicPercent([new(Component.Nd, 2), new(Component.Fe, 14), new(Component.B, 1)]));
        Assert.Equal(0, p.CoercivityKAm);
        Assert.InRange(p.Phases.HardPhaseVolumeFraction, 0.999, 1.0);
    }

    [Fact]
    public void Pure_Nd2Fe14B_phase_has_the_Herbst_density_and_Js()
    {
        var p = Predict(Composition.FromAtomicPercent([new(Component.Nd, 2), new(Component.Fe, 14), new(Component.B, 1)]), new MagnetProcessing(DensityRatio: 1));
        Assert.Equal(7.60, p.DensityGcm3, 2);
        Assert.Equal(1.60, p.Phases.SaturationPolarisationT, 3);
    }

    [Fact]
    public void Issue_example_is_a_42_grade_with_about_1_33_T()
    {
        var p = Predict(Composition.ParseWeightPercent(IssueExample));
        Assert.InRange(p.RemanenceT, 1.30, 1.36);
        Assert.Equal(42, p.Grade?.Number);
    }

    [Theory]
    [InlineData("ev-rotor", CoercivityClass.SH)]
    [InlineData("wind-generator", CoercivityClass.H)]
    [InlineData("speaker-zn", CoercivityClass.N)]
    public void Typical_commercial_compositions_land_in_their_coercivity_class(string scrapType, CoercivityClass expected)
    {
        // EV traction magnets are SH-class (about 4 wt% Dy), direct-drive wind generator magnets H-class, speaker magnets N.
        var type = ScrapLibrary.All.Single(s => s.Id == scrapType);
        var o = type.OxygenMassFraction.Value;
        var c = Composition.FromMassFractions(type.MagnetComposition.NonZero().Select(p => KeyValuePair.Create(p.Key, p.Value * (1 - o)))
            .Append(KeyValuePair.Create(Component.O, o)));
        Assert.Equal(expected, Predict(c).Grade?.Class);
    }

    [Fact]
    public void Cerium_substitution_lowers_Br_and_HcJ()
    {
        var nd = Predict(Make(24, 6, 0, 0.15));
        var ce = Predict(Composition.ParseWeightPercent("Nd=18,Ce=6,Pr=6,Co=1,B=0.98,Cu=0.1,Al=0.2,Ga=0.1,O=0.15,C=0.04,Fe=bal"));
        Assert.True(ce.RemanenceT < nd.RemanenceT && ce.CoercivityKAm < nd.CoercivityKAm);
    }

    [Theory]
    [InlineData(955, -0.76)]
    [InlineData(1114, -0.70)]
    [InlineData(1592, -0.58)]
    [InlineData(3000, -0.46)]
    public void Coercivity_temperature_coefficient_follows_the_datasheet_table(double hcj, double beta) =>
        Assert.Equal(beta, MagnetPropertyModel.CoercivityTempCoefficient(hcj), 10);

    [Fact]
    public void Predictions_carry_the_calibrated_error_bands()
    {
        var p = Predict(Composition.ParseWeightPercent(IssueExample));
        Assert.Equal(MagnetUncertainty.Calibrated.RemanenceRelative * p.RemanenceT, p.RemanenceBandT, 12);
        Assert.Equal(MagnetUncertainty.Calibrated.CoercivityRelative * p.CoercivityKAm, p.CoercivityBandKAm, 9);
    }

    [Fact]
    public void Bad_processing_is_a_materials_error() =>
        Assert.Throws<MaterialsException>(() => Predict(Make(23, 6, 0, 0.1), new MagnetProcessing(DensityRatio: 1.2)));
}
