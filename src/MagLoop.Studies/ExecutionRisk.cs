using System.Globalization;
using MagLoop.Economics;
using MagLoop.Economics.Financing;
using MagLoop.Plants;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies;

/// <summary>What one draw of the execution drivers gives.</summary>
/// <param name="ConstructionDelayMonths">Construction delay (brings the overrun).</param>
/// <param name="FinancingCloses">True when the export credit closes.</param>
/// <param name="RampUpStretch">Factor on each ramp-up step's duration (at least 1).</param>
/// <param name="SupplyShares">Feed id to share of planned supply (at most 1); feeds not listed keep their plan.</param>
/// <param name="Policy">The supporting policy switched off, or null when it holds.</param>
internal sealed record ExecutionDraw(double ConstructionDelayMonths, bool FinancingCloses, double RampUpStretch, IReadOnlyDictionary<string, double> SupplyShares, PolicyChange? Policy)
{
    /// <summary>Everything as planned.</summary>
    public static ExecutionDraw Plan { get; } = new(0, true, 1, new Dictionary<string, double>(), null);
}

/// <summary>
/// The execution drivers of <c>economics.risk.execution</c>: their distributions (sampled after the price and cost
/// drivers, in the same copula), their correlations, the value each draw takes, and the tornado cases. Built once
/// by <see cref="Create"/>, whose checks are located.
/// </summary>
internal sealed class ExecutionRisk
{
    private const string Delay = "constructionDelayMonths";
    private const string Close = "financingClose";
    private const string Stretch = "rampUpStretch";
    private const string PolicyDriver = "policy";
    private const string SupplyPrefix = "supply.";

    private readonly List<string> _names = [];
    private readonly List<UncertainInput> _inputs = [];

    private ExecutionRisk(ExecutionRiskSpec spec, FinancingTerms? fallbackTerms, DateOnly? noticeToProceed)
    {
        Spec = spec;
        FallbackTerms = fallbackTerms;
        NoticeToProceed = noticeToProceed;
    }

    /// <summary>The section.</summary>
    public ExecutionRiskSpec Spec { get; }

    /// <summary>The financing when the export credit does not close (null without financing).</summary>
    public FinancingTerms? FallbackTerms { get; }

    /// <summary>Start of construction, if the scenario gives it.</summary>
    public DateOnly? NoticeToProceed { get; }

    /// <summary>The execution drivers' distributions, in draw order (after the price and cost drivers).</summary>
    public IReadOnlyList<UncertainInput> Inputs => _inputs;

    /// <summary>Correlations naming execution drivers.</summary>
    public IReadOnlyList<Correlation> Correlations { get; private set; } = [];

