using MagLoop.Materials;
using MagLoop.Materials.Magnets;
using MagLoop.Plants;
using MagLoop.Process;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies;

/// <summary>A magnet product of the plant with its predicted properties, grade and error bands.</summary>
/// <param name="Name">Product (stream) name.</param>
/// <param name="Grade">Predicted grade ("N42", "45SH"), or "none" below N28 or 955 kA/m.</param>
/// <param name="TonnesPerYear">Tonnes per year.</param>
/// <param name="RemanenceT">Br, T.</param>
/// <param name="CoercivityKAm">HcJ, kA/m.</param>
/// <param name="EnergyProductKJm3">(BH)max, kJ/m3.</param>
/// <param name="EnergyProductMGOe">(BH)max, MGOe.</param>
/// <param name="DensityGcm3">Density, g/cm3.</param>
/// <param name="RemanenceBandT">Model error band of Br, +/- T.</param>
/// <param name="CoercivityBandKAm">Model error band of HcJ, +/- kA/m.</param>
/// <param name="EnergyProductBandKJm3">Model error band of (BH)max, +/- kJ/m3.</param>
/// <param name="RemanenceTempCoefficientPctPerK">Temperature coefficient of Br, %/K.</param>
/// <param name="CoercivityTempCoefficientPctPerK">Temperature coefficient of HcJ, %/K.</param>
/// <param name="Composition">Magnet composition (cut block, before coating), wt% of the non-zero components.</param>
/// <param name="TargetGrade">The grade the blending aimed at, or null.</param>
public sealed record MagnetProduct(
    string Name,
    string Grade,
    double TonnesPerYear,
    double RemanenceT,
    double CoercivityKAm,
    double EnergyProductKJm3,
    double EnergyProductMGOe,
    double DensityGcm3,
    double RemanenceBandT,
    double CoercivityBandKAm,
    double EnergyProductBandKJm3,
    double RemanenceTempCoefficientPctPerK,
    double CoercivityTempCoefficientPctPerK,
    IReadOnlyDictionary<string, double> Composition,
    string? TargetGrade);

/// <summary>The study's magnet part: the scenario's magnets section turned into model inputs, and the products.</summary>
public static class MagnetStudy
{
    /// <summary>The processing the property model needs, from the scenario.</summary>
    public static MagnetProcessing Processing(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var m = scenario.Magnets;
        return new MagnetProcessing(m.DensityRatio, m.GrainSizeUm, m.GbdDyWtPct, m.GbdTbWtPct);
    }

    /// <summary>Checks the magnets section; a bad target grade is a located error.</summary>
    public static void Validate(Scenario scenario, SourceMap map)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(map);
        if (scenario.Magnets.TargetGrade is not { } text) return;
        try
        {
            MagnetGrade.Parse(text);
        }
        catch (MaterialsException e)
        {
            throw map.Error(scenario.Magnets, nameof(MagnetsSection.TargetGrade), e.Message);
        }
    }

    /// <summary>The grade target of the blending step, or null when the scenario sets none.</summary>
    public static MagnetGradeTarget? GradeTarget(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Magnets.TargetGrade is { } text ? new MagnetGradeTarget(MagnetGrade.Parse(text), Processing(scenario)) : null;
    }

    /// <summary>The plant's magnet products with predicted properties and grades.</summary>
    public static IReadOnlyList<MagnetProduct> Products(Plant plant, FlowsheetSolution solution)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(solution);
        var block = solution.Stream(StreamId.CutBlock);
        if (block.IsEmpty) return [];
        var composition = MagnetGradeTarget.MagnetComposition(block);
        var m = MagnetPropertyModel.Predict(composition, Processing(plant.Scenario));
        return
        [
            new MagnetProduct(
                Name: "Sintered magnets",
                Grade: m.Grade?.ToString() ?? "none",
                TonnesPerYear: solution.Outlet(OutletKind.Magnet).TotalTonnesPerYear,
                RemanenceT: m.RemanenceT,
                CoercivityKAm: m.CoercivityKAm,
                EnergyProductKJm3: m.EnergyProductKJm3,
                EnergyProductMGOe: m.EnergyProductMGOe,
                DensityGcm3: m.DensityGcm3,
                RemanenceBandT: m.RemanenceBandT,
                CoercivityBandKAm: m.CoercivityBandKAm,
                EnergyProductBandKJm3: m.EnergyProductBandKJm3,
                RemanenceTempCoefficientPctPerK: m.RemanenceTempCoefficientPctPerK,
                CoercivityTempCoefficientPctPerK: m.CoercivityTempCoefficientPctPerK,
                Composition: composition.NonZero().ToDictionary(p => p.Key.ToString(), p => 100 * p.Value),
                TargetGrade: plant.Scenario.Magnets.TargetGrade is { } t ? MagnetGrade.Parse(t).ToString() : null),
        ];
    }
}
