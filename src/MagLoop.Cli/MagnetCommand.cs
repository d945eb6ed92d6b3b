using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MagLoop.Materials;
using MagLoop.Materials.Magnets;
using MagLoop.Studies;
using Spectre.Console;

namespace MagLoop.Cli;

/// <summary>
/// <c>magloop magnet predict | grade | top-up</c>: the magnet property model, grade classification and the fresh
/// rare earth (or diffused Dy/Tb) a powder needs for a grade.
/// </summary>
public static class MagnetCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("magnet", "Predict sintered-magnet properties from composition, classify grades, and size the rare-earth top-up for a target grade.");
        command.Subcommands.Add(Predict(stdout));
        command.Subcommands.Add(Grade(stdout));
        command.Subcommands.Add(TopUp(stdout));
        return command;
    }

    private static Option<double> DensityRatio() => new("--density-ratio")
    { Description = "Sintered over full density, 0-1 (default 0.99).", DefaultValueFactory = _ => 0.99, HelpName = "ratio" };

    private static Option<double> GrainSize() => new("--grain-size-um")
    { Description = "Mean grain size after sintering, um (default 5).", DefaultValueFactory = _ => 5.0, HelpName = "um" };

    private static Option<double> GbdDy() => new("--gbd-dy") { Description = "Dy diffused along grain boundaries, wt% of the magnet (default 0).", HelpName = "wt%" };

    private static Option<double> GbdTb() => new("--gbd-tb") { Description = "Tb diffused along grain boundaries, wt% of the magnet (default 0).", HelpName = "wt%" };

    private static Command Predict(TextWriter stdout)
    {
        var composition = new Option<string>("--composition") { Description = "Magnet composition in wt%, e.g. \"Nd=23.5,Pr=6,Dy=1.2,Co=1,B=0.95,Cu=0.1,Al=0.2,O=0.25,Fe=bal\".", Required = true, HelpName = "wt%" };
        var density = DensityRatio();
        var grain = GrainSize();
        var dy = GbdDy();
        var tb = GbdTb();
        var json = new Option<bool>("--json") { Description = "Print as JSON." };
        var command = new Command("predict", "Predict Br, HcJ, (BH)max, density, temperature coefficients and grade, with the model's error bands.") { composition, density, grain, dy, tb, json };
        command.SetAction(parsed =>
        {
            var comp = ParseMagnetComposition(parsed.GetValue(composition)!, "--composition");
            var processing = Processing(parsed.GetValue(density), parsed.GetValue(grain), parsed.GetValue(dy), parsed.GetValue(tb));
            var m = MagnetPropertyModel.Predict(comp, processing);
            // Errors were refused with the composition; what is left are warnings (calibrated ranges, no grade).
            var warnings = MagnetDomain.Assess(comp, processing).Select(f => f.ToString()).ToList();
            if (parsed.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(PredictJson(m, warnings), StudyResult.JsonOptions));
                return CommandLine.Success;
            }

            var console = StudyCommand.Console(stdout);
            var table = new Table().Title("Predicted magnet properties (20 C)").AddColumns("Property", "Value", "Error band (2 RMS)");
            table.AddRow("Grade", m.Grade?.ToString() ?? "none", "");
            table.AddRow("Remanence Br", $"{F(m.RemanenceT, "F3")} T", $"+/- {F(m.RemanenceBandT, "F3")} T");
            table.AddRow("Intrinsic coercivity HcJ", $"{F(m.CoercivityKAm, "F0")} kA/m ({F(m.CoercivityKAm * 4 * Math.PI / 1000, "F1")} kOe)", $"+/- {F(m.CoercivityBandKAm, "F0")} kA/m");
            table.AddRow("(BH)max", $"{F(m.EnergyProductKJm3, "F0")} kJ/m3 ({F(m.EnergyProductMGOe, "F1")} MGOe)", $"+/- {F(m.EnergyProductBandKJm3, "F0")} kJ/m3");
            table.AddRow("Density", $"{F(m.DensityGcm3, "F2")} g/cm3", "");
            table.AddRow("Temperature coefficient of Br", $"{F(m.RemanenceTempCoefficientPctPerK, "F3")} %/K", "");
            table.AddRow("Temperature coefficient of HcJ", $"{F(m.CoercivityTempCoefficientPctPerK, "F2")} %/K", "");
            table.AddRow("Hard-phase volume fraction", F(m.Phases.HardPhaseVolumeFraction, "F3"), "");
            table.AddRow("Js / mu0 HA of the hard phase", $"{F(m.Phases.SaturationPolarisationT, "F3")} T / {F(m.Phases.AnisotropyFieldT, "F2")} T", "");
            console.Write(table);
            foreach (var w in warnings) stdout.WriteLine(w);
            return CommandLine.Success;
        });
        return command;
    }

    private static Command Grade(TextWriter stdout)
    {
        var br = new Option<double>("--br") { Description = "Remanence Br, T (reported; the grade follows from HcJ and (BH)max).", Required = true, HelpName = "T" };
        var hcj = new Option<double>("--hcj") { Description = "Intrinsic coercivity HcJ, kA/m.", Required = true, HelpName = "kA/m" };
        var bhmax = new Option<double>("--bhmax") { Description = "(BH)max, kJ/m3.", Required = true, HelpName = "kJ/m3" };
        var json = new Option<bool>("--json") { Description = "Print as JSON." };
        var command = new Command("grade", "Classify a magnet: letters by HcJ class (N 955 ... AH 2786 kA/m), number by (BH)max in MGOe (n spans n-2 to n+1).") { br, hcj, bhmax, json };
        command.SetAction(parsed =>
        {
            var (b, h, e) = (parsed.GetValue(br), parsed.GetValue(hcj), parsed.GetValue(bhmax));
            if (!(b >= 0) || !(h >= 0) || !(e >= 0) || !double.IsFinite(b) || !double.IsFinite(h) || !double.IsFinite(e))
                throw new UserInputException("--br, --hcj and --bhmax must be finite numbers >= 0");
            var maxBr = HardPhase.MaxSaturationPolarisationT;
            if (!(b > 0) || b > maxBr)
                throw new UserInputException($"--br {b:0.###} T: Br must be above 0 and at most {maxBr:F2} T, the largest Js of the hard phases (Nd2Fe14B), which no magnet exceeds");
            if (e > b * b / (4 * MagnetPropertyModel.Mu0) / 1000 * (1 + 1e-9))
                throw new UserInputException($"(BH)max {e:F0} kJ/m3 exceeds Br^2/(4 mu0) = {b * b / (4 * MagnetPropertyModel.Mu0) / 1000:F0} kJ/m3, which no magnet can");
            var grade = MagnetGrade.Classify(h, e);
            var cls = MagnetGrade.ClassOf(h);
            if (parsed.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    Grade = grade?.ToString(),
                    CoercivityClass = cls?.ToString(),
                    EnergyProductMGOe = e / MagnetGrade.KJm3PerMGOe,
                }, StudyResult.JsonOptions));
                return CommandLine.Success;
            }

            stdout.WriteLine(grade is { } g
                ? $"{g} (coercivity class {g.Class}: HcJ >= {g.MinimumCoercivityKAm:F0} kA/m; (BH)max {e / MagnetGrade.KJm3PerMGOe:F1} MGOe)"
                : $"no grade: {(cls is null ? $"HcJ {h:F0} kA/m is below the N class (955 kA/m)" : $"(BH)max {e / MagnetGrade.KJm3PerMGOe:F1} MGOe is below N28 (26 MGOe)")}");
            return CommandLine.Success;
        });
        return command;
    }

    private static Command TopUp(TextWriter stdout)
    {
        var powder = new Option<string>("--powder") { Description = "Recycled powder composition in wt% (as --composition of predict).", Required = true, HelpName = "wt%" };
        var target = new Option<string>("--target") { Description = "Target grade, e.g. N42, 42SH, 38UH.", Required = true, HelpName = "grade" };
        var fresh = new Option<string>("--fresh") { Description = "Fresh rare-earth addition in wt% (default \"Nd=75,Pr=25\", NdPr metal).", DefaultValueFactory = _ => "Nd=75,Pr=25", HelpName = "wt%" };
        var density = DensityRatio();
        var grain = GrainSize();
        var json = new Option<bool>("--json") { Description = "Print as JSON." };
        var command = new Command("top-up", "Least fresh NdPr (blended), or Dy or Tb (grain-boundary diffusion), that makes a powder reach a target grade.") { powder, target, fresh, density, grain, json };
        command.SetAction(parsed =>
        {
            var comp = ParseMagnetComposition(parsed.GetValue(powder)!, "--powder");
            var freshComp = ParseComposition(parsed.GetValue(fresh)!, "--fresh", MagnetTopUp.CheckFresh);
            MagnetGrade grade;
            try
            {
                grade = MagnetGrade.Parse(parsed.GetValue(target)!);
            }
            catch (MaterialsException e)
            {
                throw new UserInputException($"--target: {e.Message}");
            }

            var processing = Processing(parsed.GetValue(density), parsed.GetValue(grain), 0, 0);
            var options = MagnetTopUp.Options(comp, grade, freshComp, processing);
            if (parsed.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    Target = grade.ToString(),
                    Options = options.Select(o => new
                    {
                        Kind = o.Kind.ToString(),
                        o.Reaches,
                        AdditionKgPerKgPowder = o.AdditionKgPerKgPowder,
                        AdditionWtPct = o.AdditionKgPerKgPowder * 100,
                        o.BaseFreshKgPerKgPowder,
                        Properties = PropertiesJson(o.Properties),
                        o.Reason,
                    }),
                }, StudyResult.JsonOptions));
                return CommandLine.Success;
            }

            var console = StudyCommand.Console(stdout);
            var table = new Table().Title($"Reaching {grade} (HcJ >= {grade.MinimumCoercivityKAm:F0} kA/m, (BH)max >= {grade.MinimumEnergyProductKJm3:F0} kJ/m3)")
                .AddColumns("Addition", "Amount", "Br T", "HcJ kA/m", "(BH)max kJ/m3", "Grade");
            foreach (var o in options)
            {
                var amount = o.AdditionKgPerKgPowder is { } x
                    ? o.Kind == TopUpKind.FreshRareEarth ? $"{F(x, "F3")} kg/kg powder"
                    : $"{F(100 * x, "F2")} wt% of magnet" + (o.BaseFreshKgPerKgPowder > 0 ? $" after {F(o.BaseFreshKgPerKgPowder, "F3")} kg/kg fresh" : "")
                    : $"not reachable: {o.Reason}";
                table.AddRow(o.Kind switch { TopUpKind.FreshRareEarth => "Fresh rare earth (blended)", TopUpKind.DiffusedDy => "Dy by grain-boundary diffusion", _ => "Tb by grain-boundary diffusion" },
                    Markup.Escape(amount), F(o.Properties.RemanenceT, "F3"), F(o.Properties.CoercivityKAm, "F0"), F(o.Properties.EnergyProductKJm3, "F0"), o.Properties.Grade?.ToString() ?? "none");
            }

            console.Write(table);
            return CommandLine.Success;
        });
        return command;
    }

    /// <summary>The magnet products table of <c>magloop study</c>.</summary>
    public static void RenderProducts(StudyResult result, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(console);
        if (result.Products.Count == 0) return;
        var table = new Table().Title("Magnet products (predicted; +/- model error band)")
            .AddColumns("Product", "Grade", "t/yr", "Br T", "HcJ kA/m", "(BH)max kJ/m3", "Density g/cm3");
        foreach (var p in result.Products)
        {
            var grade = p.TargetGrade is { } t ? $"{p.Grade} (target {t})" : p.Grade;
            table.AddRow(Markup.Escape(p.Name), Markup.Escape(grade), F(p.TonnesPerYear, "N1"), $"{F(p.RemanenceT, "F3")} +/- {F(p.RemanenceBandT, "F3")}",
                $"{F(p.CoercivityKAm, "F0")} +/- {F(p.CoercivityBandKAm, "F0")}", $"{F(p.EnergyProductKJm3, "F0")} +/- {F(p.EnergyProductBandKJm3, "F0")} ({F(p.EnergyProductMGOe, "F1")} MGOe)",
                F(p.DensityGcm3, "F2"));
        }

        console.Write(table);
    }

    // The predicted properties with the domain warnings beside them: one property list (PropertiesJson) serves both.
    private static JsonNode PredictJson(MagnetProperties m, IReadOnlyList<string> warnings)
    {
        var node = JsonSerializer.SerializeToNode(PropertiesJson(m), StudyResult.JsonOptions)!;
        node["warnings"] = JsonSerializer.SerializeToNode(warnings, StudyResult.JsonOptions);
        return node;
    }

    private static object PropertiesJson(MagnetProperties m) => new
    {
        m.RemanenceT,
        m.CoercivityKAm,
        m.EnergyProductKJm3,
        m.EnergyProductMGOe,
        Grade = m.Grade?.ToString(),
        CoercivityClass = MagnetGrade.ClassOf(m.CoercivityKAm)?.ToString(),
        m.DensityGcm3,
        m.RemanenceBandT,
        m.CoercivityBandKAm,
        m.EnergyProductBandKJm3,
        m.RemanenceTempCoefficientPctPerK,
        m.CoercivityTempCoefficientPctPerK,
        m.Phases.HardPhaseVolumeFraction,
    };

    private static MagnetProcessing Processing(double density, double grain, double dy, double tb)
    {
        var processing = new MagnetProcessing(density, grain, dy, tb);
        try
        {
            processing.Validate();
        }
        catch (MaterialsException e)
        {
            throw new UserInputException(e.Message);
        }

        return processing;
    }

    private static Composition ParseMagnetComposition(string text, string option) => ParseComposition(text, option, MagnetPropertyModel.CheckDomain);

    private static Composition ParseComposition(string text, string option, Action<Composition> check)
    {
        try
        {
            var composition = Composition.ParseWeightPercent(text);
            check(composition);
            return composition;
        }
        catch (MaterialsException e)
        {
            throw new UserInputException($"{option}: {e.Message}");
        }
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