    /// <summary>The section checked against the plant, the price and cost drivers and the financing; null without one.</summary>
    public static ExecutionRisk? Create(Plant plant, EconomicsSection section, IReadOnlyList<UncertainInput> economicInputs, FinancingTerms? terms)
    {
        if (section.Risk.Execution is not { } spec) return null;
        var map = plant.Map;
        DateOnly? start = null;
        if (spec.NoticeToProceed is { } text)
        {
            if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw map.Error(spec, nameof(ExecutionRiskSpec.NoticeToProceed), $"'{text}' is not a year and month such as 2025-07");
            start = date;
        }

        FinancingTerms? fallback = null;
        if (spec.FinancingClose is { } close)
        {
            if (terms is null || !terms.Tranches.Any(t => t.Kind == TrancheKind.ExportCredit))
                throw map.Error(close, null, "financingClose needs economics.financing with an exportCredit tranche");
            var exportShare = terms.Tranches.Where(t => t.Kind == TrancheKind.ExportCredit).Sum(t => t.Share);
            if (close.Fallback is { } f)
            {
                if (f.Kind == TrancheKind.Equity) throw map.Error(f, nameof(TrancheSpec.Kind), "the fallback is debt (commercial or exportCredit); leave it out for equity");
                if (f.Share > exportShare + 1e-12)
                    throw map.Error(f, nameof(TrancheSpec.Share), $"the fallback's share ({f.Share:G6}) exceeds the export-credit tranches' ({exportShare:G6}) it replaces");
                if (f.TenorYears > section.OperatingYears)
                    throw map.Error(f, nameof(TrancheSpec.TenorYears), $"the fallback ({f.TenorYears} years) is longer than the project's operating life ({section.OperatingYears} years)");
            }

            fallback = FinancingStudy.WithoutExportCredit(terms, close.Fallback is { } fb ? FinancingStudy.Tranche(fb) : null);
            if (fallback.Problem() is { } problem) throw map.Error(close, nameof(FinancingCloseSpec.Fallback), $"{problem.Field}: {problem.Message}");
        }

        var risk = new ExecutionRisk(spec, fallback, start);
        if (spec.ConstructionDelayMonths is { } delay) risk.Add(Delay, Distribution(map, delay));
        if (spec.FinancingClose is not null) risk.Add(Close, Economics.Distribution.Uniform(0, 1));
        if (spec.RampUpStretch is { } stretch) risk.Add(Stretch, Distribution(map, stretch));
        var feeds = plant.Definition.Feeds.Select(f => f.Id.Value).ToHashSet();
        foreach (var s in spec.Supply)
        {
            if (!feeds.Contains(s.Feed))
            {
                var hint = Errors.Suggest.Nearest(s.Feed, feeds);
                throw map.Error(s, nameof(SupplyShortfallSpec.Feed), $"feed '{s.Feed}' is not defined{(hint is null ? "" : $"; did you mean '{hint}'?")}");
            }

            if (risk._names.Contains(SupplyPrefix + s.Feed)) throw map.Error(s, nameof(SupplyShortfallSpec.Feed), $"feed '{s.Feed}' has two supply distributions");
            risk.Add(SupplyPrefix + s.Feed, Distribution(map, s.Share));
        }

        if (spec.Policy is { } policy)
        {
            if (policy.ToOperatingYear < policy.FromOperatingYear)
                throw map.Error(policy, nameof(PolicyChangeSpec.ToOperatingYear), $"toOperatingYear ({policy.ToOperatingYear}) is before fromOperatingYear ({policy.FromOperatingYear})");
            if (policy.EndsTaxCredit && section.TaxCredit is null)
                throw map.Error(policy, nameof(PolicyChangeSpec.EndsTaxCredit), "the scenario has no economics.taxCredit to end");
            risk.Add(PolicyDriver, Economics.Distribution.Uniform(0, 1));
        }

        var known = economicInputs.Select(i => i.Driver).Concat(risk._names).ToHashSet();
        var pairs = new HashSet<(string, string)>();
        var correlations = new List<Correlation>();
        foreach (var c in spec.Correlations)
        {
            foreach (var (name, field) in new[] { (c.A, nameof(ExecutionCorrelationSpec.A)), (c.B, nameof(ExecutionCorrelationSpec.B)) })
            {
                if (known.Contains(name)) continue;
                var hint = Errors.Suggest.Nearest(name, known);
                throw map.Error(c, field, $"'{name}' has no distribution{(hint is null ? "" : $"; did you mean '{hint}'?")} Drawn: {string.Join(", ", known)}");
            }

            if (c.A == c.B) throw map.Error(c, nameof(ExecutionCorrelationSpec.B), $"a driver cannot be correlated with itself ('{c.A}')");
            if (!risk._names.Contains(c.A) && !risk._names.Contains(c.B))
                throw map.Error(c, nameof(ExecutionCorrelationSpec.A), "correlate price and cost drivers in risk.correlations; these correlations name an execution driver");
            if (!pairs.Add(string.CompareOrdinal(c.A, c.B) < 0 ? (c.A, c.B) : (c.B, c.A)))
                throw map.Error(c, nameof(ExecutionCorrelationSpec.B), $"'{c.A}' and '{c.B}' are correlated twice: give each pair one rho");
            correlations.Add(new Correlation(c.A, c.B, c.Rho));
        }

        risk.Correlations = correlations;
        return risk;
    }

    /// <summary>The draw that <paramref name="values"/> (one per <see cref="Inputs"/>, in order) stand for.</summary>
    public ExecutionDraw Draw(ReadOnlySpan<double> values)
    {
        var draw = ExecutionDraw.Plan with { SupplyShares = new Dictionary<string, double>() };
        for (var i = 0; i < _names.Count; i++) draw = With(draw, _names[i], values[i]);
        return draw;
    }

    // The draw with one driver at its value; supply shares go into the draw's own dictionary.
    private ExecutionDraw With(ExecutionDraw draw, string name, double v)
    {
        switch (name)
        {
            case Delay: return draw with { ConstructionDelayMonths = Math.Max(0, v) };
            case Close: return draw with { FinancingCloses = v < Spec.FinancingClose!.Probability };
            case Stretch: return draw with { RampUpStretch = Math.Max(1, v) };
            case PolicyDriver: return draw with { Policy = PolicyAt(v) };
            default:
                ((Dictionary<string, double>)draw.SupplyShares)[name[SupplyPrefix.Length..]] = Math.Clamp(v, 0, 1);
                return draw;
        }
    }

