using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace MagLoop.Studies.Scenarios;

/// <summary>
/// The magnets the line makes: how they are made (density, grain size, grain-boundary diffusion) for the property
/// model, and optionally a grade the blending step must reach (docs/model-magnet.md).
/// </summary>
[Description("The magnets the line makes: processing that sets their properties, and an optional target grade for blending.")]
public sealed class MagnetsSection
{
    /// <summary>Sintered over full density. Default 0.99: engineering assumption for vacuum-sintered magnets (7.5-7.6 g/cm3).</summary>
    [Range(0.5, 1.0), Description("Sintered over full density. Default 0.99: engineering assumption for vacuum-sintered magnets (7.5-7.6 g/cm3).")]
    public double DensityRatio { get; init; } = 0.99;

    /// <summary>Mean grain size after sintering, um. Default 5: engineering assumption, 2-5 um jet-milled powder grows a little in sintering.</summary>
    [Range(0.05, 100.0), Description("Mean grain size after sintering, um. Default 5: engineering assumption, 2-5 um jet-milled powder grows a little in sintering.")]
    public double GrainSizeUm { get; init; } = 5.0;

    /// <summary>Dy diffused along grain boundaries, wt% of the magnet. Default 0: no diffusion (the disclosure targets it in detailed design without figures).</summary>
    [Range(0.0, 5.0), Description("Dy diffused along grain boundaries, wt% of the magnet. Default 0: no diffusion (the disclosure targets it in detailed design without figures).")]
    public double GbdDyWtPct { get; init; }

    /// <summary>Tb diffused along grain boundaries, wt% of the magnet. Default 0.</summary>
    [Range(0.0, 5.0), Description("Tb diffused along grain boundaries, wt% of the magnet. Default 0.")]
    public double GbdTbWtPct { get; init; }

    /// <summary>
    /// Grade the blending step must reach (for example N42, 45SH, 38UH): the fresh addition becomes the least that
    /// makes it, instead of process.blending.targetFreeRareEarthFraction. Default none (the free rare-earth target applies).
    /// </summary>
    [Description("Grade the blending step must reach (e.g. N42, 45SH, 38UH); the fresh addition becomes the least that makes it, instead of process.blending.targetFreeRareEarthFraction. Default none.")]
    public string? TargetGrade { get; init; }
}
