using MagLoop.Economics;
using MagLoop.Errors;
using MagLoop.Materials;
using MagLoop.Materials.Magnets;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies;

/// <summary>
/// The plant as the capital and labour models see it (stations by kind with count, size and calendar; hubs and
/// spokes), and the economics section's curves, crews, grade table and co-product classes checked against it.
/// </summary>
internal static class EconomicsPlant
{
    /// <summary>Station kinds a curve or a crew may name.</summary>
    public static readonly IReadOnlyList<string> StationKinds =
        ["receiving", "hpms", "degassing", "jetMill", "press", "sinteringFurnace", "heatTreatmentFurnace", "grainBoundaryDiffusion", "machining", "coating", "inspection"];

    /// <summary>A station as the economics reads it; <paramref name="Size"/> is null for a station without equipment to buy.</summary>
    public sealed record Station(string Kind, string Site, int Count, double? Size, string? SizeUnit, CrewCalendar Calendar);

    /// <summary>The models' inputs that do not change between draws, checked.</summary>
    public sealed record Models(CapitalInputs Capital, LabourInputs Labour, GradePriceTable Grades, CoProductPricing CoProducts);

    /// <summary>
    /// The plant's stations: HPMS vessels and jet mills from the equipment section, the other stations of the
    /// simulation section, and the receiving dock (crewed, its cost within the building factor).
    /// </summary>
    public static IReadOnlyList<Station> Stations(Plant plant)
    {
        var s = plant.Scenario;
        var hub = s.Equipment.Hpms.Site;
        var k = s.Simulation.Calendars;
        var st = s.Simulation.Stations;
        Station Of(string kind, StationParameters p, ShiftCalendar calendar) => p.CycleHours is null
            ? new(kind, hub, p.Units!.Value, p.RateKgPerHour!.Value, "kg/h", Calendar(calendar))
            : new(kind, hub, p.Units!.Value, p.LotKg!.Value, "kg per batch", Calendar(calendar));
        return
        [
            new("receiving", hub, 1, null, null, Calendar(k.Receiving)),
            new("hpms", hub, s.Equipment.Hpms.Vessels, s.Equipment.Hpms.BatchKg, "kg per batch", Calendar(k.Hpms)),
            new("jetMill", s.Equipment.MagnetLine.Site, s.Equipment.MagnetLine.JetMills, s.Equipment.MagnetLine.JetMillKgPerHour, "kg/h", Calendar(k.MagnetLine)),
            Of("press", st.Presses, k.MagnetLine),
            Of("sinteringFurnace", st.Sintering, k.MagnetLine),
            Of("heatTreatmentFurnace", st.HeatTreatment, k.MagnetLine),
            Of("machining", st.Machining, k.Machining),
            Of("coating", st.Coating, k.Finishing),
            Of("inspection", st.Inspection, k.Finishing),
        ];
    }

    private static CrewCalendar Calendar(ShiftCalendar c) => new(c.ShiftsPerDay, c.HoursPerShift, c.DaysPerWeek);

