using MagLoop.Economics;
using MagLoop.Errors;
using MagLoop.Materials;
using MagLoop.Materials.Magnets;
using MagLoop.Plants;
using MagLoop.Studies.Scenarios;
using CostCurve = MagLoop.Economics.CostCurve;
using StationCrew = MagLoop.Economics.StationCrew;

namespace MagLoop.Studies;

/// <summary>
/// The plant as the capital and labour models see it (stations by kind with count, size and calendar; hubs and
/// spokes), and the economics section's curves, crews, grade table and co-product classes checked against it.
/// </summary>
internal static class EconomicsPlant
{
    /// <summary>Station kinds a curve or a crew may name, as the scenario writes them.</summary>
    public static readonly IReadOnlyList<string> StationKinds = [.. Enum.GetNames<StationKind>().Select(ScenarioNames.Key)];

    /// <summary>A station as the economics reads it; <paramref name="Size"/> is null for a station without equipment to buy.</summary>
    public sealed record Station(string Kind, string Site, int Count, double? Size, string? SizeUnit, CrewCalendar Calendar, Plants.CostCurve? Cost, Plants.StationCrew? Crew);

    /// <summary>The models' inputs that do not change between draws, checked.</summary>
    public sealed record Models(PlantDefinition Definition, CapitalInputs Capital, LabourInputs Labour, GradePriceTable Grades, CoProductPricing CoProducts);

    /// <summary>
    /// The definition's stations with their size (a rate in kg/h or a batch charge in kg), calendar, cost curve and
    /// crew; plus the receiving dock when the definition has no receiving station (crewed on its calendar, its
    /// cost within the building factor).
    /// </summary>
    public static IReadOnlyList<Station> Stations(PlantDefinition definition)
    {
        // Route equipment counts only where a stream takes the route: an unused line is not built.
        var stations = definition.Stations.Concat(definition.RecyclingRoutes?.StationsInUse() ?? []).Select(s => s.Throughput switch
        {
            BatchThroughput b => new Station(Kind(s.Kind), s.Site.Value, s.Units, b.BatchKg, "kg per batch", Calendar(s.Calendar), s.Cost, s.Crew),
            RateThroughput r => new Station(Kind(s.Kind), s.Site.Value, s.Units, r.RateKgPerHour, "kg/h", Calendar(s.Calendar), s.Cost, s.Crew),
            _ => new Station(Kind(s.Kind), s.Site.Value, s.Units, null, null, Calendar(s.Calendar), s.Cost, s.Crew),
        }).ToList();
        if (definition.StationOfKind(StationKind.Receiving) is null)
            stations.Insert(0, new Station(Kind(StationKind.Receiving), definition.Hub.Id.Value, 1, null, null, Calendar(definition.Simulation.ReceivingCalendar), null, null));
        return stations;
    }

    /// <summary>
    /// The definition with each station's cost curve and crew set from the economics section (by station kind)
    /// where the definition has none of its own; every model reads them from there.
    /// </summary>
    public static PlantDefinition Equip(PlantDefinition definition, EconomicsSection section, SourceMap map)
    {
        var curves = new Dictionary<string, Plants.CostCurve>();
        foreach (var c in section.Capital.Equipment)
        {
            RequireKind(map, c, nameof(CostCurveSpec.Station), c.Station);
            var curve = new Plants.CostCurve(c.ReferenceDeliveredUsd, c.ReferenceSize, c.ScalingExponent, c.InstallationFactor, c.Source ?? "not stated");
            if (ToModel(curve, "size").Problem() is { } problem) throw map.Error(c, nameof(CostCurveSpec.ReferenceSize), problem);
            if (!curves.TryAdd(c.Station, curve)) throw map.Error(c, nameof(CostCurveSpec.Station), $"station kind '{c.Station}' has two cost curves");
        }

        var crews = new Dictionary<string, Plants.StationCrew>();
        foreach (var c in section.Labour.Crews)
        {
            RequireKind(map, c, nameof(CrewSpec.Station), c.Station);
            if (!crews.TryAdd(c.Station, new Plants.StationCrew(c.PerUnitPerShift, "economics.labour.crews")))
                throw map.Error(c, nameof(CrewSpec.Station), $"station kind '{c.Station}' has two crews");
        }

        StationDefinition Equipped(StationDefinition s) => s with
        {
            Cost = s.Cost ?? curves.GetValueOrDefault(Kind(s.Kind)),
            Crew = s.Crew ?? crews.GetValueOrDefault(Kind(s.Kind)),
        };
        var routes = definition.RecyclingRoutes;
        return definition with
        {
            Stations = [.. definition.Stations.Select(Equipped)],
            RecyclingRoutes = routes is null ? null : routes with
            {
                Medium = routes.Medium is { } m ? m with { Stations = [.. m.Stations.Select(Equipped)] } : null,
                Long = routes.Long is { } l ? l with { Stations = [.. l.Stations.Select(Equipped)] } : null,
            },
        };
    }

