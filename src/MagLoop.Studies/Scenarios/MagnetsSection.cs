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
    /// Fraction of the fresh Dy/Tb applied for grain-boundary diffusion that the magnets retain. Default 0.8:
    /// engineering assumption (the Tb-rich surface layer is ground off after diffusion [M9], and some source stays
    /// on trays and furnace walls); the rest is a loss.
    /// </summary>
    [Range(0.05, 1.0), Description("Fraction of the fresh Dy/Tb applied for grain-boundary diffusion that the magnets retain. Default 0.8: engineering assumption (surface layer ground off, furnace deposits).")]
    public double GbdUtilisation { get; init; } = 0.8;

    /// <summary>Magnet thickness along which Dy/Tb diffuses, mm. Default 5: engineering assumption; thicker magnets gain less coercivity from the same diffused amount (docs/model-magnet.md).</summary>
    [Range(0.1, 200.0), Description("Magnet thickness along which Dy/Tb diffuses, mm. Default 5: engineering assumption; thicker magnets gain less from diffusion.")]
    public double ThicknessMm { get; init; } = 5;

    /// <summary>
    /// Grade the blending step must reach (for example N42, 45SH, 38UH): the fresh addition becomes the least that
    /// makes it, instead of process.blending.targetFreeRareEarthFraction. Default none (the free rare-earth target applies).
    /// </summary>
    [Description("Grade the blending step must reach (e.g. N42, 45SH, 38UH); the fresh addition becomes the least that makes it, instead of process.blending.targetFreeRareEarthFraction. Default none.")]
    public string? TargetGrade { get; init; }
}
