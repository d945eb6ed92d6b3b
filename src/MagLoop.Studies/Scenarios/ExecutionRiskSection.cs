using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MagLoop.Economics;

namespace MagLoop.Studies.Scenarios;

// The scenario's `economics.risk.execution:` section: what can go wrong between the letter of interest and full
// production. Every figure in the bundled scenarios is an engineering assumption; docs/model-economics.md.

/// <summary>Execution risk drawn in the same Monte Carlo as prices and costs.</summary>
[Description("Execution risk, drawn in the same Monte Carlo (and copula) as the price and cost drivers: construction delay with its overrun and interest, the export credit not closing, scrap supply short of plan by feed, a slower ramp-up, a supporting policy switched off. Each driver also gets a tornado bar (its P10 and P90, or off and on).")]
public sealed class ExecutionRiskSpec
{
    /// <summary>Notice to proceed.</summary>
    [Description("Notice to proceed (start of construction) as yyyy-MM, so first production is reported as a date. Absent: as months after the start.")]
    public string? NoticeToProceed { get; init; }

    /// <summary>Construction delay.</summary>
    [Description("Construction delay, months beyond the planned construction years: production starts that much later, the overrun below is spent, and the debt accrues more interest during construction.")]
    public ExecutionDistributionSpec? ConstructionDelayMonths { get; init; }

    /// <summary>Overrun per month of delay.</summary>
    [Range(0.0, 1.0), Description("Capital overrun per month of delay, as a share of initial capital, spent over the delay months. Default 0.01: engineering assumption.")]
    public double OverrunSharePerMonth { get; init; } = 0.01;

    /// <summary>Financing close.</summary>
    [Description("The export-credit financing closing or not, and the terms it leaves when it does not.")]
    public FinancingCloseSpec? FinancingClose { get; init; }

    /// <summary>Slower ramp-up.</summary>
    [Description("Factor on the time spent at each ramp-up step (1 = as planned, 2 = twice as slow); values below 1 are read as 1.")]
    public ExecutionDistributionSpec? RampUpStretch { get; init; }

    /// <summary>Supply short of plan.</summary>
    [Description("Scrap supply as a share of plan, by feed (at most 1); the plant is re-solved on the drawn supply.")]
    public IReadOnlyList<SupplyShortfallSpec> Supply { get; init; } = [];

    /// <summary>Policy change.</summary>
    [Description("A supporting policy (price floor, tariff on imported magnets, production tax credit) switched off from a drawn year.")]
    public PolicyChangeSpec? Policy { get; init; }

    /// <summary>Correlations.</summary>
    [Description("Correlations between execution drivers and with the price and cost drivers (names: constructionDelayMonths, financingClose, rampUpStretch, policy, supply.<feed id>, or a driver of risk.distributions).")]
    public IReadOnlyList<ExecutionCorrelationSpec> Correlations { get; init; } = [];
}

/// <summary>A distribution of an execution driver's value.</summary>
[Description("Distribution of an execution driver's value (months, factor or share): triangular/pert (low, mode, high), normal (mean, stdDev), lognormal (median, sigma of ln), uniform (low, high).")]
public sealed class ExecutionDistributionSpec
{
    /// <summary>Kind.</summary>
    [Required, Description("triangular, pert, normal, lognormal or uniform.")]
    public DistributionKind Kind { get; init; }

    /// <summary>Low.</summary>
    [Range(0.0, 600.0), Description("Low (triangular, pert, uniform).")]
    public double? Low { get; init; }

    /// <summary>Mode.</summary>
    [Range(0.0, 600.0), Description("Most likely value (triangular, pert).")]
    public double? Mode { get; init; }

    /// <summary>High.</summary>
    [Range(0.0, 600.0), Description("High (triangular, pert, uniform).")]
    public double? High { get; init; }

    /// <summary>Mean.</summary>
    [Range(0.0, 600.0), Description("Mean (normal).")]
    public double? Mean { get; init; }