    /// <summary>Months from the notice to proceed to first production in a draw.</summary>
    public double FirstProductionMonths(int constructionYears, ExecutionDraw draw) => (constructionYears * 12) + TotalDelayMonths(draw);

    /// <summary>The delay of first production: the construction delay, and the fallback's when the export credit does not close.</summary>
    public double TotalDelayMonths(ExecutionDraw draw) => draw.ConstructionDelayMonths + (draw.FinancingCloses ? 0 : Spec.FinancingClose?.DelayMonths ?? 0);

    /// <summary>A date <paramref name="months"/> after the notice to proceed, as yyyy-MM (null without one).</summary>
    public string? Date(double months) => NoticeToProceed?.AddMonths((int)Math.Round(months)).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// The tornado cases: each execution driver alone at its low and high value (P10 and P90 of its distribution;
    /// fails and closes; switched off from the earliest year and never), the rest as planned.
    /// </summary>
    public IEnumerable<(string Driver, double Low, double High, ExecutionDraw LowDraw, ExecutionDraw HighDraw)> TornadoCases()
    {
        for (var i = 0; i < _names.Count; i++)
        {
            var name = _names[i];
            var d = _inputs[i].Distribution;
            switch (name)
            {
                case Close:
                    yield return (name, 0, 1, ExecutionDraw.Plan with { FinancingCloses = false }, ExecutionDraw.Plan);
                    break;
                case PolicyDriver:
                    yield return (name, 0, 1, ExecutionDraw.Plan with { Policy = PolicyAt(0) }, ExecutionDraw.Plan);
                    break;
                default:
                    var (low, high) = (d.Quantile(0.1), d.Quantile(0.9));
                    yield return (name, low, high, Alone(name, low), Alone(name, high));
                    break;
            }
        }
    }

    private ExecutionDraw Alone(string name, double value) => With(ExecutionDraw.Plan with { SupplyShares = new Dictionary<string, double>() }, name, value);

    private PolicyChange? PolicyAt(double u)
    {
        var p = Spec.Policy!;
        if (u >= p.Probability) return null;
        // Given the switch-off, u / p is uniform on [0, 1): the year is drawn evenly over the window.
        var years = p.ToOperatingYear - p.FromOperatingYear + 1;
        var year = p.FromOperatingYear + Math.Min(years - 1, (int)Math.Floor(u / p.Probability * years));
        return new PolicyChange(year, p.MagnetPriceShare, p.EndsTaxCredit);
    }

    private void Add(string name, Distribution distribution)
    {
        _names.Add(name);
        _inputs.Add(new UncertainInput(name, distribution));
    }

    private static Distribution Distribution(SourceMap map, ExecutionDistributionSpec d)
    {
        double Need(double? value, string field) => value ?? throw map.Error(d, field, $"a {ScenarioNames.Key(d.Kind.ToString())} distribution needs '{ScenarioNames.Key(field)}'");
        var distribution = d.Kind switch
        {
            DistributionKind.Triangular => Economics.Distribution.Triangular(Need(d.Low, nameof(d.Low)), Need(d.Mode, nameof(d.Mode)), Need(d.High, nameof(d.High))),
            DistributionKind.Pert => Economics.Distribution.Pert(Need(d.Low, nameof(d.Low)), Need(d.Mode, nameof(d.Mode)), Need(d.High, nameof(d.High))),
            DistributionKind.Normal => Economics.Distribution.Normal(Need(d.Mean, nameof(d.Mean)), Need(d.StdDev, nameof(d.StdDev))),
            DistributionKind.Lognormal => Economics.Distribution.Lognormal(Need(d.Median, nameof(d.Median)), Need(d.Sigma, nameof(d.Sigma))),
            _ => Economics.Distribution.Uniform(Need(d.Low, nameof(d.Low)), Need(d.High, nameof(d.High))),
        };
        if (distribution.Problem() is { } problem) throw map.Error(d, nameof(ExecutionDistributionSpec.Kind), problem);
        return distribution;
    }
}

/// <summary>A plant whose scrap supply falls short of plan, feed by feed (execution risk).</summary>
public static class ExecutionSupply
{
    /// <summary>
    /// The definition with each listed feed's supply multiplied by its share (clamped to [0, 1]); other feeds keep
    /// their plan. The flowsheet is rebuilt from the result by the one factory.
    /// </summary>
    public static PlantDefinition Apply(PlantDefinition definition, IReadOnlyDictionary<string, double> shares)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(shares);
        return definition with
        {
            Feeds = [.. definition.Feeds.Select(f => shares.TryGetValue(f.Id.Value, out var share) ? f with { SupplyKgPerYear = f.SupplyKgPerYear * Math.Clamp(share, 0, 1) } : f)],
        };
    }
}