    /// <summary>Checks the section's capital, labour and pricing parts against the plant; every problem is a located error.</summary>
    public static Models Check(Plant plant, EconomicsSection section)
    {
        var map = plant.Map;
        var stations = Stations(plant);
        var spokes = plant.Scenario.Sites.Where(x => x.Kind == SiteKind.Spoke).Select(x => x.Id).ToList();
        var hubs = plant.Scenario.Sites.Where(x => x.Kind == SiteKind.Hub).Select(x => x.Id).ToList();
        var sites = plant.Scenario.Sites.Select(x => x.Id).ToHashSet();

        var capital = section.Capital;
        var curves = new Dictionary<string, CostCurve>();
        foreach (var c in capital.Equipment)
        {
            RequireKind(map, c, nameof(CostCurveSpec.Station), c.Station);
            var unit = stations.FirstOrDefault(x => x.Kind == c.Station)?.SizeUnit ?? "size";
            var curve = new CostCurve(c.ReferenceSize, unit, (decimal)c.ReferenceDeliveredUsd, c.ScalingExponent, c.InstallationFactor,
                c.Source ?? "not stated");
            if (curve.Problem() is { } problem) throw map.Error(c, nameof(CostCurveSpec.ReferenceSize), problem);
            if (!curves.TryAdd(c.Station, curve)) throw map.Error(c, nameof(CostCurveSpec.Station), $"station kind '{c.Station}' has two cost curves");
        }

        var equipment = new List<EquipmentPurchase>();
        foreach (var st in stations.Where(x => x.Size is not null && x.Count > 0))
        {
            if (!curves.TryGetValue(st.Kind, out var curve))
                throw map.Error(capital, nameof(CapitalSpec.Equipment), $"station kind '{st.Kind}' ({st.Count} units at '{st.Site}') has no cost curve");
            equipment.Add(new EquipmentPurchase(st.Kind, st.Site, st.Count, st.Size!.Value, curve));
        }

        var f = capital.Factors;
        var capitalInputs = new CapitalInputs(equipment, spokes.Select(x => new SpokeFitOut(x, (decimal)capital.SpokeFitOutUsd)).ToList(),
            new CapitalFactors(f.ServiceFacilities, f.Buildings, f.Indirect, f.Contingency), new CapitalDepreciation());

        var labour = section.Labour;
        var crews = new Dictionary<string, double>();
        foreach (var c in labour.Crews)
        {
            RequireKind(map, c, nameof(CrewSpec.Station), c.Station);
            if (!crews.TryAdd(c.Station, c.PerUnitPerShift)) throw map.Error(c, nameof(CrewSpec.Station), $"station kind '{c.Station}' has two crews");
        }

        var stationCrews = stations.Where(x => crews.ContainsKey(x.Kind)).Select(x => new StationCrew(x.Kind, x.Site, x.Count, crews[x.Kind], x.Calendar)).ToList();
        var spoke = labour.SpokeCrew;
        stationCrews.AddRange(spokes.Select(x => new StationCrew("spoke dismantling and sorting", x, 1, spoke.PerShift, Calendar(spoke.Calendar))));
        var support = new List<SupportRatio>();
        foreach (var r in labour.Support)
        {
            if (r.Role == LabourModel.OperatorRole || support.Any(x => x.Role == r.Role))
                throw map.Error(r, nameof(SupportRoleSpec.Role), $"role '{r.Role}' is listed twice (operators come from the crews)");
            support.Add(new SupportRatio(r.Role, r.ShareOfOperators, r.FixedPerHub, r.FixedPerSpoke));
        }

        var wages = new List<LoadedWage>();
        foreach (var w in labour.Wages)
        {
            if (w.Site is { } site && !sites.Contains(site))
            {
                var hint = Suggest.Nearest(site, sites);
                throw map.Error(w, nameof(WageSpec.Site), $"site '{site}' is not defined{(hint is null ? "." : $"; did you mean '{hint}'?")} Sites: {string.Join(", ", sites)}");
            }

            if (wages.Any(x => x.Role == w.Role && x.Site == w.Site)) throw map.Error(w, nameof(WageSpec.Role), $"role '{w.Role}' has two wages{(w.Site is null ? "" : $" at '{w.Site}'")}");
            wages.Add(new LoadedWage(w.Role, w.Site, (decimal)w.UsdPerYear));
        }

        var labourInputs = new LabourInputs(stationCrews, hubs, spokes, support, wages, labour.PaidHoursPerFtePerYear);
        try
        {
            LabourModel.Estimate(labourInputs);
        }
        catch (ArgumentException e)
        {
            throw map.Error(labour, nameof(LabourSection.Wages), e.Message.Split(" (Parameter", 2)[0]);
        }

        var pricing = section.MagnetPricing;
        var reference = Grade(map, pricing, nameof(MagnetPricingSpec.ReferenceGrade), pricing.ReferenceGrade);
        var p = pricing.ClassPremiumsUsdPerKg;
        var classes = new Dictionary<string, decimal>
        {
            [nameof(CoercivityClass.N)] = (decimal)p.N, [nameof(CoercivityClass.M)] = (decimal)p.M, [nameof(CoercivityClass.H)] = (decimal)p.H,
            [nameof(CoercivityClass.SH)] = (decimal)p.Sh, [nameof(CoercivityClass.UH)] = (decimal)p.Uh, [nameof(CoercivityClass.EH)] = (decimal)p.Eh,
            [nameof(CoercivityClass.AH)] = (decimal)p.Ah,
        };
        var grades = new GradePriceTable(Quote(reference), classes, (decimal)pricing.UsdPerKgPerMgoe, new Dictionary<string, decimal>(), pricing.BelowGradeShare);

        if (section.CoProductClasses.Count == 0) throw map.Error(section, nameof(EconomicsSection.CoProductClasses), "at least one co-product class is required");
        var coProducts = new CoProductPricing(section.CoProductClasses.Select(c => new CoProductClass(c.Name, c.MinRareEarthFraction, c.MaxOxygenFraction,
            c.MaxCarryOverFraction, c.PayableShare, (decimal)c.CarryOverPenaltyUsdPerKg)).ToList());
        if (coProducts.Problem() is { } classProblem) throw map.Error(section, nameof(EconomicsSection.CoProductClasses), classProblem);
        return new Models(capitalInputs, labourInputs, grades, coProducts);
    }

    /// <summary>The grade as the price table reads it.</summary>
    public static GradeQuote Quote(MagnetGrade grade) => new(grade.Class.ToString(), grade.Number);

    /// <summary>What a co-product stream contains, for pricing by content.</summary>
    public static CoProductContent Content(MassStream stream) => new(
        stream.TotalKgPerYear,
        stream[Component.Nd] + stream[Component.Pr] + stream[Component.Dy] + stream[Component.Tb],
        stream[Component.O],
        stream[Component.Steel] + stream[Component.Ni] + stream[Component.Zn] + stream[Component.Polymer] + stream[Component.Other]);

    private static MagnetGrade Grade(SourceMap map, object owner, string property, string text)
    {
        try
        {
            return MagnetGrade.Parse(text);
        }
        catch (MaterialsException e)
        {
            throw map.Error(owner, property, e.Message);
        }
    }

    private static void RequireKind(SourceMap map, object owner, string property, string kind)
    {
        if (StationKinds.Contains(kind)) return;
        var hint = Suggest.Nearest(kind, StationKinds);
        throw map.Error(owner, property, $"unknown station kind '{kind}'{(hint is null ? "." : $"; did you mean '{hint}'?")} Kinds: {string.Join(", ", StationKinds)}");
    }
}