    /// <summary>Standard deviation.</summary>
    [Range(0.0, 600.0), Description("Standard deviation (normal).")]
    public double? StdDev { get; init; }

    /// <summary>Median.</summary>
    [Range(0.0, 600.0), Description("Median (lognormal).")]
    public double? Median { get; init; }

    /// <summary>Sigma of ln.</summary>
    [Range(0.0, 10.0), Description("Standard deviation of the natural logarithm (lognormal).")]
    public double? Sigma { get; init; }
}

/// <summary>Financing close.</summary>
[Description("Whether the export credit closes: a probability, and the terms that replace it when it does not.")]
public sealed class FinancingCloseSpec
{
    /// <summary>Probability.</summary>
    [Required, Range(0.0, 1.0), Description("Probability that the export-credit tranches close as planned.")]
    public double Probability { get; init; }

    /// <summary>Delay.</summary>
    [Range(0.0, 120.0), Description("Months the project loses arranging the fallback when the export credit does not close (added to the construction delay). Default 0.")]
    public double DelayMonths { get; init; }

    /// <summary>Fallback.</summary>
    [Description("The tranche that replaces the export-credit tranches when they do not close (its share at most theirs; equity takes the rest). Absent: equity replaces them.")]
    public TrancheSpec? Fallback { get; init; }
}

/// <summary>Supply of one feed short of plan.</summary>
[Description("A feed's supply as a share of plan.")]
public sealed class SupplyShortfallSpec
{
    /// <summary>Feed id.</summary>
    [Required, Description("Feed id.")]
    public string Feed { get; init; } = "";

    /// <summary>Distribution.</summary>
    [Required, Description("Distribution of the share of plan (values above 1 are read as 1).")]
    public ExecutionDistributionSpec Share { get; init; } = new();
}

/// <summary>A supporting policy switched off.</summary>
[Description("A supporting policy that may be switched off: with probability, from an operating year drawn uniformly between fromOperatingYear and toOperatingYear.")]
public sealed class PolicyChangeSpec
{
    /// <summary>Name.</summary>
    [Required, Description("What the policy is, such as 'tariffs on imported magnets'.")]
    public string Name { get; init; } = "";

    /// <summary>Probability.</summary>
    [Required, Range(0.0, 1.0), Description("Probability that it is switched off within the window.")]
    public double Probability { get; init; }

    /// <summary>First year.</summary>
    [Range(1, 100), Description("Earliest operating year it may be switched off from. Default 1.")]
    public int FromOperatingYear { get; init; } = 1;

    /// <summary>Last year.</summary>
    [Range(1, 100), Description("Latest operating year it may be switched off from. Default 10.")]
    public int ToOperatingYear { get; init; } = 10;

    /// <summary>Price share lost.</summary>
    [Range(0.0, 1.0), Description("Share of the magnet price that rests on the policy (a floor or a tariff) and is lost. Default 0.")]
    public double MagnetPriceShare { get; init; }

    /// <summary>Tax credit ends.</summary>
    [Description("True: the scenario's production tax credit ends too. Default false.")]
    public bool EndsTaxCredit { get; init; }
}

/// <summary>A correlation naming execution drivers.</summary>
[Description("Correlation between two drivers' draws (Gaussian copula), by name.")]
public sealed class ExecutionCorrelationSpec
{
    /// <summary>First driver.</summary>
    [Required, Description("First driver: constructionDelayMonths, financingClose, rampUpStretch, policy, supply.<feed id>, or a driver of risk.distributions.")]
    public string A { get; init; } = "";

    /// <summary>Second driver.</summary>
    [Required, Description("Second driver.")]
    public string B { get; init; } = "";

    /// <summary>Correlation.</summary>
    [Required, Range(-0.999, 0.999), Description("Correlation of the underlying normal draws.")]
    public double Rho { get; init; }
}