    private static string Kind(StationKind kind) => ScenarioNames.Key(kind.ToString());

    private static CostCurve ToModel(Plants.CostCurve c, string sizeUnit) =>
        new(c.ReferenceSize, sizeUnit, (decimal)c.ReferenceCostUsd, c.ScalingExponent, c.InstallationFactor, c.Source);

    private static CrewCalendar Calendar(WorkCalendar c) => new(c.ShiftsPerDay, c.HoursPerShift, c.DaysPerWeek);

    private static CrewCalendar Calendar(ShiftCalendar c) => new(c.ShiftsPerDay, c.HoursPerShift, c.DaysPerWeek);

    /// <summary>Checks the section's capital, labour and pricing parts against the plant; every problem is a located error.</summary>
    public static Models Check(Plant plant, EconomicsSection section)
    {
        var map = plant.Map;
        var definition = Equip(plant.Definition, section, map);
        var stations = Stations(definition);
        var spokes = definition.Sites.Where(x => x.Role == SiteRole.Spoke).Select(x => x.Id.Value).ToList();
        var hubs = definition.Sites.Where(x => x.Role == SiteRole.Hub).Select(x => x.Id.Value).ToList();
        var sites = definition.Sites.Select(x => x.Id.Value).ToHashSet();

        var capital = section.Capital;
        var equipment = new List<EquipmentPurchase>();
        foreach (var st in stations.Where(x => x.Size is not null && x.Count > 0))
        {
            if (st.Cost is not { } cost)
                throw map.Error(capital, nameof(CapitalSpec.Equipment), $"station kind '{st.Kind}' ({st.Count} units at '{st.Site}') has no cost curve");
            equipment.Add(new EquipmentPurchase(st.Kind, st.Site, st.Count, st.Size!.Value, ToModel(cost, st.SizeUnit!)));
        }

        var f = capital.Factors;
        var capitalInputs = new CapitalInputs(equipment, spokes.Select(x => new SpokeFitOut(x, (decimal)capital.SpokeFitOutUsd)).ToList(),
            new CapitalFactors(f.ServiceFacilities, f.Buildings, f.Indirect, f.Contingency), new CapitalDepreciation());

        var labour = section.Labour;
        // The receiving dock is not a station of the definition: its crew comes from the section directly.
        var dockCrew = labour.Crews.FirstOrDefault(c => c.Station == Kind(StationKind.Receiving))?.PerUnitPerShift;
        var stationCrews = stations.Where(x => x.Crew is not null || (x.Kind == Kind(StationKind.Receiving) && dockCrew is not null))
            .Select(x => new StationCrew(x.Kind, x.Site, x.Count, x.Crew?.OperatorsPerUnitPerShift ?? dockCrew!.Value, x.Calendar)).ToList();
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
        return new Models(definition, capitalInputs, labourInputs, grades, coProducts);
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
